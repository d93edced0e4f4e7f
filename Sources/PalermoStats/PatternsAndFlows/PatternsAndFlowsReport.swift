import PalermoCore

/// The figures of the patterns-and-flows report. Every count is a `CountRange` (exact unless a suppressed
/// `<5` cell or a disputed duplicate went into it) and every row says how many countries it covers.
public struct PatternsAndFlowsReport: Sendable, Codable {
    public struct Scope: Sendable, Codable, Equatable {
        public var from: Int
        public var to: Int
        public var region: String?
        public var source: String
        public init(from: Int, to: Int, region: String? = nil, source: String) {
            self.from = from
            self.to = to
            self.region = region
            self.source = source
        }
        public var years: ClosedRange<Int> { from...to }
    }

    /// Detected victims, prosecutions and convictions per year, with how many countries reported each.
    public struct YearRow: Sendable, Codable, Equatable {
        public let year: Int
        public let countries: Int
        public let victims: CountRange
        public let prosecutedCountries: Int
        public let prosecuted: CountRange
        public let convictedCountries: Int
        public let convicted: CountRange
        /// Victims in the countries that reported in every year of the period, so that a change in who
        /// reports is not read as a change in trafficking.
        public let panelVictims: CountRange
    }

    /// Detected victims in a region or subregion and year.
    public struct AreaYearRow: Sendable, Codable, Equatable {
        public let region: String
        public let subregion: String?
        public let year: Int
        public let countries: Int
        public let victims: CountRange
        public let share: ShareRange?
    }

    public struct CountryRow: Sendable, Codable, Equatable {
        public let code: String
        public let name: String
        public let region: String
        public let subregion: String
        public let yearsReported: Int
        public let victims: CountRange
        public let prosecuted: CountRange?
        public let convicted: CountRange?
        public let latestYear: Int?
    }

    /// Victims by sex and age in the countries that broke them down.
    public struct SexAgeRow: Sendable, Codable, Equatable {
        public let year: Int
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

    public struct FormRow: Sendable, Codable, Equatable {
        public let year: Int
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
    public let regions: [AreaYearRow]
    public let subregions: [AreaYearRow]
    public let countries: [CountryRow]
    public let sexAge: [SexAgeRow]
    public let forms: [FormRow]
    public let flows: [FlowRow]
    public let flowSummary: FlowSummary
    public let convictions: [ConvictionRow]
    public let notes: [String]
}
