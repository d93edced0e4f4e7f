import Dispatch
import Foundation
import PalermoCore

/// Multiple systems estimation of the total number of victims, observed and hidden, from the overlaps
/// of several lists, following Chan, Silverman and Vincent (2019) and their R package SparseMSE.
public struct MSEEstimator: Sendable {
    public var selection: ModelSelection = .stepwise
    public var threshold: Double = 0.02
    public var resamples: Int = 1000
    public var seed: UInt64 = 1234
    public var percentiles: [Double] = [0.025, 0.05, 0.1, 0.16, 0.84, 0.9, 0.95, 0.975]

    public init() {}

    public struct Result: Sendable {
        public let lists: [String]
        public let observed: Int
        public let estimate: Double
        public let model: [String]
        public let fit: ModelFit
        /// BCa limits by percentile; empty without bootstrap.
        public let intervals: [(percentile: Double, value: Double)]
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
        var intervals: [(Double, Double)] = []
        var acceleration: Double?
        if resamples > 0 {
            replicates = bootstrap(table)
            let a = jackknifeAcceleration(table)
            acceleration = a
            intervals = Self.bca(replicates, estimate: estimate, acceleration: a, percentiles: percentiles)
        }
        return Result(
            lists: table.lists, observed: table.observed, estimate: estimate, model: fit.model.terms(table.lists),
            fit: fit,
            intervals: intervals, bootstrap: replicates, acceleration: acceleration, warnings: warnings)
    }

    /// Multinomial resamples of the observed histories, each re-estimated with the same selection rule.
    /// Resample i draws from its own stream seeded by (seed, i), so results do not depend on the number of threads.
    func bootstrap(_ table: CaptureTable) -> [Double] {
        let total = table.observed
        var running = 0.0
        let cumulative: [Double] = table.counts.map {
            running += Double($0) / Double(total); return running
        }
        // Each iteration writes its own slot only.
        nonisolated(unsafe) let results = UnsafeMutableBufferPointer<Double>.allocate(capacity: resamples)
        defer { results.deallocate() }
        let base = UInt64(truncatingIfNeeded: seed)
        let estimator = self
        DispatchQueue.concurrentPerform(iterations: resamples) { index in
            var rng = SeededGenerator(seed: base &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(index) &+ 1)
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

    /// Bias-corrected and accelerated percentiles (DiCiccio and Efron 1996), read off the bootstrap
    /// distribution with median-unbiased quantiles (R's type 8).
    static func bca(
        _ replicates: [Double], estimate: Double, acceleration a: Double, percentiles: [Double]
    ) -> [(Double, Double)] {
        let sorted = replicates.sorted()
        let below = Double(replicates.filter { $0 < estimate }.count) / Double(replicates.count)
        let z0 = Normal.quantile(below)
        return percentiles.map { alpha in
            let za = Normal.quantile(alpha) + z0
            let adjusted = Normal.cdf(z0 + za / (1 - a * za))
            return (alpha, quantileType8(sorted, adjusted))
        }
    }

    static func quantileType8(_ sorted: [Double], _ p: Double) -> Double {
        let n = Double(sorted.count)
        guard sorted.count > 1, p.isFinite else { return sorted.first ?? .nan }
        let m = (p + 1) / 3
        let h = n * p + m
        let j = Int(floor(h)), g = h - floor(h)
        if j < 1 { return sorted[0] }
        if j >= sorted.count { return sorted[sorted.count - 1] }
        return (1 - g) * sorted[j - 1] + g * sorted[j]
    }
}
