import Foundation
import PalermoCore
import PalermoReport
import PalermoStore
import Plot

/// A report's evidence documents: each a download link with its kind, size and checksum; for the focal point, a
/// button to remove it and the form to attach another.
struct EvidenceList {
    let heading: String
    let round: String
    let items: [(href: String, name: String, facts: String, remove: String)]
    let none: String
    /// The upload form (label, button, what is taken), for the focal point while the round is open.
    let upload: (label: String, button: String, hint: String)?
    let removeLabel: String

    init(_ w: Wording, round: UUID, records: [EvidenceRecord], removable: Bool, showsCountry: Bool = false) {
        heading = w("evidence.heading")
        self.round = round.uuidString
        items = records.map { record in
            let size = w.amount((Double(record.bytes) / 1024).rounded(.up))
            return (
                "/rounds/\(round)/evidence/\(record.id)", record.filename,
                (showsCountry ? w.country(record.country) + " · " : "")
                    + w("evidence.facts", ["kb": size, "sha": String(record.sha256.prefix(12))]),
                "/rounds/\(round)/evidence/\(record.id)/remove"
            )
        }
        none = w("evidence.none")
        upload = removable ? (w("evidence.file"), w("evidence.attach"), w("evidence.hint")) : nil
        removeLabel = removable ? w("evidence.remove") : ""
    }

    func view(csrf: String) -> Node<HTML.BodyContext> {
        .section(
            .id("report-evidence"),
            .h2(.words(heading)),
            items.isEmpty
                ? .p(.words(none))
                : .ul(
                    .forEach(items) { item in
                        .li(
                            .a(.attr("href", item.href), .attr("translate", "no"), .words(item.name)),
                            .text(" "), .span(.class("hint"), .words(item.facts)),
                            .if(
                                !removeLabel.isEmpty,
                                FormMarkup.form(
                                    method: "post", action: item.remove, .class("inline"),
                                    FormMarkup.hidden("_csrf", csrf), FormMarkup.button(removeLabel))))
                    }),
            .unwrap(upload) { upload in
                FormMarkup.form(
                    method: "post", action: "/rounds/\(round)/evidence", .attr("enctype", "multipart/form-data"),
                    .class("stacked"), .id("evidence-form"),
                    FormMarkup.hidden("_csrf", csrf),
                    FormMarkup.label(
                        .words(upload.label + " "),
                        FormMarkup.input([
                            .attr("type", "file"), .attr("name", "file"), .attr("required", "required"),
                            .attr("accept", ".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.odt,.ods,.csv,.txt"),
                        ])),
                    .p(.class("hint"), .words(upload.hint)),
                    FormMarkup.button(upload.button))
            })
    }
}
