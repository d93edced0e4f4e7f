import Foundation
import PalermoCore
import PalermoStats

/// Reads a list-overlap table: one 0/1 column per list and a last column `count` (the shared reference
/// files call it `n`, which is accepted too). Every problem is reported with its row and column.
public enum CaptureTableReader {
    public static func read(_ data: Data) throws -> (table: CaptureTable, notes: [String]) {
        let rows = try CSVTable.read(data).rows.filter {
            !$0.cells.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty }
        }
        guard let header = rows.first else {
            throw ValidationFailure([ValidationIssue(row: 1, field: "header", message: "the file is empty")])
        }
        let names = header.cells.map { $0.trimmingCharacters(in: .whitespaces) }
        guard let last = names.last, ["count", "n"].contains(last.lowercased()) else {
            throw ValidationFailure([
                ValidationIssue(
                    row: 1, field: "header",
                    message:
                        "the last column must be 'count' (the number of people with each capture history); found '\(names.last ?? "")'"
                )
            ])
        }
        let lists = Array(names.dropLast())
        guard lists.count >= 2 else {
            throw ValidationFailure([
                ValidationIssue(
                    row: 1, field: "header",
                    message: "multiple systems estimation needs at least two lists; found \(lists.count)")
            ])
        }
        guard lists.count <= 16 else {
            throw ValidationFailure([
                ValidationIssue(
                    row: 1, field: "header", message: "at most 16 lists are supported; found \(lists.count)")
            ])
        }
        var issues: [ValidationIssue] = []
        var merged: [UInt32: Int] = [:]
        var order: [UInt32] = []
        var firstRow: [UInt32: Int] = [:]
        var notes: [String] = []
        for row in rows.dropFirst() {
            guard row.cells.count == names.count else {
                issues.append(
                    ValidationIssue(
                        row: row.number, field: "row",
                        message: "has \(row.cells.count) cells, the header has \(names.count)"))
                continue
            }
            var history: UInt32 = 0
            for (index, name) in lists.enumerated() {
                switch row.cells[index].trimmingCharacters(in: .whitespaces) {
                case "1": history |= 1 << index
                case "0": break
                case let other:
                    issues.append(ValidationIssue(row: row.number, field: name, message: "'\(other)' is not 0 or 1"))
                }
            }
            let text = row.cells[lists.count].trimmingCharacters(in: .whitespaces)
            guard let count = Int(text), (0...CountRange.largestCount).contains(count) else {
                issues.append(
                    ValidationIssue(
                        row: row.number, field: last,
                        message: "'\(text)' is not a whole number of people (0 to \(CountRange.largestCount))"))
                continue
            }
            if history == 0 {
                if count > 0 {
                    issues.append(
                        ValidationIssue(
                            row: row.number, field: "row",
                            message: "the all-zero history is the unknown to estimate; it cannot have a count"))
                }
                continue
            }
            if let first = firstRow[history] {
                notes.append("row \(row.number) repeats the capture history of row \(first); their counts were added")
            } else {
                firstRow[history] = row.number
                order.append(history)
            }
            merged[history, default: 0] += count
        }
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        let table = CaptureTable(lists: lists, histories: order, counts: order.map { merged[$0, default: 0] })
        guard table.observed > 0 else {
            throw ValidationFailure([ValidationIssue(field: last, message: "no case was observed")])
        }
        return (table, notes)
    }
}
