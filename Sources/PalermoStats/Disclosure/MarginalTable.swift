/// A table of counts over one or more dimensions released together with all its margins: every row, column
/// and total that a reader could add up. Each dimension lists its categories and then its total, so along a
/// dimension with `n` categories index `n` is the margin, and the last cell is the grand total.
public struct MarginalTable: Sendable, Equatable {
    public enum Problem: Error, Equatable {
        case noDimension, emptyDimension(Int), wrongCellCount(expected: Int, got: Int), tooLarge
        case countOutOfRange(cell: Int, value: Int)
    }

    /// The most cells a table may have, margins included; the largest count a cell may hold.
    public static let largestSize = 20_000_000
    public static let largestCount = 1_000_000_000

    /// Categories per dimension, margins not counted.
    public let shape: [Int]
    /// Every cell, margins included, in row-major order over `shape` with one more index per dimension.
    public let values: [Int]
    let strides: [Int]

    /// The table from its inner cells (row-major over `shape`); the margins are added up here.
    public init(shape: [Int], cells: [Int]) throws(Problem) {
        guard !shape.isEmpty else { throw .noDimension }
        var inner = 1
        var size = 1
        for (d, n) in shape.enumerated() {
            guard n > 0 else { throw .emptyDimension(d) }
            let (i, o1) = inner.multipliedReportingOverflow(by: n)
            let (s, o2) = size.multipliedReportingOverflow(by: n + 1)
            guard !o1, !o2, s <= Self.largestSize else { throw .tooLarge }
            inner = i
            size = s
        }
        guard cells.count == inner else { throw .wrongCellCount(expected: inner, got: cells.count) }
        if let bad = cells.firstIndex(where: { !(0...Self.largestCount).contains($0) }) {
            throw .countOutOfRange(cell: bad, value: cells[bad])
        }
        self.shape = shape
        var strides = [Int](repeating: 1, count: shape.count)
        for d in stride(from: shape.count - 2, through: 0, by: -1) { strides[d] = strides[d + 1] * (shape[d + 1] + 1) }
        self.strides = strides
        var values = [Int](repeating: 0, count: size)
        // Each inner cell adds to itself and to every margin over any set of its dimensions. Counts are at most
        // a billion and cells at most twenty million, so no sum can overflow.
        var coordinates = [Int](repeating: 0, count: shape.count)
        for value in cells {
            for subset in 0..<(1 << shape.count) {
                var index = 0
                for d in 0..<shape.count {
                    index += (subset & (1 << d) != 0 ? shape[d] : coordinates[d]) * strides[d]
                }
                values[index] += value
            }
            for d in stride(from: shape.count - 1, through: 0, by: -1) {
                coordinates[d] += 1
                if coordinates[d] < shape[d] { break }
                coordinates[d] = 0
            }
        }
        self.values = values
    }

    public var dimensions: Int { shape.count }
    public var grandTotal: Int { values.count - 1 }

    public func index(_ coordinates: [Int]) -> Int {
        zip(coordinates, strides).reduce(0) { $0 + $1.0 * $1.1 }
    }

    public func coordinates(of index: Int) -> [Int] {
        strides.enumerated().map { d, stride in (index / stride) % (shape[d] + 1) }
    }

    /// How many of a cell's coordinates are margins: 0 for an inner cell, the number of dimensions for the total.
    public func marginOrder(of index: Int) -> Int {
        coordinates(of: index).enumerated().filter { $0.element == shape[$0.offset] }.count
    }

    /// The additive relations a reader knows: along each dimension, with every other coordinate fixed (margins
    /// included), the categories' cells add up to the margin's cell.
    public var relations: [(members: [Int], total: Int)] {
        var relations: [(members: [Int], total: Int)] = []
        for d in 0..<dimensions {
            for index in values.indices where coordinates(of: index)[d] == shape[d] {
                let base = index - shape[d] * strides[d]
                relations.append(((0..<shape[d]).map { base + $0 * strides[d] }, index))
            }
        }
        return relations
    }
}
