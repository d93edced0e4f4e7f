import PalermoCore

/// Computes the patterns-and-flows figures from GLOTIP-shaped observations (published or built from
/// Palermo's own cases). Definitions, all over countries (groups without a region are left out):
/// - A country's figure is `StatisticsCube.figure`: its published total, or the sum of the parts it
///   published, complete when they cover the whole and otherwise a lower bound. The countries with a figure
///   are the ones a table covers, for every table of the same indicator and year.
/// - Sex and age shares use only the countries that published the breakdown, victims of unknown sex aside.
/// - Flows go from the region of citizenship to the region of detection; "Nationals" and a citizenship
///   equal to the detecting country are domestic; categories naming no known country are "unspecified".
/// - Conviction ratios use only the country-years whose prosecutions and convictions are both complete.
public struct PatternsAndFlowsAnalysis: Sendable {
    public let cube: StatisticsCube

    public init(_ observations: [Observation]) { cube = StatisticsCube(observations) }
    public init(cube: StatisticsCube) { self.cube = cube }

    /// The indicators shown by year and by region.
    static let indicators: [Indicator] = [.detectedVictims, .formalContact, .prosecuted, .convicted]

    public func report(_ scope: PatternsAndFlowsReport.Scope, notes extraNotes: [String] = []) -> PatternsAndFlowsReport
    {
        let areas = cube.areas.values.filter {
            scope.region == nil || $0.region == scope.region || $0.subregion == scope.region
        }
        .sorted { ($0.region, $0.subregion, $0.name) < ($1.region, $1.subregion, $1.name) }
        let years = Array(scope.years)
        // Every country's figure once: the tables below read each of them many times.
        struct Place: Hashable { let indicator: Indicator; let area: String; let year: Int }
        var figures: [Place: StatisticsCube.Figure] = [:]
        for indicator in Self.indicators {
            for area in areas {
                for year in years {
                    guard let found = cube.figure(indicator, area: area.code, year: year),
                        found.complete || !scope.completeOnly
                    else { continue }
                    figures[Place(indicator: indicator, area: area.code, year: year)] = found
                }
            }
        }
        func figure(_ indicator: Indicator, _ area: String, _ year: Int) -> StatisticsCube.Figure? {
            figures[Place(indicator: indicator, area: area, year: year)]
        }
        func covered(_ indicator: Indicator, _ codes: [String], _ year: Int) -> PatternsAndFlowsReport.CoveredCount {
            Self.add(codes.map { figure(indicator, $0, year) })
        }
        let codes = areas.map(\.code)

        // Years in which no country reported at all (not yet published) are gaps, and do not empty the panel.
        let publishedYears = years.filter { year in codes.contains { figure(.detectedVictims, $0, year) != nil } }
        let panel = codes.filter { code in publishedYears.allSatisfy { figure(.detectedVictims, code, $0) != nil } }
        let trend = years.map { year -> PatternsAndFlowsReport.YearRow in
            let victims = covered(.detectedVictims, codes, year)
            return .init(
                year: year, victims: victims, formalContact: covered(.formalContact, codes, year),
                prosecuted: covered(.prosecuted, codes, year), convicted: covered(.convicted, codes, year),
                panelVictims: victims.hasData && !panel.isEmpty ? covered(.detectedVictims, panel, year).value : nil)
        }

        var regionRows: [PatternsAndFlowsReport.AreaYearRow] = []
        var subregionRows: [PatternsAndFlowsReport.AreaYearRow] = []
        for indicator in Self.indicators {
            for year in years {
                let all = covered(indicator, codes, year).value
                func row(
                    _ region: String, _ subregion: String?, _ members: [StatisticsCube.AreaInfo]
                )
                    -> PatternsAndFlowsReport.AreaYearRow?
                {
                    let count = covered(indicator, members.map(\.code), year)
                    guard count.hasData else { return nil }
                    return .init(
                        indicator: indicator, region: region, subregion: subregion, year: year, count: count,
                        share: ShareRange(part: count.value, rest: difference(all, count.value)))
                }
                for (region, members) in Dictionary(grouping: areas, by: \.region).sorted(by: { $0.key < $1.key }) {
                    if let r = row(region, nil, members) { regionRows.append(r) }
                    let bySubregion = Dictionary(grouping: members, by: \.subregion).sorted { $0.key < $1.key }
                    for (subregion, subMembers) in bySubregion {
                        if let r = row(region, subregion, subMembers) { subregionRows.append(r) }
                    }
                }
            }
        }

        let countries = areas.compactMap { area -> PatternsAndFlowsReport.CountryRow? in
            let victims = Self.add(years.map { figure(.detectedVictims, area.code, $0) })
            let prosecuted = Self.add(years.map { figure(.prosecuted, area.code, $0) })
            let convicted = Self.add(years.map { figure(.convicted, area.code, $0) })
            guard victims.hasData || prosecuted.hasData || convicted.hasData else { return nil }
            return .init(
                code: area.code, name: area.name, region: area.region, subregion: area.subregion,
                victims: victims, prosecuted: prosecuted, convicted: convicted,
                latestYear: years.last { figure(.detectedVictims, area.code, $0) != nil })
        }

        // The countries covered each year: the breakdowns of detected victims count these and only these.
        let coveredByYear = Dictionary(
            uniqueKeysWithValues: years.map { year in
                (year, Set(codes.filter { figure(.detectedVictims, $0, year) != nil }))
            })
        func coveredCodes(_ year: Int) -> Set<String> { coveredByYear[year] ?? [] }
        let flowTable = flows(years, areas.filter { area in years.contains { coveredCodes($0).contains(area.code) } })
        return PatternsAndFlowsReport(
            scope: scope, trend: trend, panelCountries: panel, regions: regionRows, subregions: subregionRows,
            countries: countries,
            sexAge: years.map { year in sexAge(year, areas.filter { coveredCodes(year).contains($0.code) }) },
            forms: years.map { year in forms(year, areas.filter { coveredCodes(year).contains($0.code) }) },
            flows: flowTable.rows, flowSummary: flowTable.summary,
            convictions: convictions(years, areas, figure: figure), notes: extraNotes)
    }

