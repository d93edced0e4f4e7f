import PalermoCore
@testable import PalermoStats
import XCTest

/// Figures from case records protected for a reader across organisations, on generated countries and years:
/// no small count is released, every withheld cell is a range that holds the true count, and released cells
/// are the true ones.
final class CaseFigureProtectionTests: XCTestCase {
    /// Cells built the way `NationalStatistics.fromCases` builds them: form × sex × age with every margin, and
    /// citizenship with the grand total. Some people have no form of exploitation recorded.
    func observations(people: Int, using rng: inout SeededGenerator) -> [Observation] {
        var cells: [Observation.Key: Int] = [:]
        let forms: [ExploitationForm?] = [.sexual, .forcedLabour, .other, nil]
        let sexes: [Sex] = [.female, .male, .unknown]
        let ages: [AgeBand] = [.children, .adults, .unknown]
        let citizenships = ["Kenya", "Uganda", "Somalia", "Unknown"]
        for _ in 0..<people {
            let form = forms[Int.random(in: 0..<forms.count, using: &rng)]
            let sex = sexes[Int.random(in: 0..<sexes.count, using: &rng)]
            let age = ages[Int.random(in: 0..<ages.count, using: &rng)]
            func add(_ dimension: Disaggregation, _ category: String, _ pairs: [(Sex, AgeBand)]) {
                for (s, a) in pairs {
                    let key = Observation.Key(
                        area: "KEN", indicator: .detectedVictims, dimension: dimension, category: category, sex: s,
                        age: a, year: 2024)
                    cells[key, default: 0] += 1
                }
            }
            let all: [(Sex, AgeBand)] = [(.total, .total), (sex, .total), (.total, age), (sex, age)]
            add(.total, "Total", all)
            if let form { add(.formOfExploitation, form.rawValue, all) }
            add(.citizenship, citizenships[Int.random(in: 0..<citizenships.count, using: &rng)], [(.total, .total)])
        }
        return cells.map { key, n in
            Observation(
                area: key.area, areaName: "Kenya", region: "Africa", subregion: "Sub-Saharan Africa",
                indicator: key.indicator, dimension: key.dimension, category: key.category, sex: key.sex,
                age: key.age, year: key.year, value: CountRange(exactly: n))
        }
    }

    func testNoSmallCountIsReleasedAndEveryRangeHoldsTheTruth() {
        var rng = SeededGenerator(seed: 2000)
        var withheld = 0
        for round in 0..<40 {
            let truth = observations(people: [2, 7, 15, 40, 120][round % 5], using: &rng)
            let threshold = [5, 3, 10][round % 3]
            let shown = CaseFigureProtection.protect(truth, threshold: threshold)
            let byKey = Dictionary(shown.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
            for o in truth {
                let value = byKey[o.key] ?? .zero
                if value.isExact {
                    XCTAssertEqual(value, o.value, "round \(round): a released cell is the true one")
                    XCTAssertFalse(value.low > 0 && value.low < threshold, "round \(round): \(o.key) released")
                } else {
                    withheld += 1
                    XCTAssertTrue(value.low <= o.value.low && o.value.low <= value.high, "round \(round): \(o.key)")
                    XCTAssertGreaterThanOrEqual(value.high - value.low, threshold - 1, "round \(round): \(o.key)")
                }
            }
            // Nothing is made up: every cell shown is a true cell, or a withheld zero.
            let truthKeys = Set(truth.map(\.key))
            for o in shown where !truthKeys.contains(o.key) { XCTAssertFalse(o.value.isExact, "\(o.key)") }
        }
        XCTAssertGreaterThan(withheld, 100)
    }
}
