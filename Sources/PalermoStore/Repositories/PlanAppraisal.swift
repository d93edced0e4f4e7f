import FluentKit
import Foundation
import PalermoCore

/// The appraisal of a round: which States with a published plan reported, how the Plan's paragraphs are covered
/// by published plans and which no plan takes up, each State's indicators with their sources, and budgets
/// against spending. States are listed by country code, never ranked or scored.
public struct PlanAppraisal: Sendable, Equatable {
    public struct StateRow: Sendable, Equatable {
        public let country: String
        public let planTitle: String
        public let reported: Bool
    }

    public struct IndicatorRow: Sendable, Equatable {
        public let country: String
        public let name: String
        public let unit: String
        public let baseline: Double?
        public let target: Double?
        public let value: Double?
        public let source: String?
        public let computed: Bool
    }

    public struct BudgetRow: Sendable, Equatable {
        public let country: String
        public let currency: String
        public let budget: Double
        public let spent: Double
    }

    public let round: RoundRecord
    public let states: [StateRow]
    /// Paragraph number → how many published plans link it, for every paragraph a plan may link.
    public let coverage: [(paragraph: String, plans: Int)]
    public let indicators: [IndicatorRow]
    public let budgets: [BudgetRow]

    public var gaps: [String] { coverage.filter { $0.plans == 0 }.map(\.paragraph) }
    public var reportingRate: Double? {
        states.isEmpty ? nil : Double(states.filter(\.reported).count) / Double(states.count)
    }

    public static func == (lhs: PlanAppraisal, rhs: PlanAppraisal) -> Bool {
        lhs.round == rhs.round && lhs.states == rhs.states && lhs.indicators == rhs.indicators
            && lhs.budgets == rhs.budgets && lhs.coverage.map(\.paragraph) == rhs.coverage.map(\.paragraph)
            && lhs.coverage.map(\.plans) == rhs.coverage.map(\.plans)
    }
}

extension ReportingRounds {
    public func appraisal(_ roundID: UUID) async throws -> PlanAppraisal {
        let round = try await round(roundID)
        let plans = try await NationalPlanModel.query(on: store.database)
            .filter(\.$kind == NationalPlan.Kind.national.rawValue)
            .filter(\.$status == NationalPlanStatus.published.rawValue).sort(\.$country).all()
            .map(NationalPlans.record)
        // The latest published plan of each State.
        var byCountry: [String: NationalPlanRecord] = [:]
        for record in plans
        where byCountry[record.plan.country] == nil
            || (record.updatedAt ?? .distantPast)
                > (byCountry[record.plan.country]?.updatedAt ?? .distantPast)
        {
            byCountry[record.plan.country] = record
        }
        let reports = Dictionary(
            try await reports(of: roundID).map { ($0.country, $0) }, uniquingKeysWith: { first, _ in first })
        let countries = byCountry.keys.sorted()
        let states = countries.compactMap { country in
            byCountry[country].map {
                PlanAppraisal.StateRow(country: country, planTitle: $0.plan.title, reported: reports[country] != nil)
            }
        }
        let linkable = PlanOfAction.current?.paragraphs.filter(\.isLinkable).map(\.number) ?? []
        let coverage = linkable.map { number in
            (number, byCountry.values.filter { $0.plan.linkedParagraphs.contains(number) }.count)
        }
        var indicators: [PlanAppraisal.IndicatorRow] = []
        var budgets: [PlanAppraisal.BudgetRow] = []
        for country in countries {
            guard let plan = byCountry[country]?.plan else { continue }
            let report = reports[country]?.report
            for (o, objective) in plan.objectives.enumerated() {
                for (i, indicator) in objective.indicators.enumerated() {
                    let value = report?.indicators.first { $0.objective == o && $0.indicator == i }
                    indicators.append(
                        .init(
                            country: country, name: indicator.name, unit: indicator.unit, baseline: indicator.baseline,
                            target: indicator.target, value: value?.value, source: value?.source,
                            computed: value?.computed ?? false))
                }
            }
            var sums: [String: (budget: Double, spent: Double)] = [:]
            for (o, objective) in plan.objectives.enumerated() {
                for (m, measure) in objective.measures.enumerated() {
                    guard let budget = measure.budget else { continue }
                    let spent = report?.measures.first { $0.objective == o && $0.measure == m }?.spent ?? 0
                    sums[budget.currency, default: (0, 0)].budget += budget.amount
                    sums[budget.currency, default: (0, 0)].spent += spent
                }
            }
            budgets += sums.keys.sorted().compactMap { currency in
                sums[currency].map { .init(country: country, currency: currency, budget: $0.budget, spent: $0.spent) }
            }
        }
        return PlanAppraisal(
            round: round, states: states, coverage: coverage, indicators: indicators, budgets: budgets)
    }
}
