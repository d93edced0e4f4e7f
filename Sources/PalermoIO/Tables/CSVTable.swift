import CSV
import Foundation

/// CSV in and out, through CSV.swift.
public enum CSVTable {
    public static func read(_ data: Data) throws -> Table {
        guard var text = String(data: data, encoding: .utf8) else { throw TableReadError("the file is not UTF-8 text") }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: false)
        var rows: [Table.Row] = []
        var number = 0
        while let cells = reader.next() {
            number += 1
            rows.append(Table.Row(number: number, cells: cells))
        }
        if let error = reader.error { throw TableReadError(row: number + 1, "unreadable CSV (\(error))") }
        if let last = rows.last, let quoteProblem = unterminatedQuote(in: text) {
            throw TableReadError(row: last.number, quoteProblem)
        }
        return Table(rows: rows)
    }

    /// Writes rows for a spreadsheet to open. A cell that a spreadsheet would run as a formula (starting with
    /// `=`, `+`, `-`, `@`, tab or carriage return) is prefixed with `'`, and NUL characters are dropped: an
    /// export must not carry a payload planted in a case into the reader's spreadsheet.
    public static func write(_ rows: [[String]]) throws -> Data {
        try write(count: rows.count) { rows[$0] }
    }

    /// The same for `count` rows made one at a time, so that a large table is never held as text twice.
    public static func write(count: Int, row: (Int) -> [String]) throws -> Data {
        let stream = OutputStream(toMemory: ())
        let writer = try CSVWriter(stream: stream)
        for index in 0..<count { try writer.write(row: row(index).map(neutralised)) }
        writer.stream.close()
        guard let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else {
            throw TableReadError("could not collect the CSV output")
        }
        return data
    }

    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    public static func neutralised(_ cell: String) -> String {
        let clean = cell.contains("\u{0}") ? cell.replacingOccurrences(of: "\u{0}", with: "") : cell
        guard let first = clean.unicodeScalars.first, formulaStarts.contains(first) else { return clean }
        return "'" + clean
    }

    /// CSV.swift reads an unterminated quote to the end of the file without complaint; a file
    /// with an odd number of quote characters is broken and must not be half-read.
    private static func unterminatedQuote(in text: String) -> String? {
        text.unicodeScalars.reduce(0) { $0 + ($1 == "\"" ? 1 : 0) } % 2 == 1
            ? "a quoted field is never closed (unbalanced \" character)" : nil
    }
}
