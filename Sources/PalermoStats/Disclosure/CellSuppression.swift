import Foundation

/// Small-cell suppression with secondary suppression, by hypercubes (the method of τ-ARGUS's GHQUAR).
///
/// A count from 1 to `threshold - 1` is suppressed (primary), as UNODC writes `<5`. A suppressed cell alone
/// would be recovered by subtracting its row's other cells from the row's total, so each primary cell is
/// protected by a hypercube: for every dimension a second category (or the margin), and the 2^k cells at the
/// corners are suppressed too. Moving the corners by +δ and −δ in the hypercube's pattern keeps every released
/// row, column and total, so a reader who knows only the released figures cannot tell the cell's value within
/// an interval as wide as the hypercube allows; the hypercube is chosen so that width is at least the threshold
/// and the cells it adds cost least (small inner cells first, margins last). Every corner of a chosen hypercube
/// then has that width, so secondary cells are protected as well. `SuppressionAudit` checks the result
/// independently: by linear programming, or on a large table by checking each hypercube's move.
public struct CellSuppression: Sendable {
    public let threshold: Int
    /// At most this many hypercubes are weighed per primary cell; large tables weigh the best few partners of
    /// each dimension.
    public var searchBudget = 4_096
    /// At most this many hypercubes are weighed over the whole table.
    public var totalBudget = 16_000_000

    public init(threshold: Int = 5) { self.threshold = threshold }

    public func isSensitive(_ count: Int) -> Bool { count > 0 && count < threshold }

    /// `keeping`: cells that must stay released (a total published in other tables of the same release);
    /// `withholding`: cells that are not released for another reason (a margin that is not published at all).
    public func protect(
        _ table: MarginalTable, keeping kept: Set<Int> = [], withholding withheld: Set<Int> = []
    ) -> SuppressedTable {
        var suppressed = [Bool](repeating: false, count: table.values.count)
        var certified = [Bool](repeating: false, count: table.values.count)
        for cell in withheld { suppressed[cell] = true }
        let primary = table.values.indices.filter { isSensitive(table.values[$0]) }
        for cell in primary { suppressed[cell] = true }
        // The smallest first: they are the hardest to protect, and their hypercubes protect others on the way.
        // Large tables weigh fewer hypercubes per cell, so that the whole search stays within `totalBudget`.
        let budget = min(searchBudget, max(64, totalBudget / max(1, primary.count)))
        var hypercubes: [[SuppressedTable.Corner]] = []
        for cell in primary.sorted(by: { (table.values[$0], $0) < (table.values[$1], $1) }) where !certified[cell] {
            guard
                let cube = bestHypercube(
                    around: cell, in: table, suppressed: suppressed, kept: kept, budget: budget)
            else {
                for corner in everyLine(through: cell, in: table) where !kept.contains(corner) {
                    suppressed[corner] = true
                }
                continue
            }
            hypercubes.append(cube)
            for corner in cube {
                suppressed[corner.index] = true
                certified[corner.index] = true
            }
        }
        return SuppressedTable(
            table: table, threshold: threshold, primary: Set(primary), suppressed: suppressed, hypercubes: hypercubes)
    }

    /// The suppression checked by the audit before release, with the interval a reader can narrow each withheld
    /// cell to (none when the table was audited by certificate, which proves each interval wide enough without
    /// finding it). Should the audit find a cell that can be narrowed below the threshold, or not certify a table
    /// too large for its solver, every cell that may be withheld is: a release fails safe.
    public func protectAudited(
        _ table: MarginalTable, keeping kept: Set<Int> = [], withholding withheld: Set<Int> = []
    ) -> (table: SuppressedTable, intervals: [SuppressionAudit.Interval]) {
        let result = protect(table, keeping: kept, withholding: withheld)
        switch SuppressionAudit().audit(result) {
        case .safe(let intervals): return (result, intervals)
        case .certified: return (result, [])
        case .exposed, .tooLarge: break
        }
        let all = SuppressedTable(
            table: table, threshold: threshold, primary: result.primary,
            suppressed: table.values.indices.map { !kept.contains($0) || result.suppressed[$0] })
        let audit = SuppressionAudit()
        return (all, all.suppressedCells.count <= audit.largestProblem ? audit.intervals(all) : [])
    }

    /// When the cells that must stay leave no hypercube wide enough: every cell of every line through the cell.
    /// In one dimension that leaves the kept total, which is at least the threshold, as the only bound.
    func everyLine(through cell: Int, in table: MarginalTable) -> [Int] {
        table.relations.filter { $0.total == cell || $0.members.contains(cell) }.flatMap { $0.members + [$0.total] }
    }

