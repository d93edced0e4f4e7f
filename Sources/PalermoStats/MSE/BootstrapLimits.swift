import Foundation

/// One BCa limit of the bootstrap distribution and how far to trust it.
public struct BootstrapLimit: Sendable, Equatable {
    /// The nominal level, e.g. 0.025.
    public let percentile: Double
    public let value: Double
    /// Standard error of `value` due to the finite number of resamples (see `BootstrapLimits.monteCarloErrors`).
    public let monteCarloError: Double
    /// The level BCa reads the replicates at after bias correction and acceleration.
    public let adjustedLevel: Double
    /// Replicates beyond the limit (below a lower one, above an upper one): few means it rests on the tail's
    /// handful of values and moves from one random stream to the next.
    public let replicatesBeyond: Int
}

enum BootstrapLimits {
    /// Fewer replicates than this beyond a limit earn a warning.
    static let fewReplicates = 10
    /// Groups of the delete-a-group jackknife over replicates.
    static let groups = 20

    /// Bias-corrected and accelerated percentiles (DiCiccio and Efron 1996), read off the bootstrap
    /// distribution with median-unbiased quantiles (R's type 8), each with its Monte Carlo error.
    static func limits(
        _ replicates: [Double], estimate: Double, acceleration a: Double, percentiles: [Double]
    ) -> [BootstrapLimit] {
        let sorted = replicates.sorted()
        let levels = adjustedLevels(replicates, estimate: estimate, acceleration: a, percentiles: percentiles)
        let errors = monteCarloErrors(replicates, estimate: estimate, acceleration: a, percentiles: percentiles)
        return zip(percentiles, zip(levels, errors)).map { percentile, pair in
            let (level, error) = pair
            let value = quantileType8(sorted, level)
            let beyond =
                percentile < 0.5 ? sorted.prefix { $0 < value }.count : sorted.reversed().prefix { $0 > value }.count
            return BootstrapLimit(
                percentile: percentile, value: value, monteCarloError: error, adjustedLevel: level,
                replicatesBeyond: beyond)
        }
    }

    static func values(
        _ replicates: [Double], estimate: Double, acceleration a: Double, percentiles: [Double]
    ) -> [Double] {
        let sorted = replicates.sorted()
        return adjustedLevels(replicates, estimate: estimate, acceleration: a, percentiles: percentiles)
            .map { quantileType8(sorted, $0) }
    }

    static func adjustedLevels(
        _ replicates: [Double], estimate: Double, acceleration a: Double, percentiles: [Double]
    ) -> [Double] {
        let below = Double(replicates.filter { $0 < estimate }.count) / Double(replicates.count)
        let z0 = Normal.quantile(below)
        return percentiles.map { alpha in
            let za = Normal.quantile(alpha) + z0
            return Normal.cdf(z0 + za / (1 - a * za))
        }
    }

    /// Monte Carlo error of each limit by the delete-a-group jackknife over the replicates: the replicates
    /// (independent draws) are cut into 20 groups, each limit is recomputed without each group in turn (the
    /// bias correction included, which the share of replicates below the estimate makes random too), and
    /// the spread of those 20 values gives the standard error. Leaving out a twentieth at a time keeps every
    /// recomputation at 95 % of the replicates, so the extreme limits are not read off small batches.
    static func monteCarloErrors(
        _ replicates: [Double], estimate: Double, acceleration a: Double, percentiles: [Double]
    ) -> [Double] {
        let g = groups
        guard replicates.count >= 2 * g else { return percentiles.map { _ in .nan } }
        let size = replicates.count / g
        let leaveOneOut: [[Double]] = (0..<g).map { group in
            let kept = Array(replicates[..<(group * size)]) + Array(replicates[((group + 1) * size)...])
            return values(kept, estimate: estimate, acceleration: a, percentiles: percentiles)
        }
        return percentiles.indices.map { index in
            let column = leaveOneOut.map { $0[index] }
            let mean = column.reduce(0, +) / Double(g)
            let squares = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            return (Double(g - 1) / Double(g) * squares).squareRoot()
        }
    }

    /// What a reader must know about limits that rest on few replicates.
    static func warnings(_ limits: [BootstrapLimit], resamples: Int) -> [String] {
        limits.filter { $0.replicatesBeyond < fewReplicates }.map { limit in
            let side = limit.percentile < 0.5 ? "smallest" : "largest"
            let bound = limit.percentile < 0.5 ? "at most" : "at least"
            let level = String(format: "%g", limit.percentile * 100)
            return "the \(level) % limit rests on the \(side) \(limit.replicatesBeyond + 1) of \(resamples) replicates "
                + "(BCa reads them at the \(String(format: "%.2g", limit.adjustedLevel * 100)) % level): "
                + "read it as \(bound) \(String(format: "%.0f", limit.value)), and give it more resamples"
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
