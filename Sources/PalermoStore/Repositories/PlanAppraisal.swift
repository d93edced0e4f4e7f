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

    /// A paragraph of the Plan: how many published plans link it, how many of their measures serve it, and of
    /// those how many the round's reports say something of.
    public struct Coverage: Sendable, Equatable {
        public let paragraph: String
        public let plans: Int
        public let measures: Int
        public let reported: Int
    }

    /// An M49 region: the States in it with a published plan, and how many of them reported.
    public struct RegionRow: Sendable, Equatable {
        public let region: String
        public let states: Int
        public let reported: Int
    }

    /// An earlier recommendation to a State, and where the State's report for this round says it stands.
    public struct FollowUpRow: Sendable, Equatable {
        public let country: String
        public let text: String
        public let progress: RecommendationProgress?
        public let note: String?
    }

    public let round: RoundRecord
    public let states: [StateRow]
    /// Every paragraph a plan may link, in the Plan's order.
    public let coverage: [Coverage]
    public let indicators: [IndicatorRow]
    public let budgets: [BudgetRow]
    public let followUp: [FollowUpRow]

    public var gaps: [String] { coverage.filter { $0.plans == 0 }.map(\.paragraph) }
    public var reportingRate: Double? {
        states.isEmpty ? nil : Double(states.filter(\.reported).count) / Double(states.count)
    }

    /// The States by their M49 region (a code Palermo does not know counts under "World"), regions in name order.
    public var regions: [RegionRow] {
        let grouped = Dictionary(grouping: states) { Countries.find($0.country)?.region ?? "World" }
        return grouped.keys.sorted().map { region in
            let rows = grouped[region] ?? []
            return RegionRow(region: region, states: rows.count, reported: rows.filter(\.reported).count)
        }
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
            var measures = 0, reported = 0
            for record in byCountry.values {
                let report = reports[record.plan.country]?.report
                for (o, objective) in record.plan.objectives.enumerated() {
                    for (m, measure) in objective.measures.enumerated() where measure.paragraphs.contains(number) {
                        measures += 1
                        if report?.measures.contains(where: { $0.objective == o && $0.measure == m }) == true {
                            reported += 1
                        }
                    }
                }
            }
            return PlanAppraisal.Coverage(
                paragraph: number, plans: byCountry.values.filter { $0.plan.linkedParagraphs.contains(number) }.count,
                measures: measures, reported: reported)
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
        var followUp: [PlanAppraisal.FollowUpRow] = []
        for country in countries {
            for recommendation in try await earlierRecommendations(to: country, before: round) {
                let given = reports[country]?.report.followUp.first { $0.recommendation == recommendation.id }
                followUp.append(
                    .init(
                        country: country, text: recommendation.recommendation.text, progress: given?.progress,
                        note: given?.note))
            }
        }
        return PlanAppraisal(
            round: round, states: states, coverage: coverage, indicators: indicators, budgets: budgets,
            followUp: followUp)
    }
}

/// One State's indicator across the rounds: a value per round's first year, as reported or computed.
public struct IndicatorTrend: Sendable, Equatable {
    public struct Point: Sendable, Equatable {
        public let year: Int
        public let value: Double
        public let computed: Bool
    }

    public let country: String
    public let name: String
    public let unit: String
    public let points: [Point]
}

extension ReportingRounds {
    /// Every indicator value the States reported in this round and the rounds before it, by State and indicator
    /// (matched by name and unit, as a later plan may order its indicators differently).
    public func trends(through roundID: UUID) async throws -> [IndicatorTrend] {
        let last = try await round(roundID)
        let rounds = try await rounds().filter { $0.round.from <= last.round.from }
            .sorted { ($0.round.from, $0.round.to) < ($1.round.from, $1.round.to) }
        var plans: [UUID: NationalPlan] = [:]
        var series: [[String]: [Int: IndicatorTrend.Point]] = [:]
        for round in rounds {
            guard let year = Int(round.round.from.prefix(4)) else { continue }
            for report in try await reports(of: round.id) {
                if plans[report.planID] == nil,
                    let model = try await NationalPlanModel.find(report.planID, on: store.database)
                {
                    plans[report.planID] = try NationalPlans.record(model).plan
                }
                guard let plan = plans[report.planID] else { continue }
                for value in report.report.indicators {
                    guard plan.objectives.indices.contains(value.objective),
                        plan.objectives[value.objective].indicators.indices.contains(value.indicator)
                    else { continue }
                    let indicator = plan.objectives[value.objective].indicators[value.indicator]
                    series[[report.country, indicator.name, indicator.unit], default: [:]][year] = .init(
                        year: year, value: value.value, computed: value.computed)
                }
            }
        }
        return series.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { key in
            IndicatorTrend(
                country: key[0], name: key[1], unit: key[2],
                points: (series[key] ?? [:]).values.sorted { $0.year < $1.year })
        }
    }
}
