import PalermoCore
import PalermoStats
import XCTest

final class PatternsAndFlowsTests: XCTestCase {
    func cell(
        _ area: String, _ region: String, _ year: Int, _ value: CountRange, indicator: Indicator = .detectedVictims,
        dimension: Disaggregation = .total, category: String = "Total", categoryArea: String? = nil, sex: Sex = .total,
        age: AgeBand = .total
    ) -> Observation {
        Observation(
            area: area, areaName: area, region: region, subregion: region + " sub", indicator: indicator,
            dimension: dimension,
            category: category, categoryArea: categoryArea, sex: sex, age: age, year: year, value: value)
    }

    func testTotalsCarryCensoredRangesAndFallBackToPublishedParts() {
        let observations = [
            cell("AUT", "Europe", 2018, CountRange(exactly: 100)),
            cell("BEL", "Europe", 2018, .suppressed),
            // DNK published only sex parts, one of them by age only.
            cell("DNK", "Europe", 2018, CountRange(exactly: 7), sex: .female),
            cell("DNK", "Europe", 2018, CountRange(exactly: 2), sex: .male, age: .children),
            cell("DNK", "Europe", 2018, .suppressed, sex: .male, age: .adults),
            cell("KEN", "Africa", 2018, CountRange(exactly: 50)),
            cell("SAM", "", 2018, CountRange(exactly: 1_000)),  // a group: left out
        ]
        let report = PatternsAndFlowsAnalysis(observations).report(.init(from: 2018, to: 2018, source: "test"))
        XCTAssertEqual(report.trend[0].victims.countries, 4)
        XCTAssertEqual(report.trend[0].victims.value, CountRange(low: 159, high: 167))
        XCTAssertEqual(report.trend[0].victims.partial, 0, "DNK's parts cover both sexes and both ages")
        let europe = report.regions.first { $0.region == "Europe" && $0.indicator == .detectedVictims }
        XCTAssertEqual(europe?.count.value, CountRange(low: 109, high: 117))
        XCTAssertEqual(europe?.count.countries, 3)
        let sex = report.sexAge[0]
        XCTAssertEqual(sex.countriesBySex, 1)
        XCTAssertEqual(sex.female, CountRange(exactly: 7))
        XCTAssertEqual(sex.male, CountRange(low: 2, high: 6))
        XCTAssertEqual(sex.femaleShare?.low ?? 0, 7.0 / 13.0, accuracy: 1e-12)
        XCTAssertEqual(sex.femaleShare?.high ?? 0, 7.0 / 9.0, accuracy: 1e-12)
    }

    func testFlowsCoverageAndConvictionRatios() {
        let observations = [
            cell("AUT", "Europe", 2019, CountRange(exactly: 10), dimension: .citizenship, category: "Nationals"),
            cell(
                "AUT", "Europe", 2019, CountRange(exactly: 30), dimension: .citizenship, category: "Nigeria",
                categoryArea: "NGA"),
            cell("AUT", "Europe", 2019, CountRange(exactly: 5), dimension: .citizenship, category: "Unknown"),
            cell("AUT", "Europe", 2019, CountRange(exactly: 45)),
            cell("AUT", "Europe", 2020, CountRange(exactly: 40)),
            cell("BEL", "Europe", 2020, CountRange(exactly: 400)),
            cell("AUT", "Europe", 2019, CountRange(exactly: 20), indicator: .prosecuted),
            cell("AUT", "Europe", 2019, CountRange(exactly: 5), indicator: .convicted),
            cell("BEL", "Europe", 2020, CountRange(exactly: 9), indicator: .convicted),
        ]
        let report = PatternsAndFlowsAnalysis(observations).report(.init(from: 2019, to: 2020, source: "test"))
        XCTAssertEqual(report.panelCountries, ["AUT"], "only AUT reported in both years")
        XCTAssertEqual(report.trend.map(\.panelVictims), [CountRange(exactly: 45), CountRange(exactly: 40)])
        XCTAssertEqual(report.trend.map(\.victims.countries), [1, 2])
        XCTAssertEqual(report.flowSummary.domestic, CountRange(exactly: 10))
        XCTAssertEqual(report.flowSummary.crossBorder, CountRange(exactly: 30))
        XCTAssertEqual(report.flowSummary.unspecified, CountRange(exactly: 5))
        XCTAssertEqual(report.flows.first { $0.origin == "Africa" }?.destination, "Europe")
        XCTAssertEqual(report.convictions.first?.countryYears, 1, "BEL published convictions without prosecutions")
        XCTAssertEqual(report.convictions.first?.ratio?.point ?? 0, 0.25, accuracy: 1e-12)
    }

