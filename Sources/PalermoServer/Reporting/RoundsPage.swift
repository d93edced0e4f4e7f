import Foundation
import PalermoCore
import PalermoReport
import PalermoStore
import Plot

/// `/rounds`: the reporting rounds, latest first; the secretariat's form to open one.
struct RoundsPage {
    struct OpenForm {
        let legend: String
        let labels: [String: String]
        let values: [String: String]
        let button: String
    }

    let title: String
    let intro: String
    let columns: [String]
    let rows: [(href: String, title: String, cells: [String])]
    let none: String
    let open: OpenForm?
    let csrf: String
    let problemsHeading: String
    let problems: [String]

    init(
        _ w: Wording, rounds: [RoundRecord], reports: [UUID: Int], secretariat: Bool, typed: [String: String],
        csrf: String, problems: [String]
    ) {
        title = w("rounds.title")
        intro = w("rounds.intro")
        columns = ["rounds.roundTitle", "rounds.theme", "plans.period", "plans.status", "rounds.reports"].map { w($0) }
        rows = rounds.map { record in
            (
                "/rounds/\(record.id)", record.round.title,
                [
                    record.round.theme, RoundsPage.period(record.round, w),
                    w(record.open ? "rounds.open" : "rounds.closed"), w.number(reports[record.id] ?? 0),
                ]
            )
        }
        none = w("rounds.none")
        open =
            secretariat
            ? OpenForm(
                legend: w("rounds.new"),
                labels: Dictionary(
                    uniqueKeysWithValues: ["roundTitle", "theme", "from", "to", "questions"].map {
                        ($0, w("rounds.\($0)"))
                    }),
                values: typed, button: w("rounds.openButton")) : nil
        self.csrf = csrf
        problemsHeading = w("work.refused")
        self.problems = problems
    }

    static func period(_ round: ReportingRound, _ w: Wording) -> String {
        ReferralPanel.day(round.from, w) + " – " + ReferralPanel.day(round.to, w)
    }

    var view: Node<HTML.BodyContext> {
        .group(
            .h1(.words(title)),
            .p(.words(intro)),
            FormMarkup.refused(problemsHeading, problems),
            rows.isEmpty
                ? .p(.words(none))
                : ReferralPanelView.table(
                    "round-list", columns,
                    rows.map { row in
                        .tr(
                            .td(.attr("translate", "no"), .a(.attr("href", row.href), .words(row.title))),
                            // The theme is as the secretariat typed it.
                            .td(.attr("translate", "no"), .words(row.cells.first ?? "")),
                            .forEach(row.cells.dropFirst()) { .td(.words($0)) })
                    }),
            .unwrap(open) { form in
                func field(
                    _ name: String, label: String, _ type: String, _ extra: FormMarkup.Attributes
                )
                    -> Node<HTML.BodyContext>
                {
                    FormMarkup.label(
                        .words((form.labels[label] ?? label) + " "),
                        FormMarkup.input(
                            [
                                .attr("type", type), .attr("name", name), .attr("value", form.values[name] ?? ""),
                                .attr("required", "required"),
                            ] + extra))
                }
                return FormMarkup.form(
                    method: "post", action: "/rounds", .class("stacked"), .id("round-form"),
                    FormMarkup.hidden("_csrf", csrf),
                    FormMarkup.fieldset(
                        FormMarkup.legend(.words(form.legend)),
                        field("title", label: "roundTitle", "text", [.attr("maxlength", "300")]),
                        field("theme", label: "theme", "text", [.attr("maxlength", "300")]),
                        field("from", label: "from", "date", []), field("to", label: "to", "date", []),
                        FormMarkup.label(
                            .words((form.labels["questions"] ?? "") + " "),
                            FormMarkup.textarea(
                                .attr("name", "questions"), .attr("rows", "5"),
                                .words(form.values["questions"] ?? ""))),
                        FormMarkup.button(form.button)))
            })
    }
}
