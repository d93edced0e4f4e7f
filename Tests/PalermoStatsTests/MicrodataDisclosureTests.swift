import PalermoCore
@testable import PalermoStats
import XCTest

/// Risk audit, k-anonymity and k-synthesis of microdata, on a worked example and on generated records.
final class MicrodataDisclosureTests: XCTestCase {
    static let attributes = ["sex", "age", "citizenship", "exploitation", "year"]

    /// Records shaped like case records: skewed, with rare combinations and some unknown ("") values.
    static func generated(_ n: Int, seed: UInt64) -> Microdata {
        var rng = SeededGenerator(seed: seed)
        func pick(_ choices: [String], _ weights: [Int]) -> String {
            var x = Int.random(in: 0..<weights.reduce(0, +), using: &rng)
            for (c, w) in zip(choices, weights) {
                x -= w
                if x < 0 { return c }
            }
            return choices[0]
        }
        let records = (0..<n).map { _ in
            [
                pick(["Female", "Male", ""], [60, 35, 5]), pick(["adult", "child", ""], [70, 25, 5]),
                pick(["KEN", "UGA", "TZA", "ETH", "SOM", "NPL", "IND", ""], [40, 20, 10, 10, 8, 4, 3, 5]),
                pick(["SexualExploitation", "ForcedLabour", "DomesticServitude", "ForcedBegging"], [45, 35, 12, 8]),
                pick((2016...2025).map(String.init), [3, 4, 5, 6, 8, 10, 12, 14, 16, 18]),
            ]
        }
        do { return try Microdata(attributes: attributes, records: records) } catch { fatalError("\(error)") }
    }

    func testRiskAuditOnAWorkedExample() throws {
        let data = try Microdata(
            attributes: ["sex", "age", "citizenship", "form"],
            records: [
                ["F", "adult", "KEN", "sexual"], ["F", "adult", "KEN", "labour"], ["F", "adult", "KEN", "sexual"],
                ["M", "adult", "KEN", "labour"], ["M", "adult", "KEN", "labour"], ["F", "child", "UGA", "sexual"],
            ])
        let report = RiskAudit(k: 3).audit(data, quasiIdentifiers: [0, 1, 2], sensitive: 3, l: 2)
        XCTAssertEqual(report.classes, 3)
        XCTAssertEqual(report.smallestClass, 1)
        XCTAssertEqual(report.recordsAtRisk, 3, "the two men and the girl from Uganda")
        XCTAssertEqual(report.uniques, 1)
        // The girl is singled out by her age alone and by her citizenship alone: two minimal sample uniques.
        XCTAssertEqual(
            Set(report.rareCombinations.map(\.attributes)), [["age"], ["citizenship"]])
        XCTAssertEqual(report.attributeContributions, ["sex": 0, "age": 1, "citizenship": 1])
        // The men's class has one form only, and so has the girl's: everyone who places them knows it.
        XCTAssertEqual(report.diversity?.smallest, 1)
        XCTAssertEqual(report.diversity?.classesBelow, 2)
        XCTAssertEqual(report.diversity?.recordsBelow, 3)
    }

    func testKAnonymousMicrodataHasNoClassUnderK() throws {
        for (seed, k) in [(1, 5), (2, 10), (3, 11), (4, 3)] {
            let data = Self.generated(600, seed: UInt64(seed))
            var method = KAnonymity(k: k)
            method.maxSuppressed = 0.05
            let hierarchies = [
                Hierarchy.flat("sex"), .flat("age"), .country("citizenship"), .exploitation("exploitation"),
                .year("year"),
            ]
            let result = try method.anonymise(data, quasiIdentifiers: [0, 1, 2, 3, 4], hierarchies: hierarchies)
            let classes = result.data.classes(on: [0, 1, 2, 3, 4])
            XCTAssertGreaterThanOrEqual(classes.map(\.count).min() ?? 0, k, "seed \(seed)")
            XCTAssertEqual(result.data.count + result.suppressed, data.count)
            XCTAssertLessThanOrEqual(Double(result.suppressed), 0.05 * Double(data.count))
            XCTAssertTrue((0...1).contains(result.loss))
            XCTAssertEqual(RiskAudit(k: k).audit(result.data, quasiIdentifiers: [0, 1, 2, 3, 4]).recordsAtRisk, 0)
        }
        let data = Self.generated(50, seed: 9)
        XCTAssertThrowsError(
            try KAnonymity(k: 1).anonymise(data, quasiIdentifiers: [0], hierarchies: [.flat("sex")])
        ) { XCTAssertEqual($0 as? KAnonymity.Problem, .kTooSmall(1)) }
        XCTAssertThrowsError(
            try KAnonymity(k: 60).anonymise(data, quasiIdentifiers: [0], hierarchies: [.flat("sex")]))
    }

