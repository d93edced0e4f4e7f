import Foundation
import XMLCoder
import ZIPFoundation

/// The first worksheet of an Office Open XML workbook, in and out, through ZIPFoundation and XMLCoder.
/// Reads shared and inline strings and numbers; writes inline strings, so no shared-string table is needed.
public enum XLSXTable {
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

    public static func read(_ data: Data) throws -> Table {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch {
            throw TableReadError("not an XLSX file (the ZIP container is unreadable or truncated)")
        }
        let strings = try archive["xl/sharedStrings.xml"].map { try decoder().decode(SharedStrings.self, from: extract($0, from: archive)) }
        let sheetPath = archive["xl/worksheets/sheet1.xml"] != nil ? "xl/worksheets/sheet1.xml"
            : archive.first { $0.path.hasPrefix("xl/worksheets/") && $0.path.hasSuffix(".xml") }?.path
        guard let sheetPath, let entry = archive[sheetPath] else { throw TableReadError("the workbook has no worksheet") }
        let sheet: Worksheet
        do { sheet = try decoder().decode(Worksheet.self, from: try extract(entry, from: archive)) } catch {
            throw TableReadError("the worksheet XML is unreadable or truncated")
        }
        let shared = strings?.items.map(\.text) ?? []
        var rows: [Table.Row] = []
        for (index, row) in (sheet.sheetData.rows ?? []).enumerated() {
            let number = row.r ?? index + 1
            var cells: [String] = []
            for (position, cell) in (row.c ?? []).enumerated() {
                let column = cell.r.flatMap(columnIndex) ?? position
                if column >= cells.count { cells.append(contentsOf: repeatElement("", count: column - cells.count + 1)) }
                switch cell.t {
                case "s":
                    guard let i = cell.v.flatMap({ Int($0) }), shared.indices.contains(i) else {
                        throw TableReadError(row: number, "cell \(cell.r ?? "?") points at a shared string that does not exist")
                    }
                    cells[column] = shared[i]
                case "inlineStr": cells[column] = cell.inline?.text ?? ""
                default: cells[column] = cell.v ?? ""
                }
            }
            rows.append(Table.Row(number: number, cells: cells))
        }
        return Table(rows: rows)
    }

    public static func write(_ rows: [[String]], sheetName: String = "Sheet1") throws -> Data {
        let sheet = Worksheet(sheetData: SheetData(rows: rows.enumerated().map { index, cells in
            SheetRow(r: index + 1, c: cells.enumerated().compactMap { column, text in
                text.isEmpty ? nil : SheetCell(r: "\(columnName(column))\(index + 1)", t: "inlineStr", v: nil, inline: InlineString(t: text))
            })
        }))
        let encoder = XMLEncoder()
        let sheetXML = try encoder.encode(sheet, withRootKey: "worksheet", rootAttributes: ["xmlns": mainNamespace],
                                          header: XMLHeader(version: 1.0, encoding: "UTF-8", standalone: "yes"))
        let archive = try Archive(accessMode: .create)
        let parts: [(String, Data)] = [
            ("[Content_Types].xml", Data(WorkbookParts.contentTypes.utf8)),
            ("_rels/.rels", Data(WorkbookParts.rootRelationships.utf8)),
            ("xl/workbook.xml", Data(WorkbookParts.workbook(sheetName: sheetName).utf8)),
            ("xl/_rels/workbook.xml.rels", Data(WorkbookParts.workbookRelationships.utf8)),
            ("xl/worksheets/sheet1.xml", sheetXML),
        ]
        for (path, data) in parts {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw TableReadError("could not assemble the XLSX file") }
        return data
    }

    /// Cell text is data: spaces around entities and at either end must survive (XMLCoder trims by default).
    private static func decoder() -> XMLDecoder {
        let decoder = XMLDecoder()
        decoder.trimValueWhitespaces = false
        return decoder
    }

    private static func extract(_ entry: Entry, from archive: Archive) throws -> Data {
        var data = Data()
        do { _ = try archive.extract(entry) { data.append($0) } } catch {
            throw TableReadError("\(entry.path) is damaged inside the XLSX file (\(error))")
        }
        return data
    }

    /// "AJ12" → 35 (zero-based column).
    public static func columnIndex(_ reference: String) -> Int? {
        var index = 0, seen = false
        for scalar in reference.unicodeScalars {
            guard scalar.value >= 65 && scalar.value <= 90 else { break }
            index = index * 26 + Int(scalar.value - 64)
            seen = true
        }
        return seen ? index - 1 : nil
    }

    public static func columnName(_ index: Int) -> String {
        var name = "", n = index + 1
        while n > 0 {
            let remainder = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            n = (n - 1) / 26
        }
        return name
    }
}
