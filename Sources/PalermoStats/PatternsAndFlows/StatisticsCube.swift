import PalermoCore

/// Observations of countries indexed for lookup, with the rule for finding a cell that was not published
/// directly: a total not reported as such is the sum of the parts that were (sex parts first, each of them
/// from its age parts if need be; then age parts). Groups of countries without a region are left out.
public struct StatisticsCube: Sendable {
    private var cells: [Observation.Key: CountRange] = [:]
    public private(set) var areas: [String: AreaInfo] = [:]
    /// Citizenship categories of detected victims per country and year, with the country each names (if known).
    private var citizenships: [AreaYear: [String: String?]] = [:]

    public struct AreaYear: Hashable, Sendable { public let area: String; public let year: Int }
    public struct AreaInfo: Sendable, Hashable { public let code, name, region, subregion: String }

    public init(_ observations: [Observation]) {
        for o in observations where o.isCountry {
            cells[o.key] = cells[o.key].map { $0 + o.value } ?? o.value
            if areas[o.area] == nil {
                areas[o.area] = AreaInfo(code: o.area, name: o.areaName, region: o.region, subregion: o.subregion)
            }
            if o.dimension == .citizenship && o.indicator == .detectedVictims {
                citizenships[AreaYear(area: o.area, year: o.year), default: [:]][o.category] = o.categoryArea
            }
        }
    }

    /// The published cell, or the sum of its published parts; nil when neither exists.
    public func value(
        _ indicator: Indicator, area: String, year: Int, dimension: Disaggregation = .total, category: String = "Total",
        sex: Sex = .total, age: AgeBand = .total
    ) -> CountRange? {
        func direct(_ s: Sex, _ a: AgeBand) -> CountRange? {
            cells[
                Observation.Key(
                    area: area, indicator: indicator, dimension: dimension, category: category, sex: s, age: a,
                    year: year)]
        }
        func byAge(_ s: Sex) -> CountRange? {
            if let cell = direct(s, age) { return cell }
            guard age == .total else { return nil }
            return sum(AgeBand.parts.compactMap { direct(s, $0) })
        }
        if let cell = byAge(sex) { return cell }
        guard sex == .total else { return nil }
        return sum(Sex.parts.compactMap { byAge($0) })
    }

    /// The citizenship categories published for detected victims in a country and year, each with the
    /// country it names when it names one.
    public func citizenshipCategories(area: String, year: Int) -> [(category: String, area: String?)] {
        (citizenships[AreaYear(area: area, year: year)] ?? [:]).map { ($0.key, $0.value) }.sorted { $0.0 < $1.0 }
    }

    private func sum(_ parts: [CountRange]) -> CountRange? {
        parts.isEmpty ? nil : parts.reduce(.zero, +)
    }
}