    /// Guyana 2017, persons prosecuted: only "Total sex, 18 years or over: 7" was published. That is a lower
    /// bound with an open upper end, not Guyana's total; the reader may leave such countries out.
    func testPartsThatDoNotCoverTheWholeAreALowerBound() {
        let observations = [
            cell("GUY", "Americas", 2017, CountRange(exactly: 7), indicator: .prosecuted, age: .adults),
            cell("BRA", "Americas", 2017, CountRange(exactly: 100), indicator: .prosecuted),
            // Only men, by age: partial too (no women).
            cell("CHL", "Americas", 2017, CountRange(exactly: 3), indicator: .prosecuted, sex: .male, age: .adults),
            cell("CHL", "Americas", 2017, .suppressed, indicator: .prosecuted, sex: .male, age: .children),
            // Female and male parts, one of them by age only: complete.
            cell("PER", "Americas", 2017, CountRange(exactly: 4), indicator: .prosecuted, sex: .female),
            cell("PER", "Americas", 2017, CountRange(exactly: 6), indicator: .prosecuted, sex: .male, age: .adults),
            cell("PER", "Americas", 2017, CountRange(exactly: 1), indicator: .prosecuted, sex: .male, age: .children),
        ]
        let analysis = PatternsAndFlowsAnalysis(observations)
        XCTAssertEqual(
            analysis.cube.figure(.prosecuted, area: "GUY", year: 2017),
            StatisticsCube.Figure(range: CountRange(exactly: 7), complete: false))
        XCTAssertEqual(analysis.cube.figure(.prosecuted, area: "PER", year: 2017)?.complete, true)
        let report = analysis.report(.init(from: 2017, to: 2017, source: "test"))
        let prosecuted = report.trend[0].prosecuted
        XCTAssertEqual(prosecuted.countries, 4)
        XCTAssertEqual(prosecuted.partial, 2)
        XCTAssertTrue(prosecuted.upperOpen, "≥ 121")
        XCTAssertEqual(prosecuted.value.low, 121)
        let guyana = report.countries.first { $0.code == "GUY" }
        XCTAssertEqual(guyana?.prosecuted.partial, 1)
        XCTAssertTrue(report.convictions.isEmpty)

        let complete = analysis.report(.init(from: 2017, to: 2017, source: "test", completeOnly: true))
        XCTAssertEqual(complete.trend[0].prosecuted, .init(value: CountRange(exactly: 111), complete: 2, partial: 0))
        XCTAssertNil(complete.countries.first { $0.code == "GUY" })
    }

