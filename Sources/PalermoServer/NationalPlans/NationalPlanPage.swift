import Foundation
import PalermoCore
import PalermoReport
import PalermoStore
import Plot

/// `/plans/{id}`: one plan, objective by objective with its indicators and measures and the Plan's paragraphs
/// it serves; the team's forms while it is a draft, and the step the reader may take.
struct NationalPlanPage {
    struct Objective {
        let heading: String
        let text: String
        let paragraphs: [(label: String, href: String)]
        let indicators: [[String]]
        let measures: [[String]]
    }

    struct Labels {
        let paragraphs: String, indicators: String, measures: String
        let indicatorColumns: [String], measureColumns: [String]
    }

    let id: String
    let csrf: String
    let version: String
    let title: String
    let facts: [String]
    let comment: String?
    let problemsHeading: String
    let problems: [String]
    let labels: Labels
    let objectives: [Objective]
    let none: String
    /// The team's forms (only while the plan may be changed).
    let forms: NationalPlanForms?
    /// The steps the reader may take now: (step, button label, needs a comment).
    let steps: [(step: String, label: String, comment: Bool)]
    let commentLabel: String

    init(
        _ w: Wording, record: NationalPlanRecord, principal: Principal, csrf: String, problems: [String] = []
    ) {
        let plan = record.plan
        id = record.id.uuidString
        self.csrf = csrf
        version = String(record.version)
        title = plan.title
        facts =
            [
                w("plans.country") + ": " + w.country(plan.country),
                w("plans.kind") + ": " + w("plans.kind.\(plan.kind.rawValue)"),
                w("plans.period") + ": " + w.years(plan.fromYear, plan.toYear),
                w("plans.status") + ": " + w("plans.status.\(record.status.rawValue)"),
            ]
            + (plan.breakdowns.isEmpty ? [] : [w("plans.breakdowns") + ": " + plan.breakdowns.joined(separator: ", ")])
        comment = record.comment.map { w("plans.returned", ["comment": $0]) }
        problemsHeading = w("work.refused")
        self.problems = problems
        labels = Labels(
            paragraphs: w("plans.paragraphs"), indicators: w("plans.indicators"), measures: w("plans.measures"),
            indicatorColumns: ["plans.indicator", "plans.unit", "plans.baseline", "plans.target", "plans.breakdown"]
                .map { w($0) },
            measureColumns: ["plans.measure", "plans.responsible", "plans.budget", "plans.timeline"].map { w($0) })
        objectives = plan.objectives.enumerated().map { index, objective in
            Objective(
                heading: w("plans.objective", ["n": w.number(index + 1)]), text: objective.text,
                paragraphs: objective.paragraphs.map { (w("plans.paragraph", ["n": $0]), "/plan#p\($0)") },
                indicators: objective.indicators.map { indicator in
                    func value(_ number: Double?, _ year: Int?) -> String {
                        guard let number else { return "—" }
                        return w.amount(number) + (year.map { " (\($0))" } ?? "")
                    }
                    return [
                        indicator.name
                            + (indicator.computed.map {
                                " · " + w("plans.computedBy", ["measure": w("plan.measure.\($0)")])
                            }
                                ?? ""),
                        indicator.unit, value(indicator.baseline, indicator.baselineYear),
                        value(indicator.target, indicator.targetYear), indicator.breakdown.joined(separator: ", "),
                    ]
                },
                measures: objective.measures.map { measure in
                    [
                        measure.text
                            + (measure.paragraphs.isEmpty
                                ? ""
                                : " · "
                                    + measure.paragraphs.map { w("plans.paragraph", ["n": $0]) }
                                    .joined(separator: ", ")),
                        measure.responsible,
                        measure.budget.map { w.money($0.amount, currency: $0.currency) } ?? "—",
                        ReferralPanel.day(measure.start, w) + " – " + ReferralPanel.day(measure.end, w),
                    ]
                })
        }
        none = w("plans.noObjectives")
        let mine = record.organisationID == principal.organisationID
        let drafts = mine && NationalPlans.drafts(plan.kind, principal.role)
        forms = drafts && record.status.editable ? NationalPlanForms(w, plan: plan) : nil
        var steps: [(String, String, Bool)] = []
        if drafts && record.status.editable { steps.append(("submit", w("plans.step.submit"), false)) }
        if mine && record.status == .submitted && NationalPlans.approves(principal.role) {
            steps += [("approve", w("plans.step.approve"), false), ("return", w("plans.step.return"), true)]
        }
        if mine && record.status == .approved && (drafts || NationalPlans.approves(principal.role)) {
            steps.append(("publish", w("plans.step.publish"), false))
        }
        self.steps = steps
        commentLabel = w("plans.comment")
    }

    var view: Node<HTML.BodyContext> { NationalPlanView.render(self) }
}
