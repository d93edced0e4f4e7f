import PalermoCore
@testable import PalermoStats
import XCTest

/// Small-cell suppression: the audit finds what a reader can recover, and the suppression leaves nothing that
/// can be narrowed below the threshold, on many generated tables.
final class CellSuppressionTests: XCTestCase {
    func testMarginsAreAddedUp() throws {
        let table = try MarginalTable(shape: [2, 3], cells: [1, 2, 3, 4, 5, 6])
        // Rows: 1 2 3 | 6, 4 5 6 | 15; columns: 5 7 9 | 21.
        XCTAssertEqual(table.values, [1, 2, 3, 6, 4, 5, 6, 15, 5, 7, 9, 21])
        XCTAssertEqual(table.relations.count, 3 + 4)
        XCTAssertEqual(table.marginOrder(of: table.grandTotal), 2)
    }

    func testBadTablesAreRefused() {
        XCTAssertThrowsError(try MarginalTable(shape: [], cells: []))
        XCTAssertThrowsError(try MarginalTable(shape: [2, 0], cells: []))
        XCTAssertThrowsError(try MarginalTable(shape: [2], cells: [1]))
        XCTAssertThrowsError(try MarginalTable(shape: [2], cells: [1, -1]))
        XCTAssertThrowsError(try MarginalTable(shape: [100_000, 100_000], cells: []))
    }

    /// The audit is not a formality: a lone suppressed cell is recovered exactly from its row and total, and
    /// four suppressed corners leave the interval the arithmetic gives.
    func testTheAuditFindsWhatAReaderCanRecover() throws {
        let table = try MarginalTable(shape: [2, 2], cells: [1, 9, 9, 9])
        var lone = [Bool](repeating: false, count: table.values.count)
        lone[0] = true
        let exposed = SuppressionAudit().audit(
            SuppressedTable(table: table, threshold: 5, primary: [0], suppressed: lone))
        XCTAssertEqual(exposed, .exposed([.init(cell: 0, low: 1, high: 1)]))

        var corners = lone
        for cell in [1, 3, 4] { corners[cell] = true }
        let intervals = SuppressionAudit().intervals(
            SuppressedTable(table: table, threshold: 5, primary: [0], suppressed: corners))
        // x11 = t, x12 = x21 = 10 - t, x22 = 8 + t, every one at least 0: t from 0 to 10.
        XCTAssertEqual(intervals.map(\.low), [0, 0, 0, 8])
        XCTAssertEqual(intervals.map(\.high), [10, 10, 10, 18])
    }

    func testTheHypercubeChosenIsTheCheapestWideEnough() throws {
        let table = try MarginalTable(shape: [2, 3], cells: [2, 30, 6, 40, 50, 7])
        let result = CellSuppression().protect(table)
        // The 2 pairs with the 6 beside it and the 40 and 7 below: the cheapest hypercube wide enough. It moves
        // the 2 down by 2 (the least of 2 and 7) and up by 6 (the least of 6 and 40): a width of 8.
        XCTAssertEqual(Set(result.suppressedCells), [0, 2, 4, 6])
        guard case .safe = SuppressionAudit().audit(result) else { return XCTFail("not safe") }
    }

    func testNoSuppressedCellCanBeNarrowedBelowTheThreshold() throws {
        var rng = SeededGenerator(seed: 2010)
        var audited = 0
        for round in 0..<240 {
            let k = round % 3 + 1
            let shape = (0..<k).map { _ in Int.random(in: 1...(k == 3 ? 3 : 5), using: &rng) }
            let cells = (0..<shape.reduce(1, *)).map { _ in
                Int.random(in: 0...3, using: &rng) == 0
                    ? Int.random(in: 0...60, using: &rng)
                    : Int.random(in: 0...6, using: &rng)
            }
            let threshold = [3, 5, 10][round % 3]
            let table = try MarginalTable(shape: shape, cells: cells)
            let result = CellSuppression(threshold: threshold).protect(table)
            for (index, value) in table.values.enumerated() where value > 0 && value < threshold {
                XCTAssertTrue(result.suppressed[index], "a count of \(value) was released in \(shape) \(cells)")
            }
            switch SuppressionAudit().audit(result) {
            case .safe: audited += 1
            case .exposed(let cells): XCTFail("\(shape) \(table.values) threshold \(threshold): \(cells)")
            case .certified, .tooLarge: XCTFail("the generated table is small")
            }
        }
        XCTAssertEqual(audited, 240)
    }

