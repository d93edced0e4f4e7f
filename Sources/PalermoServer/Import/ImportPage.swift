import Foundation
import PalermoCore
import PalermoReport
import Plot

/// Importing cases in the browser: choose a file, see what it would do (every problem by row and field, the
/// possible duplicates), then confirm. Nothing is written before the confirmation.
struct ImportPage {
    struct Preview {
        let heading: String
        let summary: String
        let problemsHeading: String
        let problemColumns: [String]
        let problems: [[String]]
        let duplicatesHeading: String
        let duplicates: [(row: String, text: String, href: String?)]
        let confirm: (token: String, label: String, note: String)?
        let fixNote: String?
    }

    let title: String
    let intro: String
    let notice: String?
    let fileLabel: String
    let uploadLabel: String
    let csrf: String
    let preview: Preview?

    init(_ w: Wording, csrf: String, notice: String? = nil, preview plan: (ImportPlan, String, String?)? = nil) {
        title = w("import.title")
        intro = w("import.intro")
        self.notice = notice
        fileLabel = w("import.file")
        uploadLabel = w("import.preview")
        self.csrf = csrf
        preview = plan.map { plan, filename, token in
            let text = ValidationText(w)
            return Preview(
                heading: w("import.previewOf", ["file": filename]),
                summary: w(
                    "import.summary",
                    [
                        "rows": w.number(plan.rows), "new": w.number(plan.created), "updated": w.number(plan.updated),
                        "unchanged": w.number(plan.unchanged),
                    ]),
                problemsHeading: w("import.problems", ["n": w.number(plan.issues.count)]),
                problemColumns: ["import.row", "import.field", "import.problem"].map { w($0) },
                problems: plan.issues.prefix(500).map { issue in
                    [issue.row.map { w.number($0) } ?? "—", text.fieldLabel(issue.field), text.message(issue)]
                },
                duplicatesHeading: w("import.duplicates", ["n": w.number(plan.duplicates.count)]),
                duplicates: plan.duplicates.map { duplicate in
                    (
                        w.number(duplicate.row),
                        duplicate.caseCode.map { w("import.sameAsCase", ["code": $0]) }
                            ?? w("import.sameAsRow", ["row": w.number(duplicate.earlierRow ?? 0)]),
                        duplicate.caseID.map { "/cases/\($0)" }
                    )
                },
                confirm: plan.issues.isEmpty
                    ? token.map { ($0, w("import.confirm"), w("import.confirmNote")) } : nil,
                fixNote: plan.issues.isEmpty ? nil : w("import.fixNote"))
        }
    }

    var view: Node<HTML.BodyContext> {
        .group(
            .h1(.words(title)),
            .unwrap(notice) { .p(.class("notice"), .attr("role", "status"), .words($0)) },
            .unwrap(preview) { Self.previewView($0, csrf: csrf) },
            .p(.words(intro)),
            .el(
                "form",
                .attr("method", "post"), .attr("action", "/cases/import/preview"),
                .attr("enctype", "multipart/form-data"), .class("stacked"),
                FormMarkup.hidden("_csrf", csrf),
                FormMarkup.label(
                    .words(fileLabel + " "),
                    FormMarkup.input([
                        .attr("type", "file"), .attr("name", "file"), .attr("accept", ".csv,.xlsx,text/csv"),
                        .attr("required", "required"),
                    ])),
                FormMarkup.button(uploadLabel))
        )
    }

    static func previewView(_ preview: Preview, csrf: String) -> Node<HTML.BodyContext> {
        .section(
            .attr("id", "preview"),
            .h2(.words(preview.heading)),
            .p(.attr("role", "status"), .words(preview.summary)),
            .if(
                !preview.problems.isEmpty,
                .div(
                    .class("alert"), .attr("role", "alert"),
                    .h3(.words(preview.problemsHeading)),
                    .unwrap(preview.fixNote) { .p(.words($0)) },
                    .div(
                        .class("table-wrap"),
                        .table(
                            .attr("id", "import-problems"),
                            .thead(.tr(.forEach(preview.problemColumns) { .th(.attr("scope", "col"), .words($0)) })),
                            .tbody(.forEach(preview.problems) { row in .tr(.forEach(row) { .td(.words($0)) }) }))))),
            .if(
                !preview.duplicates.isEmpty,
                .div(
                    .class("alert warning"),
                    .h3(.words(preview.duplicatesHeading)),
                    .ul(
                        .attr("id", "import-duplicates"),
                        .forEach(preview.duplicates) { duplicate in
                            .li(
                                .words(duplicate.row + ": "),
                                .unwrap(
                                    duplicate.href, { .a(.attr("href", $0), .words(duplicate.text)) },
                                    else: .words(duplicate.text)))
                        }))),
            .unwrap(preview.confirm) { confirm in
                FormMarkup.form(
                    method: "post", action: "/cases/import/confirm", .attr("id", "confirm-import"),
                    FormMarkup.hidden("_csrf", csrf), FormMarkup.hidden("token", confirm.token),
                    .p(.words(confirm.note)), FormMarkup.button(confirm.label))
            })
    }
}