    /// The least generalisation wins: with k = 2 and nothing rare, nothing is generalised.
    func testNothingIsGeneralisedWhenNothingNeedsIt() throws {
        let data = try Microdata(
            attributes: ["sex", "citizenship"],
            records: [["F", "KEN"], ["F", "KEN"], ["M", "UGA"], ["M", "UGA"]])
        let result = try KAnonymity(k: 2).anonymise(
            data, quasiIdentifiers: [0, 1], hierarchies: [.flat("sex"), .country("citizenship")])
        XCTAssertEqual(result.levels, ["sex": "sex", "citizenship": "citizenship"])
        XCTAssertEqual(result.loss, 0)
        XCTAssertEqual(result.data.records, data.records)
    }

    func testEverySyntheticCombinationIsHeldByKSensitiveRecords() throws {
        for (seed, k, length) in [(11, 5, 3), (12, 10, 2), (13, 3, 4)] as [(UInt64, Int, Int)] {
            let data = Self.generated(800, seed: seed)
            var rng = SeededGenerator(seed: seed)
            let synthesis = try KSynthesis(k: k, length: length)
            let synthetic = synthesis.synthesise(CombinationCounts(data, length: length), template: data, using: &rng)
            let sensitive = CombinationCounts(data, length: length)
            let counted = CombinationCounts(synthetic, length: length)
            for (combination, _) in counted.counts {
                XCTAssertGreaterThanOrEqual(sensitive[combination], k, "seed \(seed): \(combination.items)")
            }
            // Each value is used up: it is in as many synthetic records as its count rounded down to the resolution.
            for (combination, count) in sensitive.counts where combination.length == 1 {
                XCTAssertEqual(
                    counted[combination], count < k ? 0 : count / k * k, "seed \(seed): \(combination.items)")
            }
            let utility = SynthesisUtility(sensitive: data, synthetic: synthetic, k: k, reportingLength: length)
            XCTAssertEqual(utility.rareCombinationsLeaked, 0)
            XCTAssertEqual(utility.fabricatedCombinations, 0)
            // Single values keep their counts closely (within a tenth of the mean count), pairs and triples less so.
            let singles = try XCTUnwrap(utility.errors.first)
            XCTAssertLessThan(singles.meanError, singles.meanSensitiveCount * 0.1, "\(utility.errors)")
        }
        XCTAssertThrowsError(try KSynthesis(k: 1, length: 3))
        XCTAssertThrowsError(try KSynthesis(k: 5, length: 0))
    }

