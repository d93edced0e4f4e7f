/// A small dense two-phase simplex for `maximise c·x subject to A x = b, x ≥ 0` (with b ≥ 0), using
/// Bland's rule: the existence LPs of capture-recapture models are highly degenerate, and Bland's rule
/// cannot cycle.
enum Simplex {
    enum Outcome: Equatable { case optimal(Double), infeasible, unbounded }

    static func maximise(c: [Double], a: [[Double]], b: [Double], epsilon: Double = 1e-10) -> Outcome {
        let m = a.count, n = c.count, width = n + m + 1
        var t = [[Double]](repeating: [Double](repeating: 0, count: width), count: m)
        for i in 0..<m {
            let flip: Double = b[i] < 0 ? -1 : 1
            for j in 0..<n { t[i][j] = a[i][j] * flip }
            t[i][n + i] = 1
            t[i][width - 1] = b[i] * flip
        }
        var basis = (0..<m).map { n + $0 }

        func run(_ cost: [Double], allowed: Int) -> Bool {
            while true {
                var entering = -1
                for j in 0..<allowed {
                    var reduced = cost[j]
                    for i in 0..<m where t[i][j] != 0 { reduced -= cost[basis[i]] * t[i][j] }
                    if reduced > epsilon { entering = j; break }
                }
                if entering < 0 { return true }
                var leaving = -1, best = Double.infinity
                for i in 0..<m where t[i][entering] > epsilon {
                    let ratio = t[i][width - 1] / t[i][entering]
                    if ratio < best - epsilon || (abs(ratio - best) <= epsilon && basis[i] < basis[leaving]) {
                        best = ratio
                        leaving = i
                    }
                }
                if leaving < 0 { return false }
                pivot(leaving, entering)
            }
        }

        func pivot(_ row: Int, _ column: Int) {
            let p = t[row][column]
            for j in 0..<width { t[row][j] /= p }
            for i in 0..<m where i != row && t[i][column] != 0 {
                let f = t[i][column]
                for j in 0..<width where t[row][j] != 0 { t[i][j] -= f * t[row][j] }
            }
            basis[row] = column
        }

        // Phase 1: drive the artificial variables to zero.
        var phase1 = [Double](repeating: 0, count: n + m)
        for j in n..<(n + m) { phase1[j] = -1 }
        _ = run(phase1, allowed: n + m)
        let infeasibility = (0..<m).reduce(0.0) { $0 + (basis[$1] >= n ? t[$1][width - 1] : 0) }
        if infeasibility > 1e-7 * max(1, b.reduce(0) { $0 + abs($1) }) { return .infeasible }
        for i in 0..<m where basis[i] >= n {
            if let j = (0..<n).first(where: { abs(t[i][$0]) > epsilon }) { pivot(i, j) }
        }
        // Phase 2: the real objective, artificial columns barred from entering.
        var phase2 = c + [Double](repeating: 0, count: m)
        for i in 0..<m where basis[i] >= n { phase2[basis[i]] = 0 }
        guard run(phase2, allowed: n) else { return .unbounded }
        return .optimal((0..<m).reduce(0.0) { $0 + (basis[$1] < n ? c[basis[$1]] * t[$1][width - 1] : 0) })
    }
}
