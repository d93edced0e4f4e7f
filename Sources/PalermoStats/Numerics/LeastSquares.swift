import Foundation

/// Weighted least squares by Householder QR with column pivoting, as R's `lm.fit`/`glm.fit` do it:
/// columns that are (numerically) linear combinations of earlier ones are left out, their coefficient 0.
struct LeastSquares {
    /// Solves min ‖√w (X β − z)‖ for X given column-major (`columns[j][i]`).
    static func solve(
        columns: [[Double]], z: [Double], weights: [Double], tolerance: Double = 1e-11
    ) -> (beta: [Double], rank: Int) {
        let n = z.count, p = columns.count
        let root = weights.map { $0.squareRoot() }
        var a = columns.map { column in (0..<n).map { column[$0] * root[$0] } }
        var y = (0..<n).map { z[$0] * root[$0] }
        var norms = a.map { column in column.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        let original = norms
        var order = Array(0..<p)
        var rank = 0
        var k = 0
        var limit = p
        // LINPACK dqrdc2-style limited pivoting: a column whose norm has shrunk below tolerance moves to the end.
        while k < limit {
            if original[order[k]] == 0 || norms[order[k]] < original[order[k]] * tolerance {
                order.append(order.remove(at: k))
                limit -= 1
                continue
            }
            let j = order[k]
            var alpha = 0.0
            for i in k..<n { alpha += a[j][i] * a[j][i] }
            alpha = alpha.squareRoot()
            if alpha == 0 { order.append(order.remove(at: k)); limit -= 1; continue }
            if a[j][k] > 0 { alpha = -alpha }
            var v = [Double](repeating: 0, count: n)
            for i in k..<n { v[i] = a[j][i] }
            v[k] -= alpha
            let vv = (k..<n).reduce(0.0) { $0 + v[$1] * v[$1] }
            if vv > 0 {
                for c in order[k...] {
                    let dot = (k..<n).reduce(0.0) { $0 + v[$1] * a[c][$1] }
                    let f = 2 * dot / vv
                    for i in k..<n { a[c][i] -= f * v[i] }
                }
                let dot = (k..<n).reduce(0.0) { $0 + v[$1] * y[$1] }
                let f = 2 * dot / vv
                for i in k..<n { y[i] -= f * v[i] }
            }
            for c in order[(k + 1)...] {
                norms[c] = (k + 1 < n ? (k + 1..<n).reduce(0.0) { $0 + a[c][$1] * a[c][$1] } : 0).squareRoot()
            }
            rank += 1
            k += 1
        }
        var beta = [Double](repeating: 0, count: p)
        for r in stride(from: rank - 1, through: 0, by: -1) {
            let j = order[r]
            var s = y[r]
            for q in (r + 1)..<max(rank, r + 1) { s -= a[order[q]][r] * beta[order[q]] }
            beta[j] = s / a[j][r]
        }
        return (beta, rank)
    }
}
