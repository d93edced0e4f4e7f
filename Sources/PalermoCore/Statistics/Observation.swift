import Foundation

/// One published cell of GLOTIP-shaped statistics: a count for an area, year, indicator and breakdown.
///
/// `area` is an ISO 3166-1 alpha-3 code for a country, or the code UNODC gives a group of countries that it
/// reports together (such groups have no region). `categoryArea` is the alpha-3 code of the category when
/// the category names a country (citizenship, country of repatriation), so flows can be drawn.
public struct Observation: Sendable, Codable, Hashable {
    public var area: String
    public var areaName: String
    public var region: String
    public var subregion: String
    public var indicator: Indicator
    public var dimension: Disaggregation
    public var category: String
    public var categoryArea: String?
    public var sex: Sex
    public var age: AgeBand
    public var year: Int
    public var value: CountRange
    /// Where the cell came from in its source file (1-based row number), for tracing a figure back.
    public var sourceRow: Int?

    public init(
        area: String, areaName: String, region: String, subregion: String, indicator: Indicator,
        dimension: Disaggregation,
        category: String, categoryArea: String? = nil, sex: Sex, age: AgeBand, year: Int, value: CountRange,
        sourceRow: Int? = nil
    ) {
        self.area = area
        self.areaName = areaName
        self.region = region
        self.subregion = subregion
        self.indicator = indicator
        self.dimension = dimension
        self.category = category
        self.categoryArea = categoryArea
        self.sex = sex
        self.age = age
        self.year = year
        self.value = value
        self.sourceRow = sourceRow
    }

    /// Years a figure can be for: GLOTIP data begins in 2003; anything before the Protocol (2000) or after
    /// next year is a typo.
    public static func plausibleYears(now: Date = Date()) -> ClosedRange<Int> {
        2000...(Calendar(identifier: .gregorian).component(.year, from: now) + 1)
    }

    /// A country (rather than a group of countries reported together): it has a region.
    public var isCountry: Bool { !region.isEmpty }

    /// Everything that identifies the cell, value aside. Two rows with the same key are duplicates.
    public var key: Key {
        Key(area: area, indicator: indicator, dimension: dimension, category: category, sex: sex, age: age, year: year)
    }

    public struct Key: Sendable, Hashable {
        public var area: String
        public var indicator: Indicator
        public var dimension: Disaggregation
        public var category: String
        public var sex: Sex
        public var age: AgeBand
        public var year: Int

        public init(
            area: String, indicator: Indicator, dimension: Disaggregation, category: String, sex: Sex, age: AgeBand,
            year: Int
        ) {
            self.area = area
            self.indicator = indicator
            self.dimension = dimension
            self.category = category
            self.sex = sex
            self.age = age
            self.year = year
        }
    }
}
