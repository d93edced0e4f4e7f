/// Controlled rounding, the alternative to suppression: every cell, margins included, is rounded to one of the
/// two multiples of the base around it (a multiple stays as it is), and the rounded cells still add up to the
/// rounded margins, so a reader sees a consistent table in which no count is exact unless it is a multiple of
/// the base. Such a rounding always exists for one- and two-way tables (Cox, 1987); this finds one by moving
/// round cycles of unrounded cells, alternately up and down, until each reaches a multiple.
public struct ControlledRounding: Sendable {
    public let base: Int

    public init(base: Int = 5) { self.base = max(1, base) }

    public enum Problem: Error, Equatable { case tooManyDimensions(Int) }

    /// The rounded values of every cell of the table, in the table's order.
    public func round(_ table: MarginalTable) throws(Problem) -> [Int] {
        switch table.dimensions {
        case 1: return roundOneWay(table)
        case 2: return roundTwoWay(table)
        default: throw .tooManyDimensions(table.dimensions)
        }
    }

    func floorMultiple(_ value: Int) -> Int {
        let q = value / base
        return (value % base != 0 && value < 0 ? q - 1 : q) * base
    }

    /// One count rounded to the nearest multiple (halves up).
    public func nearest(_ value: Int) -> Int { floorMultiple(value) + (value % base * 2 >= base ? base : 0) }

    /// One way: the total rounded to the nearest multiple, then the cells with the largest remainders rounded up
    /// until they reach it. The total is the same in every one-way table of the same cases, so tables released
    /// together agree on it.
    func roundOneWay(_ table: MarginalTable) -> [Int] {
        let values = table.values
        let n = table.shape[0]
        let total = values[n]
        let roundedTotal = nearest(total)
        var rounded = values.prefix(n).map(floorMultiple)
        var missing = (roundedTotal - rounded.reduce(0, +)) / base
        let byRemainder = (0..<n).filter { values[$0] % base != 0 }.sorted {
            (values[$0] % base, -$0) > (values[$1] % base, -$1)
        }
        for cell in byRemainder where missing > 0 {
            rounded[cell] += base
            missing -= 1
        }
        return rounded + [roundedTotal]
    }

    /// Two ways: margins taken with the opposite sign, so that every row and every column of the extended table
    /// adds up to zero; then, while a cell is not a multiple, a cycle of such cells (each row and column that
    /// has one has two, as its sum is a multiple) is moved alternately up and down until one of them reaches a
    /// multiple. Each step rounds at least one cell and keeps every sum.
    func roundTwoWay(_ table: MarginalTable) -> [Int] {
        let rows = table.shape[0] + 1, columns = table.shape[1] + 1
        var w = table.values.indices.map { index in
            let c = table.coordinates(of: index)
            let sign = (c[0] == rows - 1) == (c[1] == columns - 1) ? 1 : -1
            return sign * table.values[index]
        }
        let low = w.map(floorMultiple)
        while let start = w.indices.first(where: { w[$0] % base != 0 }) {
            let cycle = findCycle(from: start, w, rows: rows, columns: columns)
            var step = Int.max
            for (i, cell) in cycle.enumerated() {
                step = min(step, i % 2 == 0 ? low[cell] + base - w[cell] : w[cell] - low[cell])
            }
            for (i, cell) in cycle.enumerated() { w[cell] += i % 2 == 0 ? step : -step }
        }
        return w.indices.map { index in
            let c = table.coordinates(of: index)
            return (c[0] == rows - 1) == (c[1] == columns - 1) ? w[index] : -w[index]
        }
    }

    /// A cycle of unrounded cells, alternating along a row and along a column; its cells in order. The walk is
    /// deterministic, so it comes back to a cell it left in the same direction, and what lies between is a cycle.
    func findCycle(from start: Int, _ w: [Int], rows: Int, columns: Int) -> [Int] {
        var path = [start]
        var alongRow = true
        var seen = [start * 2: 0]
        while true {
            let current = path[path.count - 1]
            let (r, c) = (current / columns, current % columns)
            let line = alongRow ? (0..<columns).map { r * columns + $0 } : (0..<rows).map { $0 * columns + c }
            // The line's sum is a multiple of the base and `current` is not, so another cell in it is not either.
            guard let next = line.first(where: { $0 != current && w[$0] % base != 0 }) else { return path }
            alongRow.toggle()
            let state = next * 2 + (alongRow ? 0 : 1)
            if let at = seen[state] { return Array(path[at...]) }
            seen[state] = path.count
            path.append(next)
        }
    }
}
