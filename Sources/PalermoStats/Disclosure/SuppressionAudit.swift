/// The linear-programming audit of a suppressed table: what a reader could learn of each suppressed cell from
/// everything released with it. Each suppressed cell is a variable, at least 0; every row, column and total that
/// involves one is an equation whose released cells are known. The least and greatest value of each suppressed
/// cell under those equations is the interval a reader can narrow it to; the table is safe when every interval
/// is at least as wide as the threshold.
public struct SuppressionAudit: Sendable {
    public struct Interval: Sendable, Equatable {
        public let cell: Int
        public let low: Double
        /// Nil when nothing released bounds the cell from above.
        public let high: Double?
        public var width: Double { high.map { $0 - low } ?? .infinity }
    }

    public enum Verdict: Sendable, Equatable {
        case safe([Interval])
        /// The cells a reader can narrow below the threshold.
        case exposed([Interval])
        /// Too many suppressed cells for the dense solver; the hypercube construction is the only assurance.
        case tooLarge(suppressed: Int)
    }

    /// The most suppressed cells the dense solver takes on: its work grows with the cube of their number.
    public var largestProblem = 400

    public init() {}

    public func audit(_ released: SuppressedTable) -> Verdict {
        let cells = released.suppressedCells
        guard !cells.isEmpty else { return .safe([]) }
        guard cells.count <= largestProblem else { return .tooLarge(suppressed: cells.count) }
        let intervals = self.intervals(released)
        let exposed = intervals.filter { $0.width < Double(released.threshold) - 1e-6 }
        return exposed.isEmpty ? .safe(intervals) : .exposed(exposed)
    }

    public func intervals(_ released: SuppressedTable) -> [Interval] {
        let cells = released.suppressedCells
        var variable = [Int: Int]()
        for (i, cell) in cells.enumerated() { variable[cell] = i }
        var rows: [[Double]] = []
        var rhs: [Double] = []
        for relation in released.table.relations {
            var row = [Double](repeating: 0, count: cells.count)
            var known = 0.0
            var involved = false
            for member in relation.members {
                if let v = variable[member] {
                    row[v] += 1
                    involved = true
                } else {
                    known -= Double(released.table.values[member])
                }
            }
            if let v = variable[relation.total] {
                row[v] -= 1
                involved = true
            } else {
                known += Double(released.table.values[relation.total])
            }
            if involved {
                rows.append(row)
                rhs.append(known)
            }
        }
        // The true table satisfies the equations, so they are feasible; a failure here would be a solver fault,
        // reported as an interval of no width so the audit fails safe.
        guard let feasible = Simplex.Tableau(a: rows, b: rhs) else {
            return cells.map { Interval(cell: $0, low: 0, high: 0) }
        }
        return cells.enumerated().map { i, cell in
            var objective = [Double](repeating: 0, count: cells.count)
            objective[i] = 1
            let high: Double? =
                switch feasible.maximise(objective) {
                case .optimal(let value): value
                case .unbounded: nil
                case .infeasible: 0
                }
            objective[i] = -1
            let low: Double =
                switch feasible.maximise(objective) {
                case .optimal(let value): -value
                case .unbounded, .infeasible: 0
                }
            return Interval(cell: cell, low: max(0, low), high: high)
        }
    }
}
