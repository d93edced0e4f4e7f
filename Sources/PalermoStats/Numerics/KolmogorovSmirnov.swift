import Foundation

/// The two-sample Kolmogorov–Smirnov test: whether two samples come from one distribution. Used to check
/// that the bootstrap draws what the reference implementation draws (their random streams differ, so single
/// values cannot be compared).
public enum KolmogorovSmirnov {
    public struct Outcome: Sendable {
        /// The largest distance between the two empirical distribution functions.
        public let statistic: Double
        /// Asymptotic p-value, from Kolmogorov's distribution at √(nm/(n+m))·D, as R's
        /// `ks.test(x, y, exact = FALSE)` gives it (and SciPy's `kstwobign.sf`).
        public let pValue: Double
    }

    public static func twoSample(_ first: [Double], _ second: [Double]) -> Outcome {
        let a = first.filter(\.isFinite).sorted(), b = second.filter(\.isFinite).sorted()
        guard !a.isEmpty, !b.isEmpty else { return Outcome(statistic: .nan, pValue: .nan) }
        var i = 0, j = 0, distance = 0.0
        let n = Double(a.count), m = Double(b.count)
        while i < a.count && j < b.count {
            let value = min(a[i], b[j])
            while i < a.count && a[i] == value { i += 1 }
            while j < b.count && b[j] == value { j += 1 }
            distance = max(distance, abs(Double(i) / n - Double(j) / m))
        }
        let effective = (n * m / (n + m)).squareRoot()
        return Outcome(statistic: distance, pValue: survival(effective * distance))
    }

    /// P(K > x) for Kolmogorov's distribution: 2 Σ (−1)^(k−1) exp(−2k²x²).
    static func survival(_ x: Double) -> Double {
        guard x > 0.2 else { return 1 }  // below, the alternating series cancels badly, and the value is 1 to 1e-12
        var sum = 0.0
        for k in 1...100 {
            let term = exp(-2 * Double(k * k) * x * x)
            sum += (k % 2 == 1 ? 1 : -1) * term
            if term < 1e-16 { break }
        }
        return min(1, max(0, 2 * sum))
    }
}
