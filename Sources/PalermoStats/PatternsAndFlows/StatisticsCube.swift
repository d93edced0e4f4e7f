import PalermoCore

/// Observations of countries indexed for lookup, with the rule for finding a cell that was not published
/// directly: a total not reported as such is the sum of the parts that were (sex parts first, each of them
/// from its age parts if need be; then age parts). Groups of countries without a region are left out.
///
/// `figure` also says whether parts cover the whole (see `Figure`); it is the one definition of a country's
/// figure, and so of which countries a table covers.
public struct StatisticsCube: Sendable {
    private var cells: [Observation.Key: CountRange] = [:]
    public private(set) var areas: [String: AreaInfo] = [:]
    /// Citizenship categories of detected victims per country and year, with the country each names (if known).
    private var citizenships: [AreaYear: [String: String?]] = [:]
    /// Which indicators a country has any cell of in a year: most country-years have none of most.
    private var present: Set<Presence> = []

    private struct Presence: Hashable { let indicator: Indicator; let area: String; let year: Int }

    public struct AreaYear: Hashable, Sendable { public let area: String; public let year: Int }
    public struct AreaInfo: Sendable, Hashable { public let code, name, region, subregion: String }

    public init(_ observations: [Observation]) {
        for o in observations where o.isCountry {
            cells[o.key] = cells[o.key].map { $0 + o.value } ?? o.value
            present.insert(Presence(indicator: o.indicator, area: o.area, year: o.year))
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

    /// A country's figure and whether it is the whole: a published total, or parts that cover it (female and
    /// male; children and adults; all three forms of exploitation), is complete; parts that do not (Guyana
    /// 2017, persons prosecuted: only "18 years or over") give a lower bound with the upper end open.
    /// Of several partial sums the largest lower bound is kept. Citizenship categories are never known to
    /// be all, so a total from them alone is partial.
    public func figure(_ indicator: Indicator, area: String, year: Int) -> Figure? {
        guard present.contains(Presence(indicator: indicator, area: area, year: year)) else { return nil }
        func direct(_ s: Sex, _ a: AgeBand) -> CountRange? {
            cells[
                Observation.Key(
                    area: area, indicator: indicator, dimension: .total, category: "Total", sex: s, age: a, year: year)]
        }
        if let total = direct(.total, .total) { return Figure(range: total, complete: true) }
        func byAge(_ s: Sex) -> Figure? {
            if let cell = direct(s, .total) { return Figure(range: cell, complete: true) }
            return Figure.sum(
                AgeBand.parts.map { direct(s, $0).map { Figure(range: $0, complete: true) } },
                completeWith: [.children, .adults], of: AgeBand.parts)
        }
        let byAgeParts = byAge(.total)
        if let byAgeParts, byAgeParts.complete { return byAgeParts }
        let bySex = Figure.sum(Sex.parts.map(byAge), completeWith: [.female, .male], of: Sex.parts)
        if let bySex, bySex.complete { return bySex }
        // Each form and citizenship category as the breakdown tables read it (its own parts summed if need be).
        let forms = Figure.sum(
            ExploitationForm.allCases.map {
                value(indicator, area: area, year: year, dimension: .formOfExploitation, category: $0.rawValue)
                    .map { Figure(range: $0, complete: true) }
            }, completeWith: ExploitationForm.allCases, of: ExploitationForm.allCases)
        let citizenship: Figure? =
            indicator == .detectedVictims
            ? citizenshipCategories(area: area, year: year).compactMap {
                value(indicator, area: area, year: year, dimension: .citizenship, category: $0.category)
            }.reduce(nil) { ($0 ?? .zero) + $1 }.map { Figure(range: $0, complete: false) } : nil
        let candidates = [byAgeParts, bySex, forms, citizenship].compactMap { $0 }
        return candidates.first(where: \.complete) ?? candidates.max { $0.range.low < $1.range.low }
    }

    /// The citizenship categories published for detected victims in a country and year, each with the
    /// country it names when it names one.
    public func citizenshipCategories(area: String, year: Int) -> [(category: String, area: String?)] {
        (citizenships[AreaYear(area: area, year: year)] ?? [:]).map { ($0.key, $0.value) }.sorted { $0.0 < $1.0 }
    }

    /// A country's count, and whether the parts it was summed from cover the whole.
    public struct Figure: Sendable, Equatable {
        public let range: CountRange
        public let complete: Bool

        public init(range: CountRange, complete: Bool) { (self.range, self.complete) = (range, complete) }

        /// The sum of the parts present; complete when every part in `needed` is present and complete.
        static func sum<Part: Equatable>(_ parts: [Figure?], completeWith needed: [Part], of names: [Part]) -> Figure? {
            let present = zip(names, parts).compactMap { name, part in part.map { (name, $0) } }
            guard !present.isEmpty else { return nil }
            let complete = needed.allSatisfy { need in present.contains { $0.0 == need && $0.1.complete } }
            return Figure(range: present.map(\.1.range).reduce(.zero, +), complete: complete)
        }
    }

    private func sum(_ parts: [CountRange]) -> CountRange? {
        parts.isEmpty ? nil : parts.reduce(.zero, +)
    }
}