    /// The audit by certificate never claims more than the linear programme: on generated tables each hypercube
    /// certifies every suppressed cell, and the interval the programme finds for each corner is at least as wide
    /// as the hypercube's move. A hypercube that does not keep the released figures, or has a corner released,
    /// certifies nothing.
    func testCertificatesNeverClaimMoreThanTheLinearProgramme() throws {
        var rng = SeededGenerator(seed: 1325)
        for round in 0..<60 {
            let k = round % 2 + 2
            let shape = (0..<k).map { _ in Int.random(in: 2...(k == 3 ? 4 : 7), using: &rng) }
            let cells = (0..<shape.reduce(1, *)).map { _ in
                Int.random(in: 0...2, using: &rng) == 0
                    ? Int.random(in: 0...40, using: &rng) : Int.random(in: 0...7, using: &rng)
            }
            let table = try MarginalTable(shape: shape, cells: cells)
            let result = CellSuppression(threshold: 5).protect(table)
            let audit = SuppressionAudit()
            XCTAssertTrue(audit.certify(result), "\(shape) \(cells)")
            let intervals = Dictionary(uniqueKeysWithValues: audit.intervals(result).map { ($0.cell, $0) })
            for cube in result.hypercubes {
                let width = try XCTUnwrap(audit.width(of: cube, in: result))
                XCTAssertGreaterThanOrEqual(width, 5)
                for corner in cube {
                    let interval = try XCTUnwrap(intervals[corner.index])
                    XCTAssertGreaterThanOrEqual(interval.width, Double(min(width, 1_000_000_000)) - 1e-6)
                }
            }
        }
        let table = try MarginalTable(shape: [2, 2], cells: [1, 9, 9, 9])
        var suppressed = [Bool](repeating: false, count: table.values.count)
        for cell in [0, 1, 3, 4] { suppressed[cell] = true }
        let cube = [(0, 1), (1, -1), (3, -1), (4, 1)].map { SuppressedTable.Corner(index: $0, sign: $1) }
        func certified(_ cube: [SuppressedTable.Corner], _ suppressed: [Bool]) -> Bool {
            SuppressionAudit().certify(
                SuppressedTable(table: table, threshold: 5, primary: [0], suppressed: suppressed, hypercubes: [cube]))
        }
        XCTAssertTrue(certified(cube, suppressed))
        let wrongSign =
            [SuppressedTable.Corner(index: 0, sign: 1)]
            + cube.dropFirst().map {
                SuppressedTable.Corner(index: $0.index, sign: 1)
            }
        XCTAssertFalse(certified(wrongSign, suppressed))
        var released = suppressed
        released[4] = false
        XCTAssertFalse(certified(cube, released))
        XCTAssertFalse(certified([], suppressed))
    }