    /// Countries that published only forms of exploitation (often all `<5`) count in the trend as in the forms
    /// table: one definition of coverage for every table of an indicator and year.
    func testEveryTableOfAYearCoversTheSameCountries() {
        let forms = ExploitationForm.allCases
        let observations =
            [
                cell("AUT", "Europe", 2017, CountRange(exactly: 50)),
                cell(
                    "AUT", "Europe", 2017, CountRange(exactly: 30), dimension: .formOfExploitation,
                    category: forms[0].rawValue),
                cell("AUT", "Europe", 2017, CountRange(exactly: 20), sex: .female),
                cell("AUT", "Europe", 2017, CountRange(exactly: 30), sex: .male),
            ]
            + forms.map {
                cell("MLT", "Europe", 2017, .suppressed, dimension: .formOfExploitation, category: $0.rawValue)
            }
            + [
                cell(
                    "NGA", "Africa", 2017, CountRange(exactly: 12), dimension: .formOfExploitation,
                    category: forms[0].rawValue),
                cell("KEN", "Africa", 2017, CountRange(exactly: 9), dimension: .citizenship, category: "Nationals"),
            ]
        let report = PatternsAndFlowsAnalysis(observations).report(.init(from: 2017, to: 2017, source: "test"))
        let trend = report.trend[0].victims
        XCTAssertEqual(trend.countries, 4, "AUT, MLT (all three forms), NGA (one form), KEN (citizenship)")
        XCTAssertEqual(trend.partial, 2, "NGA and KEN published parts that may not be all")
        XCTAssertEqual(report.forms[0].covered, trend.countries)
        XCTAssertEqual(report.forms[0].countries, 3, "of which three published forms")
        XCTAssertEqual(report.sexAge[0].covered, trend.countries)
        let regional = report.regions.filter { $0.indicator == .detectedVictims && $0.year == 2017 }
        XCTAssertEqual(regional.map(\.count.countries).reduce(0, +), trend.countries)
        XCTAssertEqual(report.countries.filter { $0.victims.hasData }.count, trend.countries)
        XCTAssertEqual(report.flowSummary.countries, 1, "KEN's citizenship breakdown")
    }

    /// A year without any figure is a gap: no zero in the trend, and the panel is not emptied by it.
    func testYearsWithoutDataAreGapsNotZeros() {
        let observations = [
            cell("AUT", "Europe", 2020, CountRange(exactly: 40)), cell("AUT", "Europe", 2021, CountRange(exactly: 30)),
        ]
        let report = PatternsAndFlowsAnalysis(observations).report(.init(from: 2020, to: 2022, source: "test"))
        XCTAssertEqual(report.yearsWithoutData, [2022])
        XCTAssertFalse(report.trend[2].victims.hasData)
        XCTAssertNil(report.trend[2].panelVictims)
        XCTAssertEqual(report.panelCountries, ["AUT"])
    }

    /// Persons brought into formal contact, prosecuted and convicted by region, subregion and year.
    func testCriminalJusticeByRegionSubregionAndYear() {
        let observations = [
            cell("AUT", "Europe", 2019, CountRange(exactly: 20), indicator: .prosecuted),
            cell("BEL", "Europe", 2019, .suppressed, indicator: .prosecuted),
            cell("BEL", "Europe", 2020, CountRange(exactly: 8), indicator: .formalContact),
            cell("KEN", "Africa", 2019, CountRange(exactly: 3), indicator: .convicted),
        ]
        let report = PatternsAndFlowsAnalysis(observations).report(.init(from: 2019, to: 2020, source: "test"))
        let europe = report.regions.first { $0.indicator == .prosecuted && $0.region == "Europe" && $0.year == 2019 }
        XCTAssertEqual(europe?.count, .init(value: CountRange(low: 20, high: 24), complete: 2, partial: 0))
        let sub = report.subregions.first { $0.indicator == .formalContact && $0.subregion == "Europe sub" }
        XCTAssertEqual(sub?.year, 2020)
        XCTAssertEqual(sub?.count.value, CountRange(exactly: 8))
        XCTAssertEqual(report.regions.first { $0.indicator == .convicted }?.region, "Africa")
        XCTAssertEqual(report.trend.map(\.formalContact.countries), [0, 1])
    }

    func testCountryNamesMatchOfficialShortBrokenAndAliasedForms() {
        let names = CountryNames.standard
        XCTAssertEqual(names.alpha3(for: "Republic of Moldova"), "MDA")
        XCTAssertEqual(names.alpha3(for: "TÃ¼rkiye"), "TUR")
        XCTAssertEqual(names.alpha3(for: "cote d'ivoire"), "CIV")
        XCTAssertEqual(names.alpha3(for: "Viet Nam"), "VNM")
        XCTAssertNil(names.alpha3(for: "Africa others"))
    }
}
