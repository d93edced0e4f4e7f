import Foundation
import PalermoStats

/// An estimate's parts as CSV, for a reader who wants to check or redo it elsewhere.
public enum EstimateFiles {
    /// The list-overlap table in the layout `CaptureTableReader` reads (one 0/1 column per list, then
    /// `count`), so `palermo estimate` or SparseMSE can be run on it as it is.
    public static func table(_ table: CaptureTable) throws -> Data {
        let rows = zip(table.histories, table.counts).map { history, count in
            table.lists.indices.map { history & (1 << $0) != 0 ? "1" : "0" } + [String(count)]
        }
        return try CSVTable.write([table.lists + ["count"]] + rows)
    }

    /// The model and the limits: one row per quantity, then one per limit with its Monte Carlo error, the
    /// level BCa read the replicates at, and how many replicates lie beyond it.
    public static func limits(_ result: MSEEstimator.Result, seed: UInt64) throws -> Data {
        let header = ["item", "percentile", "value", "monte_carlo_error", "adjusted_level", "replicates_beyond"]
        func item(_ name: String, _ value: String) -> [String] { [name, "", value, "", "", ""] }
        var rows = [
            header,
            item("observed", String(result.observed)),
            item("estimate", number(result.estimate)),
            item("model", (["main effects"] + result.model).joined(separator: " + ")),
            item("resamples", String(result.bootstrap.count)),
            item("seed", String(seed)),
        ]
        if let acceleration = result.acceleration { rows.append(item("acceleration", number(acceleration))) }
        rows += result.intervals.map { limit in
            [
                "limit", number(limit.percentile), number(limit.value), number(limit.monteCarloError),
                number(limit.adjustedLevel), String(limit.replicatesBeyond),
            ]
        }
        return try CSVTable.write(rows)
    }

    /// Every resample's estimate, in the order drawn.
    public static func replicates(_ result: MSEEstimator.Result) throws -> Data {
        try CSVTable.write(
            [["resample", "estimate"]]
                + result.bootstrap.enumerated().map { [String($0.offset + 1), number($0.element)] })
    }

    /// Full precision, and the same text on every machine.
    static func number(_ value: Double) -> String { value.isFinite ? "\(value)" : "" }
}
