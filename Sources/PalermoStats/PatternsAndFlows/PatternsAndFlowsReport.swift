import PalermoCore

/// The figures of the patterns-and-flows report. Every count is a `CountRange` (exact unless a suppressed
/// `<5` cell or a disputed duplicate went into it) and every row says how many countries it covers.
public struct PatternsAndFlowsReport: Sendable, Codable {
    public struct Scope: Sendable, Codable, Equatable {
        public var from: Int
        public var to: Int
        public var region: String?
        public var source: String
        /// Leave out countries whose published parts do not cover the whole (see `StatisticsCube.figure`),
        /// so that no figure has an open upper end.
        public var completeOnly: Bool
        /// Counts from case records below this were withheld for the reader, with those that would give them
        /// away (`CaseFigureProtection`); nil when the reader sees exact figures.
        public var withheldBelow: Int?
        public init(from: Int, to: Int, region: String? = nil, source: String, completeOnly: Bool = false) {
            self.from = from
            self.to = to
            self.region = region
            self.source = source
            self.completeOnly = completeOnly
        }
        public var years: ClosedRange<Int> { from...to }
    }

    /// A count summed over countries (or a country's years). The one definition of coverage: a country
    /// counts when it has a figure (`StatisticsCube.figure`), complete or partial. A partial one adds only a
    /// lower bound, so with any of them the sum's upper end is open ("≥ 1,328"). No country: no data, not 0.
    public struct CoveredCount: Sendable, Codable, Equatable {
        public let value: CountRange
        public let complete: Int
        public let partial: Int

        public init(value: CountRange, complete: Int, partial: Int) {
            (self.value, self.complete, self.partial) = (value, complete, partial)
        }

        public var countries: Int { complete + partial }
        public var upperOpen: Bool { partial > 0 }
        public var hasData: Bool { countries > 0 }
    }

    /// Detected victims, persons brought into formal contact, prosecuted and convicted per year.
    public struct YearRow: Sendable, Codable, Equatable {
        public let year: Int
        public let victims: CoveredCount
        public let formalContact: CoveredCount
        public let prosecuted: CoveredCount
        public let convicted: CoveredCount
        /// Victims in the countries that reported in every year of the period with data, so that a change
        /// in who reports is not read as a change in trafficking; nil in a year without data.
        public let panelVictims: CountRange?
    }

    /// One indicator in a region or subregion and year.
    public struct AreaYearRow: Sendable, Codable, Equatable {
        public let indicator: Indicator
        public let region: String
        public let subregion: String?
        public let year: Int
        public let count: CoveredCount
        public let share: ShareRange?
    }

    /// A country over the period; the coverage counts are of its years.
    public struct CountryRow: Sendable, Codable, Equatable {
        public let code: String
        public let name: String
        public let region: String
        public let subregion: String
        public let victims: CoveredCount
        public let prosecuted: CoveredCount
        public let convicted: CoveredCount
        public let latestYear: Int?
    }

    /// Victims by sex and age in the countries that broke them down (`countries`), of the `covered` ones.
    public struct SexAgeRow: Sendable, Codable, Equatable {
        public let year: Int
        public let covered: Int
        public let countries: Int
        public let girls: CountRange
        public let women: CountRange
        public let boys: CountRange
        public let men: CountRange
        public let countriesBySex: Int
        public let female: CountRange
        public let male: CountRange
        public let otherSex: CountRange
        public let femaleShare: ShareRange?
    }

    /// Victims by form in the countries that published forms (`countries`), of the `covered` ones.
    public struct FormRow: Sendable, Codable, Equatable {
        public let year: Int
        public let covered: Int
        public let countries: Int
        public let counts: [String: CountRange]
        public let shares: [String: ShareRange]
    }

    public struct FlowRow: Sendable, Codable, Equatable {
        public let origin: String
        public let destination: String
        public let victims: CountRange
        public let countries: Int
    }

    public struct FlowSummary: Sendable, Codable, Equatable {
        public let countries: Int
        public let domestic: CountRange
        public let crossBorder: CountRange
        public let unspecified: CountRange
        public let domesticShare: ShareRange?
    }

    public struct ConvictionRow: Sendable, Codable, Equatable {
        public let region: String
        public let countryYears: Int
        public let prosecuted: CountRange
        public let convicted: CountRange
        public let ratio: ShareRange?
    }

    public let scope: Scope
    public let trend: [YearRow]
    public let panelCountries: [String]
    /// Every indicator by region and by subregion.
    public let regions: [AreaYearRow]
    public let subregions: [AreaYearRow]
    /// Whether any figure is a range (a `<5` cell went into it).
    public var hasRanges: Bool {
        trend.contains { row in
            [row.victims, row.formalContact, row.prosecuted, row.convicted].contains { !$0.value.isExact }
        }
    }

    /// Years in the period without any country's figure: gaps, not zeros.
    public var yearsWithoutData: [Int] { trend.filter { !$0.victims.hasData }.map(\.year) }
    public let countries: [CountryRow]
    public let sexAge: [SexAgeRow]
    public let forms: [FormRow]
    public let flows: [FlowRow]
    public let flowSummary: FlowSummary
    public let convictions: [ConvictionRow]
    public let notes: [String]
}
