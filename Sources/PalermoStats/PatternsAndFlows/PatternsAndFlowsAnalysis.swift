import PalermoCore

/// Computes the patterns-and-flows figures from GLOTIP-shaped observations (published or built from
/// Palermo's own cases). Definitions, all over countries (groups without a region are left out):
/// - A country's count is its published total, or the sum of the sex and age parts it published.
/// - Sex and age shares use only the countries that published the breakdown, victims of unknown sex aside.
/// - Flows go from the region of citizenship to the region of detection; "Nationals" and a citizenship
///   equal to the detecting country are domestic; categories naming no known country are "unspecified".
/// - Conviction ratios use only the country-years that published both prosecutions and convictions.
public struct PatternsAndFlowsAnalysis: Sendable {
    public let cube: StatisticsCube

    public init(_ observations: [Observation]) { cube = StatisticsCube(observations) }
    public init(cube: StatisticsCube) { self.cube = cube }

    public func report(_ scope: PatternsAndFlowsReport.Scope, notes extraNotes: [String] = []) -> PatternsAndFlowsReport
    {
        let areas = cube.areas.values.filter {
            scope.region == nil || $0.region == scope.region || $0.subregion == scope.region
        }
        .sorted { ($0.region, $0.subregion, $0.name) < ($1.region, $1.subregion, $1.name) }
        let years = Array(scope.years)
        func total(_ indicator: Indicator, _ area: String, _ year: Int) -> CountRange? {
            cube.value(indicator, area: area, year: year)
        }

        // Years in which no country reported at all (not yet published) would leave the panel empty.
        let publishedYears = years.filter { year in areas.contains { total(.detectedVictims, $0.code, year) != nil } }
        let panel = areas.filter { area in publishedYears.allSatisfy { total(.detectedVictims, area.code, $0) != nil } }
            .map(\.code)
        let trend = years.map { year -> PatternsAndFlowsReport.YearRow in
            let v = sum(areas.map { total(.detectedVictims, $0.code, year) })
            let p = sum(areas.map { total(.prosecuted, $0.code, year) })
            let c = sum(areas.map { total(.convicted, $0.code, year) })
            return .init(
                year: year, countries: v.count, victims: v.value, prosecutedCountries: p.count, prosecuted: p.value,
                convictedCountries: c.count, convicted: c.value,
                panelVictims: sum(panel.map { total(.detectedVictims, $0, year) }).value)
        }

        var regionRows: [PatternsAndFlowsReport.AreaYearRow] = []
        var subregionRows: [PatternsAndFlowsReport.AreaYearRow] = []
        for year in years {
            let all = sum(areas.map { total(.detectedVictims, $0.code, year) }).value
            for (region, members) in Dictionary(grouping: areas, by: \.region).sorted(by: { $0.key < $1.key }) {
                let s = sum(members.map { total(.detectedVictims, $0.code, year) })
                if s.count > 0 {
                    regionRows.append(
                        .init(
                            region: region, subregion: nil, year: year, countries: s.count, victims: s.value,
                            share: ShareRange(part: s.value, rest: difference(all, s.value))))
                }
                for (subregion, subMembers) in Dictionary(grouping: members, by: \.subregion).sorted(by: {
                    $0.key < $1.key
                }) {
                    let t = sum(subMembers.map { total(.detectedVictims, $0.code, year) })
                    if t.count > 0 {
                        subregionRows.append(
                            .init(
                                region: region, subregion: subregion, year: year, countries: t.count, victims: t.value,
                                share: ShareRange(part: t.value, rest: difference(all, t.value))))
                    }
                }
            }
        }

        let countries = areas.compactMap { area -> PatternsAndFlowsReport.CountryRow? in
            let reported = years.filter { total(.detectedVictims, area.code, $0) != nil }
            let prosecuted = sum(years.map { total(.prosecuted, area.code, $0) })
            let convicted = sum(years.map { total(.convicted, area.code, $0) })
            guard !reported.isEmpty || prosecuted.count > 0 || convicted.count > 0 else { return nil }
            return .init(
                code: area.code, name: area.name, region: area.region, subregion: area.subregion,
                yearsReported: reported.count,
                victims: sum(reported.map { total(.detectedVictims, area.code, $0) }).value,
                prosecuted: prosecuted.count > 0 ? prosecuted.value : nil,
                convicted: convicted.count > 0 ? convicted.value : nil,
                latestYear: reported.last)
        }

        let flowTable = flows(years, areas)
        return PatternsAndFlowsReport(
            scope: scope, trend: trend, panelCountries: panel, regions: regionRows, subregions: subregionRows,
            countries: countries,
            sexAge: years.map { sexAge($0, areas) }, forms: years.map { forms($0, areas) },
            flows: flowTable.rows, flowSummary: flowTable.summary,
            convictions: convictions(years, areas), notes: extraNotes)
    }

