import PalermoCore
import PalermoStats
import XCTest

final class PatternsAndFlowsTests: XCTestCase {
    func cell(_ area: String, _ region: String, _ year: Int, _ value: CountRange, indicator: Indicator = .detectedVictims,
              dimension: Disaggregation = .total, category: String = "Total", categoryArea: String? = nil, sex: Sex = .total, age: AgeBand = .total) -> Observation {
        Observation(area: area, areaName: area, region: region, subregion: region + " sub", indicator: indicator, dimension: dimension,
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
        XCTAssertEqual(report.trend[0].countries, 4)
        XCTAssertEqual(report.trend[0].victims, CountRange(low: 159, high: 167))
        let europe = report.regions.first { $0.region == "Europe" }
        XCTAssertEqual(europe?.victims, CountRange(low: 109, high: 117))
        XCTAssertEqual(europe?.countries, 3)
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
            cell("AUT", "Europe", 2019, CountRange(exactly: 30), dimension: .citizenship, category: "Nigeria", categoryArea: "NGA"),
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
        XCTAssertEqual(report.trend.map(\.countries), [1, 2])
        XCTAssertEqual(report.flowSummary.domestic, CountRange(exactly: 10))
        XCTAssertEqual(report.flowSummary.crossBorder, CountRange(exactly: 30))
        XCTAssertEqual(report.flowSummary.unspecified, CountRange(exactly: 5))
        XCTAssertEqual(report.flows.first { $0.origin == "Africa" }?.destination, "Europe")
        XCTAssertEqual(report.convictions.first?.countryYears, 1, "BEL published convictions without prosecutions")
        XCTAssertEqual(report.convictions.first?.ratio?.point ?? 0, 0.25, accuracy: 1e-12)
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