    /// An attribute most records leave empty, and only with some values of another (the labour industry, for
    /// labour exploitation only), keeps its empty share: it is not filled in, and does not drag the other
    /// attribute's counts with it. Every single value's count stays within 5 % of the mean count.
    func testAnAttributeMostlyEmptyStaysEmptyAndSingleCountsHold() throws {
        var rng = SeededGenerator(seed: 31)
        let records = (0..<6_000).map { _ -> [String] in
            let form =
                ["SexualExploitation", "SexualExploitation", "ForcedLabour", "ForcedMarriage"]
                .randomElement(using: &rng) ?? ""
            let industry =
                form == "ForcedLabour"
                ? (["Agriculture", "Construction", "Fishing"].randomElement(using: &rng) ?? "") : ""
            let sex = ["Female", "Female", "Male", ""].randomElement(using: &rng) ?? ""
            let citizenship = ["KEN", "UGA", "TZA", "ETH", "NPL"].randomElement(using: &rng) ?? ""
            return [sex, citizenship, form, industry]
        }
        let data = try Microdata(
            attributes: ["sex", "citizenship", "exploitation", "labourIndustry"], records: records)
        let synthetic = try KSynthesis(k: 10, length: 3).synthesise(
            CombinationCounts(data, length: 3), template: data, using: &rng)
        let utility = SynthesisUtility(sensitive: data, synthetic: synthetic, k: 10, reportingLength: 3)
        XCTAssertEqual(utility.rareCombinationsLeaked, 0)
        let singles = try XCTUnwrap(utility.errors.first)
        XCTAssertLessThan(singles.meanError, singles.meanSensitiveCount * 0.05, "\(utility.errors)")
        let industries = (0..<synthetic.count).filter { !synthetic.value($0, 3).isEmpty }.count
        XCTAssertLessThan(abs(industries - 1_500), 150, "about a quarter of the records have an industry")
    }

    /// The Gaussian noise of the DP variant is the least that meets (ε, δ) exactly: at σ the privacy loss is within
    /// δ, a hundredth less and it is not; for ε below 1 it is below the classical bound √(2 ln(1.25/δ)) Δ/ε.
    func testTheGaussianNoiseIsTheLeastThatMeetsTheBudget() {
        for (epsilon, delta, sensitivity) in [(0.5, 1e-5, 1.0), (1.27, 1.7e-7, 56.0.squareRoot()), (4, 1e-9, 2.0)] {
            let sigma = KSynthesis.gaussianSigma(epsilon: epsilon, delta: delta, sensitivity: sensitivity)
            func loss(_ s: Double) -> Double {
                KSynthesis.gaussianPrivacyLoss(sigma: s, epsilon: epsilon, sensitivity: sensitivity)
            }
            XCTAssertLessThanOrEqual(loss(sigma), delta * (1 + 1e-9))
            XCTAssertGreaterThan(loss(sigma * 0.99), delta)
            if epsilon < 1 {
                XCTAssertLessThan(sigma, (2 * log(1.25 / delta)).squareRoot() * sensitivity / epsilon)
            }
        }
        XCTAssertEqual(KSynthesis.normalQuantile(0.975), 1.959964, accuracy: 1e-5)
    }

    func testTheDifferentiallyPrivateVariantRefusesABadBudgetAndSynthesises() throws {
        let data = Self.generated(800, seed: 21)
        var rng = SeededGenerator(seed: 21)
        XCTAssertThrowsError(try KSynthesis.noisyCounts(data, length: 3, epsilon: 0, delta: 1e-6, using: &rng)) {
            XCTAssertEqual($0 as? KSynthesis.Problem, .epsilonNotPositive)
        }
        XCTAssertThrowsError(try KSynthesis.noisyCounts(data, length: 3, epsilon: 1, delta: 0, using: &rng))
        let noisy = try KSynthesis.noisyCounts(data, length: 3, epsilon: 4, delta: 1e-6, using: &rng)
        XCTAssertLessThan(abs(noisy.records - data.count), 100)
        let synthetic = try KSynthesis(k: 2, length: 3).synthesise(
            noisy, template: data, limit: noisy.records, using: &rng)
        XCTAssertEqual(synthetic.count, noisy.records)
        XCTAssertGreaterThan(synthetic.codes.count, 0)
    }

    func testBadMicrodataIsRefused() {
        XCTAssertThrowsError(try Microdata(attributes: [], records: []))
        XCTAssertThrowsError(try Microdata(attributes: ["a", "a"], records: []))
        XCTAssertThrowsError(try Microdata(attributes: ["a", "b"], records: [["x"]])) {
            XCTAssertEqual($0 as? Microdata.Problem, .wrongWidth(record: 0, expected: 2, got: 1))
        }
        let data = Self.generated(10, seed: 1)
        XCTAssertEqual(try? data.indices(of: ["sex", "labour"]).get(), nil)
    }
}