    private func sexAge(_ year: Int, _ areas: [StatisticsCube.AreaInfo]) -> PatternsAndFlowsReport.SexAgeRow {
        var girls = CountRange.zero, women = CountRange.zero, boys = CountRange.zero, men = CountRange.zero
        var female = CountRange.zero, male = CountRange.zero, other = CountRange.zero
        var byAge = 0, bySex = 0
        for area in areas {
            let cells = [(Sex.female, AgeBand.children), (.female, .adults), (.male, .children), (.male, .adults)]
                .map { cube.value(.detectedVictims, area: area.code, year: year, sex: $0.0, age: $0.1) }
            if cells.contains(where: { $0 != nil }) {
                byAge += 1
                girls += cells[0] ?? .zero; women += cells[1] ?? .zero; boys += cells[2] ?? .zero;
                men += cells[3] ?? .zero
            }
            let f = cube.value(.detectedVictims, area: area.code, year: year, sex: .female)
            let m = cube.value(.detectedVictims, area: area.code, year: year, sex: .male)
            if f != nil || m != nil {
                bySex += 1
                female += f ?? .zero; male += m ?? .zero
                other += cube.value(.detectedVictims, area: area.code, year: year, sex: .other) ?? .zero
            }
        }
        return .init(
            year: year, countries: byAge, girls: girls, women: women, boys: boys, men: men, countriesBySex: bySex,
            female: female, male: male, otherSex: other, femaleShare: ShareRange(part: female, rest: male + other))
    }

    private func forms(_ year: Int, _ areas: [StatisticsCube.AreaInfo]) -> PatternsAndFlowsReport.FormRow {
        var counts: [String: CountRange] = [:]
        var reporting = 0
        for area in areas {
            let values = ExploitationForm.allCases.map {
                cube.value(
                    .detectedVictims, area: area.code, year: year, dimension: .formOfExploitation, category: $0.rawValue
                )
            }
            guard values.contains(where: { $0 != nil }) else { continue }
            reporting += 1
            for (form, value) in zip(ExploitationForm.allCases, values) {
                counts[form.rawValue, default: .zero] += value ?? .zero
            }
        }
        let all = counts.values.reduce(CountRange.zero, +)
        var shares: [String: ShareRange] = [:]
        for (form, count) in counts { shares[form] = ShareRange(part: count, rest: difference(all, count)) }
        return .init(year: year, countries: reporting, counts: counts, shares: shares)
    }

    private func flows(
        _ years: [Int], _ areas: [StatisticsCube.AreaInfo]
    ) -> (rows: [PatternsAndFlowsReport.FlowRow], summary: PatternsAndFlowsReport.FlowSummary) {
        var matrix: [String: [String: (CountRange, Set<String>)]] = [:]
        var domestic = CountRange.zero, cross = CountRange.zero, unspecified = CountRange.zero
        var reporting: Set<String> = []
        for area in areas {
            for year in years {
                for (category, categoryArea) in cube.citizenshipCategories(area: area.code, year: year) {
                    guard
                        let value = cube.value(
                            .detectedVictims, area: area.code, year: year, dimension: .citizenship, category: category)
                    else { continue }
                    reporting.insert(area.code)
                    let origin: String
                    if categoryArea == area.code || category.caseInsensitiveCompare("Nationals") == .orderedSame {
                        domestic += value
                        origin = area.region
                    } else if let code = categoryArea, let country = Countries.find(code) {
                        cross += value
                        origin = country.region.isEmpty ? "Unspecified" : country.region
                    } else {
                        unspecified += value
                        origin = "Unspecified"
                    }
                    var cell = matrix[origin, default: [:]][area.region] ?? (.zero, [])
                    cell.0 += value
                    cell.1.insert(area.code)
                    matrix[origin, default: [:]][area.region] = cell
                }
            }
        }
        let rows = matrix.flatMap { origin, row in
            row.map {
                PatternsAndFlowsReport.FlowRow(
                    origin: origin, destination: $0.key, victims: $0.value.0, countries: $0.value.1.count)
            }
        }.sorted { ($0.origin, $0.destination) < ($1.origin, $1.destination) }
        let summary = PatternsAndFlowsReport.FlowSummary(
            countries: reporting.count, domestic: domestic, crossBorder: cross, unspecified: unspecified,
            domesticShare: ShareRange(part: domestic, rest: cross))
        return (rows, summary)
    }

    private func convictions(
        _ years: [Int], _ areas: [StatisticsCube.AreaInfo]
    ) -> [PatternsAndFlowsReport.ConvictionRow] {
        var rows: [PatternsAndFlowsReport.ConvictionRow] = []
        for (region, members) in Dictionary(grouping: areas, by: \.region).sorted(by: { $0.key < $1.key }) {
            var prosecuted = CountRange.zero, convicted = CountRange.zero, pairs = 0
            for area in members {
                for year in years {
                    guard let p = cube.value(.prosecuted, area: area.code, year: year),
                        let c = cube.value(.convicted, area: area.code, year: year)
                    else { continue }
                    prosecuted += p; convicted += c; pairs += 1
                }
            }
            if pairs > 0 {
                rows.append(
                    .init(
                        region: region, countryYears: pairs, prosecuted: prosecuted, convicted: convicted,
                        ratio: ShareRange(numerator: convicted, denominator: prosecuted)))
            }
        }
        return rows
    }

    private func sum(_ values: [CountRange?]) -> (value: CountRange, count: Int) {
        var total = CountRange.zero, count = 0
        for case let value? in values { total += value; count += 1 }
        return (total, count)
    }

    /// The rest of a total that is the sum of `part` and the rest: bounds add, so they subtract.
    private func difference(_ total: CountRange, _ part: CountRange) -> CountRange {
        CountRange(low: total.low - part.low, high: total.high - part.high)
    }
}
