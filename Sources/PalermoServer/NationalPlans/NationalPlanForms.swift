import Foundation
import PalermoCore
import PalermoReport

/// The forms that build a draft plan: breakdowns, objectives, indicators and measures.
struct NationalPlanForms {
    let objectiveChoices: [Choice]
    let measures: [Choice]
    let currencies: [Choice]
    let breakdowns: String
    let labels: [String: String]

    init(_ w: Wording, plan: NationalPlan) {
        objectiveChoices = plan.objectives.indices.map {
            Choice(value: String($0), label: w("plans.objective", ["n": w.number($0 + 1)]), selected: false)
        }
        measures = PlanMeasure.allCases.map {
            Choice(value: $0.rawValue, label: w("plan.measure.\($0.rawValue)"), selected: false)
        }
        currencies = NationalPlan.currencies.sorted().map { Choice(value: $0, label: $0, selected: false) }
        breakdowns = plan.breakdowns.joined(separator: ", ")
        labels = Dictionary(
            uniqueKeysWithValues: [
                "plans.breakdowns", "plans.breakdownsHint", "plans.saveBreakdowns", "plans.addObjective",
                "plans.objectiveText", "plans.paragraphsHint", "plans.addIndicator", "plans.indicator", "plans.unit",
                "plans.baseline", "plans.baselineYear", "plans.target", "plans.targetYear", "plans.breakdown",
                "plans.computed", "plans.notComputed", "plans.addMeasure", "plans.measure", "plans.responsible",
                "plans.amount", "plans.currency", "plans.start", "plans.end", "plans.paragraphs", "plans.forObjective",
                "plans.add", "plans.noBudget",
            ].map { ($0, w($0)) })
    }

    func label(_ key: String) -> String { labels[key] ?? key }
}
