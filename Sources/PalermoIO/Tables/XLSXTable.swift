import Foundation
import XMLCoder
import ZIPFoundation

/// The first worksheet of an Office Open XML workbook, in and out, through ZIPFoundation and XMLCoder.
/// Reads shared and inline strings and numbers (streamed, see `SpreadsheetMLReader`); writes inline strings,
/// so no shared-string table is needed.
public enum XLSXTable {
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

    public static func read(_ data: Data) throws -> Table {
        try ZIPBounds.check(data, maxInflated: inflationLimit(compressed:))
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch {
            throw TableReadError("not an XLSX file (the ZIP container is unreadable or truncated)")
        }
        let shared =
            try archive["xl/sharedStrings.xml"].map {
                try SpreadsheetMLReader.sharedStrings(extract($0, from: archive))
            } ?? []
        let sheetPath =
            archive["xl/worksheets/sheet1.xml"] != nil
            ? "xl/worksheets/sheet1.xml"
            : archive.first { $0.path.hasPrefix("xl/worksheets/") && $0.path.hasSuffix(".xml") }?.path
        guard let sheetPath, let entry = archive[sheetPath] else {
            throw TableReadError("the workbook has no worksheet")
        }
        let rows = try SpreadsheetMLReader.worksheet(try extract(entry, from: archive), shared: shared)
        return Table(rows: rows)
    }

    public static func write(_ rows: [[String]], sheetName: String = "Sheet1") throws -> Data {
        let sheet = Worksheet(
            sheetData: SheetData(
                rows: rows.enumerated().map { index, cells in
                    SheetRow(
                        r: index + 1,
                        c: cells.enumerated().compactMap { column, text in
                            text.isEmpty
                                ? nil
                                : SheetCell(
                                    r: "\(columnName(column))\(index + 1)", t: "inlineStr", v: nil,
                                    inline: InlineString(t: text))
                        })
                }))
        let encoder = XMLEncoder()
        let sheetXML = try encoder.encode(
            sheet, withRootKey: "worksheet", rootAttributes: ["xmlns": mainNamespace],
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
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw TableReadError("could not assemble the XLSX file") }
        return data
    }

    /// How far one part of the container may inflate. A zip bomb (a megabyte that inflates to a gigabyte)
    /// is refused by its declared sizes before anything is inflated, and by the bytes really written, which
    /// a forged header cannot hide. Real workbooks compress 5 to 20 times; GLOTIP's sheet is 22 MB.
    static let maxPartBytes = 256 * 1024 * 1024
    static let maxRatio = 50
    /// Parts smaller than this are not held to the ratio (a short part of repeated markup compresses well).
    static let ratioFloor = 1024 * 1024

    static func inflationLimit(compressed: Int) -> Int {
        let byRatio = compressed.multipliedReportingOverflow(by: maxRatio)
        return min(maxPartBytes, byRatio.overflow ? maxPartBytes : max(ratioFloor, byRatio.partialValue))
    }

    private struct TooLarge: Error {}

    private static func extract(_ entry: Entry, from archive: Archive) throws -> Data {
        let limit = inflationLimit(compressed: Int(clamping: entry.compressedSize))
        let tooLarge = TableReadError(
            "\(entry.path) inflates past \(limit / (1024 * 1024)) MB "
                + "(more than \(maxRatio) times its compressed size): the file is refused")
        guard entry.uncompressedSize <= UInt64(limit) else { throw tooLarge }
        var data = Data()
        do {
            _ = try archive.extract(entry) { chunk in
                guard data.count + chunk.count <= limit else { throw TooLarge() }
                data.append(chunk)
            }
        } catch is TooLarge {
            throw tooLarge
        } catch {
            throw TableReadError("\(entry.path) is damaged inside the XLSX file (\(error))")
        }
        return data
    }

    /// The sheet's bounds in SpreadsheetML (Excel's own limits): a reference outside them is refused,
    /// so no number read from a file can overflow or allocate without bound.
    public static let maxColumns = 16_384
    public static let maxRows = 1_048_576

    /// "AJ12" → 35 (zero-based column); nil without letters or past column XFD.
    public static func columnIndex(_ reference: String) -> Int? {
        var index = 0, seen = false
        for scalar in reference.unicodeScalars {
            guard scalar.value >= 65 && scalar.value <= 90 else { break }
            index = index * 26 + Int(scalar.value - 64)
            seen = true
            if index > maxColumns { return nil }
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
