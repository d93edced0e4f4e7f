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
    let columns: [String]
    let rows: [Row]
    let sameText: String?
    let button: String
    let keepLabel: String
    let takeLabel: String

    init(_ w: Wording, kept: CaseRecord, other: CaseRecord, csrf: String) {
        title = w("merge.title", ["kept": kept.caseCode, "other": other.caseCode])
        intro = w("merge.intro", ["kept": kept.caseCode, "other": other.caseCode])
        action = "/cases/\(kept.id)/merge"
        self.csrf = csrf
        self.other = other.id.uuidString
        columns = [w("merge.field"), kept.caseCode, other.caseCode]
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
        keepLabel = w("merge.keep", ["code": kept.caseCode])
        takeLabel = w("merge.take", ["code": other.caseCode])
    }

    var view: Node<HTML.BodyContext> {
        .group(
            .h1(.words(title)),
            .p(.words(intro)),
            FormMarkup.form(
                method: "post", action: action, .attr("id", "merge-form"),
                FormMarkup.hidden("_csrf", csrf), FormMarkup.hidden("other", other),
                .unwrap(sameText) { .p(.words($0)) },
                .if(
                    !rows.isEmpty,
                    .div(
                        .class("table-wrap"),
                        .table(
                            .thead(.tr(.forEach(columns) { .th(.attr("scope", "col"), .words($0)) })),
                            .tbody(
                                .forEach(rows) { row in
                                    .tr(
                                        .th(.attr("scope", "row"), .words(row.label)),
                                        .td(Self.choice(row.name, "keep", row.mine, keepLabel, checked: true)),
                                        .td(Self.choice(row.name, "take", row.theirs, takeLabel, checked: false)))
                                })))),
                FormMarkup.button(button)))
    }

    static func choice(_ name: String, _ value: String, _ text: String, _ label: String, checked: Bool)
        -> Node<HTML.BodyContext>
    {
        FormMarkup.label(
            FormMarkup.input(
                [
                    .attr("type", "radio"), .attr("name", "choice.\(name)"), .attr("value", value),
                    .attr("aria-label", label),
                ] + (checked ? [.attr("checked", "checked")] : [])),
            .text(" "), .words(text))
    }
}
