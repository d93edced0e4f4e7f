import Dispatch
import Foundation
import PalermoCore

/// Multiple systems estimation of the total number of victims, observed and hidden, from the overlaps
/// of several lists, following Chan, Silverman and Vincent (2019) and their R package SparseMSE.
public struct MSEEstimator: Sendable {
    public var selection: ModelSelection = .stepwise
    public var threshold: Double = 0.02
    /// Resamples cost well under a millisecond each; with 1,000 the extreme BCa limits rest on a handful of them.
    public var resamples: Int = 10_000
    public var seed: UInt64 = 1234
    public var percentiles: [Double] = [0.025, 0.05, 0.1, 0.16, 0.84, 0.9, 0.95, 0.975]

    public init() {}

    public struct Result: Sendable {
        public let lists: [String]
        public let observed: Int
        public let estimate: Double
        public let model: [String]
        public let fit: ModelFit
        /// BCa limits by percentile, each with its Monte Carlo error; empty without bootstrap.
        public let intervals: [BootstrapLimit]
        public let bootstrap: [Double]
        public let acceleration: Double?
        public let warnings: [String]
    }

    /// Point estimate only: observed + exp(intercept of the chosen model).
    public func pointEstimate(_ table: CaptureTable) -> (estimate: Double, fit: ModelFit) {
        let fit = selection.choose(table, threshold: threshold)
        return (Double(table.observed) + fit.darkFigure, fit)
    }

    public func estimate(_ input: CaptureTable, notes: [String] = []) -> Result {
        let (table, removed) = input.removingNonInformativeLists()
        var warnings = notes + removed
        let (estimate, fit) = pointEstimate(table)
        let disjoint = ModelSelection.allPairs(table.lists.count).filter { table.overlap($0.first, $0.second) == 0 }
        if !disjoint.isEmpty {
            let names = disjoint.map { "\(table.lists[$0.first]):\(table.lists[$0.second])" }
            warnings.append(
                "\(disjoint.count) of \(table.lists.count * (table.lists.count - 1) / 2) pairs of lists have no case in common (\(names.joined(separator: ", ")))"
            )
        }
        for pair in fit.emptyPairs {
            warnings.append(
                "lists \(table.lists[pair.first]) and \(table.lists[pair.second]) have no case in common: their interaction is at minus infinity and the cells holding both were left out"
            )
        }
        for (i, name) in table.lists.enumerated() where table.total(onList: i) < 5 {
            warnings.append(
                "list \(name) is sparse (\(table.total(onList: i)) cases): estimates lean heavily on the model")
        }
        if !fit.converged { warnings.append("the chosen model's fit did not converge in 25 iterations") }
        var replicates: [Double] = []
        var intervals: [BootstrapLimit] = []
        var acceleration: Double?
        if resamples > 0 {
            replicates = bootstrap(table)
            let a = jackknifeAcceleration(table)
            acceleration = a
            intervals = BootstrapLimits.limits(
                replicates, estimate: estimate, acceleration: a, percentiles: percentiles)
            warnings += BootstrapLimits.warnings(intervals, resamples: resamples)
        }
        return Result(
            lists: table.lists, observed: table.observed, estimate: estimate, model: fit.model.terms(table.lists),
            fit: fit,
            intervals: intervals, bootstrap: replicates, acceleration: acceleration, warnings: warnings)
    }

    /// Multinomial resamples of the observed histories, each re-estimated with the same selection rule.
    /// Resample i draws from its own stream (see `ResampleStream`), so results do not depend on the number of
    /// threads and no two resamples or seeds share draws.
    func bootstrap(_ table: CaptureTable) -> [Double] {
        let total = table.observed
        var running = 0.0
        let cumulative: [Double] = table.counts.map {
            running += Double($0) / Double(total); return running
        }
        // Each iteration writes its own slot only.
        nonisolated(unsafe) let results = UnsafeMutableBufferPointer<Double>.allocate(capacity: resamples)
        defer { results.deallocate() }
        let estimator = self
        DispatchQueue.concurrentPerform(iterations: resamples) { index in
            var rng = ResampleStream(seed: estimator.seed, resample: index)
            var counts = [Int](repeating: 0, count: cumulative.count)
            for _ in 0..<total {
                let u = Double.random(in: 0..<1, using: &rng)
                var low = 0, high = cumulative.count - 1
                while low < high {
                    let mid = (low + high) / 2; if cumulative[mid] > u { high = mid } else { low = mid + 1 }
                }
                counts[low] += 1
            }
            results[index] = estimator.pointEstimate(table.with(counts: counts)).estimate
        }
        return Array(results)
    }

    /// Jackknife over people: remove one person with each history in turn; each history's effect is counted
    /// as many times as people have it.
    func jackknifeAcceleration(_ table: CaptureTable) -> Double {
        let rows = table.counts.count
        nonisolated(unsafe) let values = UnsafeMutableBufferPointer<Double>.allocate(capacity: rows)
        defer { values.deallocate() }
        let estimator = self
        DispatchQueue.concurrentPerform(iterations: rows) { j in
            guard table.counts[j] > 0 else { values[j] = 0; return }
            var counts = table.counts
            counts[j] -= 1
            values[j] = estimator.pointEstimate(table.with(counts: counts)).estimate
        }
        let weights = table.counts.map(Double.init)
        let mean = zip(weights, values).reduce(0) { $0 + $1.0 * $1.1 } / weights.reduce(0, +)
        let residuals = values.map { mean - $0 }
        let numerator = zip(weights, residuals).reduce(0) { $0 + $1.0 * pow($1.1, 3) }
        let denominator = 6 * pow(zip(weights, residuals).reduce(0) { $0 + $1.0 * $1.1 * $1.1 }, 1.5)
        return denominator > 0 ? numerator / denominator : 0
    }
}