    func bestHypercube(
        around cell: Int, in table: MarginalTable, suppressed: [Bool], kept: Set<Int>, budget: Int
    ) -> [SuppressedTable.Corner]? {
        let origin = table.coordinates(of: cell)
        let k = origin.count
        let candidates = partnerCandidates(for: origin, at: cell, in: table, suppressed: suppressed, budget: budget)
        var best: (cost: Double, width: Int, partners: [Int])?
        var choice = [Int](repeating: 0, count: k)
        var partners = [Int](repeating: 0, count: k)
        func consider() {
            for d in 0..<k { partners[d] = candidates[d][choice[d]] }
            var down = Int.max, up = Int.max, cost = 0.0
            // Each corner's index, sign and order as a margin follow from the partners: no corner is built.
            for subset in 0..<(1 << k) {
                var index = cell, sign = 1, marginOrder = 0
                for d in 0..<k {
                    let inCube = subset & (1 << d) != 0
                    let coordinate = inCube ? partners[d] : origin[d]
                    if inCube {
                        index += (partners[d] - origin[d]) * table.strides[d]
                        if origin[d] != table.shape[d] && partners[d] != table.shape[d] { sign = -sign }
                    }
                    if coordinate == table.shape[d] { marginOrder += 1 }
                }
                if !suppressed[index] && kept.contains(index) { return }
                let value = table.values[index]
                if sign > 0 { down = min(down, value) } else { up = min(up, value) }
                if !suppressed[index] { cost += Self.cost(value, marginOrder: marginOrder) }
            }
            let (width, overflow) = down.addingReportingOverflow(up)
            let w = overflow ? Int.max : width
            guard w >= threshold else { return }
            if let known = best, (known.cost, -known.width) <= (cost, -w) { return }
            best = (cost, w, partners)
        }
        // Every combination of partners, one per dimension, counted like an odometer.
        outer: while true {
            consider()
            for d in stride(from: k - 1, through: 0, by: -1) {
                choice[d] += 1
                if choice[d] < candidates[d].count { continue outer }
                choice[d] = 0
            }
            break
        }
        // A hypercube whose partners are all margins (or whose origin is one) only moves cells upwards together,
        // so it is always wide enough and always among the candidates: `best` is nil only when cells are kept.
        return best.map { hypercube(origin, partners: $0.partners, in: table) }
    }

    /// What suppressing a cell costs: its count (information lost), and more for margins, which readers use most.
    static func cost(_ value: Int, marginOrder: Int) -> Double {
        Double(value + 1) * Double(1 + 4 * marginOrder)
    }

    /// For each dimension, the categories that may pair with the origin's: all of them in a small table; in a
    /// large one the best few, judged by the cell that differs from the origin in that dimension alone (already
    /// suppressed first, then the smallest count that is not itself sensitive), and always the margin.
    func partnerCandidates(
        for origin: [Int], at cell: Int, in table: MarginalTable, suppressed: [Bool], budget: Int
    ) -> [[Int]] {
        let k = origin.count
        let all = (0..<k).map { d in (0...table.shape[d]).filter { $0 != origin[d] } }
        let combinations = all.reduce(1.0) { $0 * Double($1.count) }
        guard combinations > Double(budget) else { return all }
        let keep = max(2, Int(pow(Double(budget), 1 / Double(k))))
        return (0..<k).map { d in
            let margin = table.shape[d]
            let ranked = all[d].filter { $0 != margin }.map { j in
                let neighbour = cell + (j - origin[d]) * table.strides[d]
                let value = table.values[neighbour]
                return (suppressed[neighbour] ? 0 : 1, value < threshold ? 1 : 0, value, j)
            }.sorted { $0 < $1 }
            return ranked.prefix(keep - 1).map(\.3) + (origin[d] == margin ? [] : [margin])
        }
    }

    /// The 2^k corners of the hypercube with the given partners, with their signs: along a dimension where
    /// neither category is the margin the partner moves opposite to the origin; where one is the margin, with it.
    func hypercube(_ origin: [Int], partners: [Int], in table: MarginalTable) -> [SuppressedTable.Corner] {
        let k = origin.count
        return (0..<(1 << k)).map { subset in
            var coordinates = origin
            var sign = 1
            for d in 0..<k where subset & (1 << d) != 0 {
                coordinates[d] = partners[d]
                if origin[d] != table.shape[d] && partners[d] != table.shape[d] { sign = -sign }
            }
            return SuppressedTable.Corner(index: table.index(coordinates), sign: sign)
        }
    }
}

/// A table with the cells that are not released.
public struct SuppressedTable: Sendable {
    public let table: MarginalTable
    public let threshold: Int
    public let primary: Set<Int>
    public let suppressed: [Bool]
    /// The hypercubes that protect the cells: moving each corner by its sign keeps every released figure.
    public let hypercubes: [[Corner]]

    /// A corner of a hypercube and the sign of its move when the cell at its origin moves up.
    public struct Corner: Sendable, Equatable {
        public let index: Int
        public let sign: Int
    }

    public init(
        table: MarginalTable, threshold: Int, primary: Set<Int>, suppressed: [Bool], hypercubes: [[Corner]] = []
    ) {
        self.table = table
        self.threshold = threshold
        self.primary = primary
        self.suppressed = suppressed
        self.hypercubes = hypercubes
    }

    public var suppressedCells: [Int] { suppressed.indices.filter { suppressed[$0] } }
    public var secondary: [Int] { suppressedCells.filter { !primary.contains($0) } }

    /// The released value of a cell: nil when it is suppressed.
    public func released(_ index: Int) -> Int? { suppressed[index] ? nil : table.values[index] }
}