    /// A table too large for the solver: 20 × 15 × 8 inner cells, a third of them small. Every small cell is
    /// withheld, the audit certifies the result, and cells are released (the audit did not fail safe).
    func testALargeTableIsCertified() throws {
        var rng = SeededGenerator(seed: 2026)
        let shape = [20, 15, 8]
        let cells = (0..<shape.reduce(1, *)).map { _ in
            Int.random(in: 0...2, using: &rng) == 0
                ? Int.random(in: 1...4, using: &rng) : Int.random(in: 5...80, using: &rng)
        }
        let table = try MarginalTable(shape: shape, cells: cells)
        var rule = CellSuppression(threshold: 5)
        rule.searchBudget = 512  // a debug build searches slowly
        let (result, intervals) = rule.protectAudited(table)
        guard case .certified(let count) = SuppressionAudit().audit(result) else { return XCTFail("not certified") }
        XCTAssertEqual(count, result.suppressedCells.count)
        XCTAssertTrue(intervals.isEmpty, "a certificate gives no interval to show")
        for (index, value) in table.values.enumerated() where rule.isSensitive(value) {
            XCTAssertTrue(result.suppressed[index])
        }
        XCTAssertLessThan(result.suppressedCells.count, table.values.count * 3 / 4)
    }

    /// Suppression is not everything: cells of the threshold and more stay released where no small cell
    /// needs them.
    func testCellsWithoutSmallNeighboursStay() throws {
        let table = try MarginalTable(shape: [3], cells: [12, 40, 27])
        XCTAssertEqual(CellSuppression().protect(table).suppressedCells, [])
        let result = CellSuppression().protect(try MarginalTable(shape: [3], cells: [3, 40, 27]))
        XCTAssertEqual(result.suppressedCells, [0, 2])
    }

    /// A total published in other tables of the same release stays; its cells are protected without it. A margin
    /// that is not published at all (the sum over forms of exploitation, where a case can have several) protects
    /// a small cell on its own.
    func testKeptTotalsAndWithheldMargins() throws {
        let table = try MarginalTable(shape: [3], cells: [1, 1, 3])
        let kept = CellSuppression().protect(table, keeping: [3])
        XCTAssertEqual(kept.suppressedCells, [0, 1, 2])
        guard case .safe = SuppressionAudit().audit(kept) else { return XCTFail("not safe") }
        let withheld = CellSuppression().protect(try MarginalTable(shape: [3], cells: [1, 30, 40]), withholding: [3])
        XCTAssertEqual(withheld.suppressedCells, [0, 3])
    }
}

/// Controlled rounding: every cell a neighbouring multiple of the base, and the rounded table still adds up.
final class ControlledRoundingTests: XCTestCase {
    func testRoundedTablesAddUpAndStayWithinABase() throws {
        var rng = SeededGenerator(seed: 1987)
        for round in 0..<300 {
            let shape =
                round % 2 == 0
                ? [Int.random(in: 1...9, using: &rng)]
                : [Int.random(in: 1...7, using: &rng), Int.random(in: 1...7, using: &rng)]
            let cells = (0..<shape.reduce(1, *)).map { _ in Int.random(in: 0...40, using: &rng) }
            let base = [5, 3, 10][round % 3]
            let table = try MarginalTable(shape: shape, cells: cells)
            let rounded = try ControlledRounding(base: base).round(table)
            for (value, r) in zip(table.values, rounded) {
                XCTAssertEqual(r % base, 0)
                XCTAssertTrue(r == value || (r < value + base && r > value - base), "\(value) → \(r)")
                if value % base == 0 { XCTAssertEqual(r, value, "a multiple stays") }
            }
            for relation in table.relations {
                XCTAssertEqual(relation.members.map { rounded[$0] }.reduce(0, +), rounded[relation.total], "\(cells)")
            }
        }
        XCTAssertThrowsError(
            try ControlledRounding().round(try MarginalTable(shape: [2, 2, 2], cells: [1, 2, 3, 4, 5, 6, 7, 8])))
    }

    func testTheOneWayTotalIsRoundedToTheNearestMultiple() throws {
        // 1 + 2 + 9 = 12, rounded to 10: the cells' floors add up to 5, so one cell goes up, the 9 (remainder 4).
        let rounded = try ControlledRounding().round(try MarginalTable(shape: [3], cells: [1, 2, 9]))
        XCTAssertEqual(rounded, [0, 0, 10, 10])
    }
}
