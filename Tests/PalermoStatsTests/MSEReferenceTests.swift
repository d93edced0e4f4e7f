import Foundation
import PalermoIO
import PalermoStats
import XCTest

/// The published tables in ../shared/data/mse and their reference results (SparseMSE).
final class MSEReferenceTests: XCTestCase {
    static func table(_ name: String) throws -> CaptureTable {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/data/mse/\(name).csv")
        return try CaptureTableReader.read(Data(contentsOf: url)).table
    }

    func testPointEstimatesMatchTheReferenceToFourSignificantFigures() throws {
        for (name, reference) in [("new-orleans-8-lists", 1183.69), ("us-western-site-5-lists", 2483.38)] {
            let table = try Self.table(name)
            let (estimate, fit) = MSEEstimator().pointEstimate(table)
            XCTAssertEqual(estimate / reference, 1, accuracy: 0.5e-4, "\(name): \(estimate), model \(fit.model.terms(table.lists))")
        }
    }

    /// The BCa 2.5 % limit of this table lies near the 0.01st percentile of the 1000 resamples (z0 ≈ -0.48,
    /// acceleration ≈ -0.095), in effect their minimum, so it moves by several percent from one random
    /// stream to the next. The median over independent streams is compared with the reference.
    func testBootstrapLimitsAreWithinFivePercentOfTheReference() throws {
        let table = try Self.table("us-western-site-5-lists")
        var lower: [Double] = [], upper: [Double] = []
        for seed in [1, 2, 3, 4, 5] as [UInt64] {
            var estimator = MSEEstimator()
            estimator.seed = seed
            let result = estimator.estimate(table)
            XCTAssertEqual(result.bootstrap.count, 1000)
            let limits = Dictionary(uniqueKeysWithValues: result.intervals.map { ($0.percentile, $0.value) })
            lower.append(limits[0.025]!)
            upper.append(limits[0.975]!)
        }
        let medianLower = lower.sorted()[2], medianUpper = upper.sorted()[2]
        XCTAssertEqual(medianLower / 1290, 1, accuracy: 0.05, "2.5 %: \(lower)")
        XCTAssertEqual(medianUpper / 3670, 1, accuracy: 0.05, "97.5 %: \(upper)")
        // The same seed gives the same answer, whatever the number of threads.
        var again = MSEEstimator()
        again.seed = 1
        XCTAssertEqual(again.estimate(table).intervals.first?.value, lower[0])
    }
}
