import Foundation
import PalermoIO
import PalermoStats
import XCTest

/// The published tables in ../shared/data/mse and their reference results (SparseMSE).
final class MSEReferenceTests: XCTestCase {
    static func table(_ name: String) throws -> CaptureTable {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/data/mse/\(name).csv")
        return try CaptureTableReader.read(Data(contentsOf: url)).table
    }

    func testPointEstimatesMatchTheReferenceToFourSignificantFigures() throws {
        for (name, reference) in [("new-orleans-8-lists", 1183.69), ("us-western-site-5-lists", 2483.38)] {
            let table = try Self.table(name)
            let (estimate, fit) = MSEEstimator().pointEstimate(table)
            XCTAssertEqual(
                estimate / reference, 1, accuracy: 0.5e-4, "\(name): \(estimate), model \(fit.model.terms(table.lists))"
            )
        }
    }

    /// The limits that rest on more than a handful of replicates agree with the reference's (5,000 resamples)
    /// within 5 %, taking the median over independent streams of 600 resamples each. The 2.5 % limit is read
    /// at about the 0.01st percentile, in effect the smallest replicate: see `MSEBootstrapTests`.
    func testBootstrapLimitsAreWithinFivePercentOfTheReference() throws {
        let table = try Self.table("us-western-site-5-lists")
        let reference: [Double: Double] = [0.16: 1481.708, 0.84: 2787.636, 0.9: 3009.334, 0.975: 3671.915]
        var limits: [Double: [Double]] = [:]
        for seed in [1, 2, 3, 4, 5] as [UInt64] {
            var estimator = MSEEstimator()
            estimator.seed = seed
            estimator.resamples = 600
            let result = estimator.estimate(table)
            XCTAssertEqual(result.bootstrap.count, 600)
            for limit in result.intervals { limits[limit.percentile, default: []].append(limit.value) }
        }
        for (percentile, expected) in reference {
            let median = (limits[percentile] ?? []).sorted()[2]
            XCTAssertEqual(median / expected, 1, accuracy: 0.05, "\(percentile): \(limits[percentile] ?? [])")
        }
        // The same seed gives the same answer, whatever the number of threads.
        var again = MSEEstimator()
        again.seed = 1
        again.resamples = 600
        XCTAssertEqual(again.estimate(table).intervals.last?.value, limits[0.975]?.first)
    }
}
