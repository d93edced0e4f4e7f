/// The linear-programming audit of a suppressed table: what a reader could learn of each suppressed cell from
/// everything released with it. Each suppressed cell is a variable, at least 0; every row, column and total that
/// involves one is an equation whose released cells are known. The least and greatest value of each suppressed
/// cell under those equations is the interval a reader can narrow it to; the table is safe when every interval
/// is at least as wide as the threshold.
///
/// A table with more suppressed cells than the dense solver takes on is audited by certificate instead: every
/// suppressed cell must be the corner of a hypercube of suppressed cells whose signed move keeps every row,
/// column and total (checked here line by line, not taken from the construction) and is wide enough. Each such
/// move reaches a feasible point of the same linear programme, so the interval a reader can narrow the cell to
/// contains the move's range: at least as wide, never narrower. What this proves is the same as the programme's
/// verdict of safe; it only cannot say how much wider the reader's interval is.
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
        /// Too many suppressed cells for the dense solver, and every one certified by a hypercube wide enough.
        case certified(suppressed: Int)
        /// Too many suppressed cells for the dense solver, and some without a certificate: not shown to be safe.
        case tooLarge(suppressed: Int)
    }

    /// The most suppressed cells the dense solver takes on: its work grows with the cube of their number.
    public var largestProblem = 400

    public init() {}

    public func audit(_ released: SuppressedTable) -> Verdict {
        let cells = released.suppressedCells
        guard !cells.isEmpty else { return .safe([]) }
        guard cells.count <= largestProblem else {
            return certify(released) ? .certified(suppressed: cells.count) : .tooLarge(suppressed: cells.count)
        }
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

    /// Whether every suppressed cell is the corner of a hypercube in `released.hypercubes` that is wholly
    /// suppressed, keeps every line's sum when its corners move by their signs, and moves the cell over a range at
    /// least as wide as the threshold.
    public func certify(_ released: SuppressedTable) -> Bool {
        let table = released.table
        var covered = [Bool](repeating: false, count: table.values.count)
        for cube in released.hypercubes {
            guard let width = width(of: cube, in: released), width >= released.threshold else { continue }
            for corner in cube { covered[corner.index] = true }
        }
        return released.suppressed.indices.allSatisfy { !released.suppressed[$0] || covered[$0] }
    }

    /// How far a hypercube moves each of its corners, from the lowest to the highest it can reach with no cell
    /// below zero; nil when it is not a move that keeps every released figure.
    func width(of cube: [SuppressedTable.Corner], in released: SuppressedTable) -> Int? {
        let table = released.table
        guard !cube.isEmpty,
            cube.allSatisfy({ table.values.indices.contains($0.index) && released.suppressed[$0.index] }),
            cube.allSatisfy({ $0.sign == 1 || $0.sign == -1 }),
            Set(cube.map(\.index)).count == cube.count
        else { return nil }
        // Along each dimension, a corner is a member of the line through it or, at the margin, its total: the
        // signs of the members on a line must add up to the sign of its total (0 when the total does not move).
        var lines: [Int: Int] = [:]
        for corner in cube {
            for d in 0..<table.dimensions {
                let coordinate = (corner.index / table.strides[d]) % (table.shape[d] + 1)
                let line = (corner.index - coordinate * table.strides[d]) * table.dimensions + d
                lines[line, default: 0] += coordinate == table.shape[d] ? -corner.sign : corner.sign
            }
        }
        guard lines.values.allSatisfy({ $0 == 0 }) else { return nil }
        // Moving up, the corners of sign -1 fall, and the least of them bounds the move; with none (every partner
        // a margin) nothing does. Moving down, the least corner of sign +1 does.
        guard let up = cube.filter({ $0.sign < 0 }).map({ table.values[$0.index] }).min() else { return Int.max }
        let down = cube.filter { $0.sign > 0 }.map { table.values[$0.index] }.min() ?? 0
        return up.addingReportingOverflow(down).overflow ? Int.max : up + down
    }
}
