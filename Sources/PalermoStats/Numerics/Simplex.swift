/// A small dense two-phase simplex for `maximise c·x subject to A x = b, x ≥ 0`, using Bland's rule: the
/// existence LPs of capture-recapture models and the interval LPs of a suppressed table are highly degenerate,
/// and Bland's rule cannot cycle.
enum Simplex {
    enum Outcome: Equatable { case optimal(Double), infeasible, unbounded }

    static func maximise(c: [Double], a: [[Double]], b: [Double], epsilon: Double = 1e-10) -> Outcome {
        guard let feasible = Tableau(a: a, b: b, epsilon: epsilon) else { return .infeasible }
        return feasible.maximise(c)
    }

    /// The constraints after phase 1: a feasible basis that many objectives can start from, each on a copy
    /// (an audit asks for the least and the greatest value of every suppressed cell under the same constraints).
    struct Tableau {
        let m: Int
        let n: Int
        let width: Int
        let epsilon: Double
        /// Row-major, `m` rows of `n` structural columns, `m` artificial columns and the right-hand side.
        var t: [Double]
        var basis: [Int]

        /// Nil when the constraints have no solution with x ≥ 0.
        init?(a: [[Double]], b: [Double], epsilon: Double = 1e-10) {
            m = a.count
            n = a.first?.count ?? 0
            width = n + m + 1
            self.epsilon = epsilon
            t = [Double](repeating: 0, count: m * width)
            for i in 0..<m {
                let flip: Double = b[i] < 0 ? -1 : 1
                for j in 0..<n { t[i * width + j] = a[i][j] * flip }
                t[i * width + n + i] = 1
                t[i * width + width - 1] = b[i] * flip
            }
            let m = m, n = n
            basis = (0..<m).map { n + $0 }
            // Phase 1: drive the artificial variables to zero.
            var phase1 = [Double](repeating: 0, count: n + m)
            for j in n..<(n + m) { phase1[j] = -1 }
            _ = run(phase1, allowed: n + m)
            var infeasibility = 0.0
            for i in 0..<m where basis[i] >= n { infeasibility += t[i * width + width - 1] }
            if infeasibility > 1e-7 * max(1, b.reduce(0) { $0 + abs($1) }) { return nil }
            for i in 0..<m where basis[i] >= n {
                for j in 0..<n where abs(t[i * width + j]) > epsilon {
                    pivot(i, j)
                    break
                }
            }
        }

        /// Phase 2 for one objective, on a copy: the artificial columns are barred from entering.
        func maximise(_ c: [Double]) -> Outcome {
            var copy = self
            var cost = c + [Double](repeating: 0, count: m)
            for i in 0..<m where basis[i] >= n { cost[basis[i]] = 0 }
            guard copy.run(cost, allowed: n) else { return .unbounded }
            return .optimal(
                (0..<m).reduce(0.0) {
                    $0 + (copy.basis[$1] < n ? c[copy.basis[$1]] * copy.t[$1 * width + width - 1] : 0)
                })
        }

        /// Pivots until no column may enter (true) or an entering column is unbounded (false).
        private mutating func run(_ cost: [Double], allowed: Int) -> Bool {
            while true {
                var entering = -1
                for j in 0..<allowed {
                    var reduced = cost[j]
                    for i in 0..<m where t[i * width + j] != 0 { reduced -= cost[basis[i]] * t[i * width + j] }
                    if reduced > epsilon {
                        entering = j
                        break
                    }
                }
                if entering < 0 { return true }
                var leaving = -1
                var best = Double.infinity
                for i in 0..<m where t[i * width + entering] > epsilon {
                    let ratio = t[i * width + width - 1] / t[i * width + entering]
                    if ratio < best - epsilon || (abs(ratio - best) <= epsilon && basis[i] < basis[leaving]) {
                        best = ratio
                        leaving = i
                    }
                }
                if leaving < 0 { return false }
                pivot(leaving, entering)
            }
        }

        private mutating func pivot(_ row: Int, _ column: Int) {
            let p = t[row * width + column]
            for j in 0..<width { t[row * width + j] /= p }
            for i in 0..<m where i != row && t[i * width + column] != 0 {
                let f = t[i * width + column]
                for j in 0..<width where t[row * width + j] != 0 { t[i * width + j] -= f * t[row * width + j] }
            }
            basis[row] = column
        }
    }
}
