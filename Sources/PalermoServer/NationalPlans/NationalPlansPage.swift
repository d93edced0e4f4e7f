import Foundation
import PalermoCore
import PalermoReport
import PalermoStore
import Plot

/// `/plans`: the published national action plans and commitments, and the reader's organisation's own in any
/// state; a form for a new one for those who draft.
struct NationalPlansPage {
    struct NewForm {
        let legend: String
        let kinds: [Choice]
        let countries: [Choice]
        let labels: (kind: String, title: String, country: String, from: String, to: String)
        let thisYear: Int
        let button: String
    }

    let title: String
    let intro: String
    let columns: [String]
    let rows: [(href: String, cells: [String])]
    let none: String
    let new: NewForm?
    let csrf: String
    let problemsHeading: String
    let problems: [String]

    init(
        _ w: Wording, plans: [NationalPlanRecord], principal: Principal, country: String, csrf: String,
        problems: [String] = []
    ) {
        problemsHeading = w("work.refused")
        self.problems = problems
        title = w("plans.title")
        intro = w("plans.intro")
        columns = ["plans.country", "plans.planTitle", "plans.kind", "plans.period", "plans.status"].map { w($0) }
        rows = plans.map { record in
            let plan = record.plan
            return (
                "/plans/\(record.id)",
                [
                    w.country(plan.country), plan.title, w("plans.kind.\(plan.kind.rawValue)"),
                    w.years(plan.fromYear, plan.toYear), w("plans.status.\(record.status.rawValue)"),
                ]
            )
        }
        none = w("plans.none")
        let kinds = NationalPlan.Kind.allCases.filter { NationalPlans.drafts($0, principal.role) }
        new =
            kinds.isEmpty
            ? nil
            : NewForm(
                legend: w("plans.new"),
                kinds: kinds.map { Choice(value: $0.rawValue, label: w("plans.kind.\($0.rawValue)"), selected: false) },
                countries: w.countryChoices(selected: country),
                labels: (w("plans.kind"), w("plans.planTitle"), w("plans.country"), w("plans.from"), w("plans.to")),
                thisYear: Calendar(identifier: .gregorian).component(.year, from: Date()), button: w("plans.create"))
        self.csrf = csrf
    }

    var view: Node<HTML.BodyContext> {
        .group(
            .h1(.words(title)),
            .p(.words(intro)),
            FormMarkup.refused(problemsHeading, problems),
            rows.isEmpty
                ? .p(.words(none))
                : ReferralPanelView.table(
                    "plan-list", columns,
                    rows.map { row in
                        .tr(
                            .td(.words(row.cells.first ?? "")),
                            .td(
                                .attr("translate", "no"),
                                .a(.attr("href", row.href), .words(row.cells.dropFirst().first ?? ""))),
                            .forEach(row.cells.dropFirst(2)) { .td(.words($0)) })
                    }),
            .unwrap(new) { form in Self.form(form, csrf: csrf) })
    }

    static func form(_ form: NewForm, csrf: String) -> Node<HTML.BodyContext> {
        func year(_ name: String, _ label: String, _ value: Int) -> Node<HTML.BodyContext> {
            FormMarkup.labelledNumber(name: name, label: label, value: String(value), range: NationalPlan.years)
        }
        return FormMarkup.form(
            method: "post", action: "/plans", .class("stacked"), .id("new-plan"),
            FormMarkup.hidden("_csrf", csrf),
            FormMarkup.fieldset(
                FormMarkup.legend(.words(form.legend)),
                FormMarkup.labelledSelect(name: "kind", label: form.labels.kind, choices: form.kinds, empty: nil),
                FormMarkup.label(
                    .words(form.labels.title + " "),
                    FormMarkup.input([
                        .attr("type", "text"), .attr("name", "title"), .attr("required", "required"),
                        .attr("maxlength", "300"),
                    ])),
                FormMarkup.labelledSelect(
                    name: "country", label: form.labels.country, choices: form.countries, empty: nil),
                year("fromYear", form.labels.from, form.thisYear),
                year("toYear", form.labels.to, form.thisYear + 4),
                FormMarkup.button(form.button)))
    }
}
