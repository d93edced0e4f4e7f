import CSV
import Foundation
import PalermoCore
import PalermoStats

/// Records for publication from a CSV file with a header row of attribute names, parsed a row at a time: only the
/// coded values are kept, so a file of a million records is never held as rows of text.
public enum MicrodataReader {
    public static func read(_ url: URL, attributes chosen: [String]? = nil) throws -> Microdata {
        // CSV.swift reports an error at the end of a file stream, so the file is read whole and parsed from memory.
        guard let data = try? Data(contentsOf: url) else { throw TableReadError("cannot read \(url.path)") }
        return try read(data, attributes: chosen)
    }

    public static func read(_ data: Data, attributes chosen: [String]? = nil) throws -> Microdata {
        guard let text = String(data: data, encoding: .utf8) else { throw TableReadError("the file is not UTF-8 text") }
        let reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: false)
        guard var header = reader.headerRow, !header.isEmpty else { throw TableReadError("the file has no header row") }
        if let first = header.first, first.hasPrefix("\u{FEFF}") { header[0] = String(first.dropFirst()) }
        let names = chosen ?? header
        var columns: [Int] = []
        for name in names {
            guard let column = header.firstIndex(of: name) else {
                throw TableReadError("there is no column '\(name)'; the columns are \(header.joined(separator: ", "))")
            }
            columns.append(column)
        }
        var builder: Microdata.Builder
        do { builder = try Microdata.Builder(attributes: names) } catch {
            throw TableReadError("the attributes cannot be published: \(error)")
        }
        var line = 1
        while let cells = reader.next() {
            line += 1
            guard cells.count == header.count else {
                throw TableReadError(row: line, "expected \(header.count) cells, found \(cells.count)")
            }
            do { try builder.append(columns.map { cells[$0] }, number: line) } catch {
                throw TableReadError(row: line, "\(error)")
            }
        }
        if let error = reader.error { throw TableReadError(row: line + 1, "unreadable CSV (\(error))") }
        return builder.microdata
    }
}
