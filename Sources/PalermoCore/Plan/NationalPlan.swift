import Foundation

/// A national action plan in the shape of UNODC's International Framework for Action: specific objectives, each
/// with framework indicators (baseline and target) and implementation measures (a responsible agency, a budget,
/// a timeline), linked to the Global Plan's paragraphs. The same shape holds another actor's commitments.
/// Breakdown categories (by sex, age, form of exploitation, or whatever the State counts by) are the plan's own.
public struct NationalPlan: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// A State's national action plan, kept by its national coordinator.
        case national
        /// Another actor's commitments (a UN entity, an NGO, a company), kept by its supervisors and admins.
        case commitment
    }

    public struct Objective: Sendable, Codable, Equatable {
        public var text: String
        public var paragraphs: [String]
        public var indicators: [Indicator]
        public var measures: [Measure]

        public init(text: String, paragraphs: [String], indicators: [Indicator] = [], measures: [Measure] = []) {
            self.text = text
            self.paragraphs = paragraphs
            self.indicators = indicators
            self.measures = measures
        }
    }

    public struct Indicator: Sendable, Codable, Equatable {
        public var name: String
        public var unit: String
        public var baseline: Double?
        public var baselineYear: Int?
        public var target: Double?
        public var targetYear: Int?
        /// Categories from the plan's `breakdowns` that the indicator is counted by.
        public var breakdown: [String]
        /// A measure Palermo computes from its own records (`PlanMeasure`), when the indicator is one.
        public var computed: String?

        public init(
            name: String, unit: String, baseline: Double? = nil, baselineYear: Int? = nil, target: Double? = nil,
            targetYear: Int? = nil, breakdown: [String] = [], computed: String? = nil
        ) {
            self.name = name
            self.unit = unit
            self.baseline = baseline
            self.baselineYear = baselineYear
            self.target = target
            self.targetYear = targetYear
            self.breakdown = breakdown
            self.computed = computed
        }
    }

    public struct Budget: Sendable, Codable, Equatable {
        public var amount: Double
        /// ISO 4217.
        public var currency: String

        public init(amount: Double, currency: String) {
            self.amount = amount
            self.currency = currency
        }
    }

    public struct Measure: Sendable, Codable, Equatable {
        public var text: String
        public var responsible: String
        public var budget: Budget?
        /// YYYY-MM-DD.
        public var start: String
        public var end: String
        public var paragraphs: [String]

        public init(
            text: String, responsible: String, budget: Budget?, start: String, end: String, paragraphs: [String]
        ) {
            self.text = text
            self.responsible = responsible
            self.budget = budget
            self.start = start
            self.end = end
            self.paragraphs = paragraphs
        }
    }

    public var kind: Kind
    /// ISO 3166 alpha-3: the State, or where another actor's commitments apply.
    public var country: String
    public var title: String
    public var fromYear: Int
    public var toYear: Int
    /// The version of the Global Plan the paragraphs refer to.
    public var planVersion: String
    public var breakdowns: [String]
    public var objectives: [Objective]

    public init(
        kind: Kind, country: String, title: String, fromYear: Int, toYear: Int, planVersion: String = "2010-07-19",
        breakdowns: [String] = [], objectives: [Objective] = []
    ) {
        self.kind = kind
        self.country = country
        self.title = title
        self.fromYear = fromYear
        self.toYear = toYear
        self.planVersion = planVersion
        self.breakdowns = breakdowns
        self.objectives = objectives
    }

    /// The currencies a budget may be in: ISO 4217's codes in common use.
    public static let currencies: Set<String> = Set(Locale.commonISOCurrencyCodes)
    public static let years = 2000...2100
    public static let maxAmount = 1e13
    public static let maxItems = 50
}

/// Where a national plan stands: drafted by its team, submitted, approved (or returned with a comment) by a
/// second person of the organisation, then published for everyone.
public enum NationalPlanStatus: String, Sendable, Codable, CaseIterable {
    case draft, submitted, approved, returned, published

    /// Whether the team may still change the plan.
    public var editable: Bool { self == .draft || self == .returned }
}

/// The measures Palermo computes from its own records, which a plan's indicator or a report can name.
public enum PlanMeasure: String, Sendable, Codable, CaseIterable {
    case victimsIdentified, screenings, referrals, timeToReferral, servicesGiven, returnsAssisted
    case childrenWithGuardian, consentLanguage, prosecuted, convicted, referralNetwork, patternsAndFlows
}
