import Foundation
import PalermoCore
import PalermoReport
import Plot

/// Merging two cases about one person: for each field where they differ, which value the kept case keeps.
struct MergePage {
    struct Row { let name: String; let label: String; let mine: String; let theirs: String }

    let title: String
    let intro: String
    let action: String
    let csrf: String
    let other: String
    let keptCode: String
    let otherCode: String
    let rows: [Row]
    let sameText: String?
    let button: String

    init(_ w: Wording, kept: CaseRecord, other: CaseRecord, csrf: String) {
        title = w("merge.title", ["kept": kept.caseCode, "other": other.caseCode])
        intro = w("merge.intro", ["kept": kept.caseCode, "other": other.caseCode])
        action = "/cases/\(kept.id)/merge"
        self.csrf = csrf
        self.other = other.id.uuidString
        keptCode = kept.caseCode
        otherCode = other.caseCode
        rows = HTCDS.fields.compactMap { field in
            let mine = kept.fields[field.name], theirs = other.fields[field.name]
            guard mine != theirs else { return nil }
            return Row(
                name: field.name, label: w.label(field),
                mine: mine.map { CaseRecordPage.display($0, field, w) } ?? "—",
                theirs: theirs.map { CaseRecordPage.display($0, field, w) } ?? "—")
        }
        sameText = rows.isEmpty ? w("merge.same") : nil
        button = w("merge.button")
    }

    /// One group of two choices per field that differs: the kept case's value or the other's.
    var view: Node<HTML.BodyContext> {
        .group(
            .h1(.words(title)),
            .p(.words(intro)),
            FormMarkup.form(
                method: "post", action: action, .attr("id", "merge-form"),
                FormMarkup.hidden("_csrf", csrf), FormMarkup.hidden("other", other),
                .unwrap(sameText) { .p(.words($0)) },
                .forEach(rows) { row in
                    FormMarkup.fieldset(
                        .class("merge-field"),
                        FormMarkup.legend(.words(row.label)),
                        Self.choice(row.name, "keep", keptCode + ": ", row.mine, checked: true),
                        Self.choice(row.name, "take", otherCode + ": ", row.theirs, checked: false))
                },
                FormMarkup.button(button)))
    }

    static func choice(
        _ name: String, _ value: String, _ source: String, _ text: String, checked: Bool
    )
        -> Node<HTML.BodyContext>
    {
        FormMarkup.label(
            .class("check"),
            FormMarkup.input(
                [.attr("type", "radio"), .attr("name", "choice.\(name)"), .attr("value", value)]
                    + (checked ? [.attr("checked", "checked")] : [])),
            .text(" "), .words(source), .span(.attr("translate", "no"), .words(text)))
    }
}