    /// Countries' figures added up, counting the complete and the partial ones.
    static func add(_ figures: [StatisticsCube.Figure?]) -> PatternsAndFlowsReport.CoveredCount {
        var value = CountRange.zero, complete = 0, partial = 0
        for case let figure? in figures {
            value += figure.range
            if figure.complete { complete += 1 } else { partial += 1 }
        }
        return .init(value: value, complete: complete, partial: partial)
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
            year: year, covered: areas.count, countries: byAge, girls: girls, women: women, boys: boys, men: men,
            countriesBySex: bySex,
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
        return .init(year: year, covered: areas.count, countries: reporting, counts: counts, shares: shares)
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
        _ years: [Int], _ areas: [StatisticsCube.AreaInfo],
        figure: (Indicator, String, Int) -> StatisticsCube.Figure?
    ) -> [PatternsAndFlowsReport.ConvictionRow] {
        var rows: [PatternsAndFlowsReport.ConvictionRow] = []
        for (region, members) in Dictionary(grouping: areas, by: \.region).sorted(by: { $0.key < $1.key }) {
            var prosecuted = CountRange.zero, convicted = CountRange.zero, pairs = 0
            for area in members {
                for year in years {
                    guard let p = figure(.prosecuted, area.code, year), p.complete,
                        let c = figure(.convicted, area.code, year), c.complete
                    else { continue }
                    prosecuted += p.range; convicted += c.range; pairs += 1
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

    /// The rest of a total that is the sum of `part` and the rest: bounds add, so they subtract.
    private func difference(_ total: CountRange, _ part: CountRange) -> CountRange {
        CountRange(low: total.low - part.low, high: total.high - part.high)
    }
}
