import Foundation
import PalermoCore
import PalermoIO
import XCTest
import ZIPFoundation

/// Files made to break the readers: each is refused with a message naming the place, never a trap.
final class HostileFileTests: XCTestCase {
    /// A one-sheet workbook whose worksheet XML is `sheetData`.
    static func workbook(sheetData: String, sheetBytes: Data? = nil) throws -> Data {
        let valid = try XLSXTable.write([["a"]])
        let source = try Archive(data: valid, accessMode: .read)
        let archive = try Archive(accessMode: .create)
        let sheet = sheetBytes ?? Data("""
            <?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
            <sheetData>\(sheetData)</sheetData></worksheet>
            """.utf8)
        for entry in source where entry.path != "xl/worksheets/sheet1.xml" {
            var data = Data()
            _ = try source.extract(entry) { data.append($0) }
            try archive.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) {
                position, size in data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        try archive.addEntry(with: "xl/worksheets/sheet1.xml", type: .file, uncompressedSize: Int64(sheet.count),
                             compressionMethod: .deflate) { position, size in sheet.subdata(in: Int(position)..<Int(position) + size) }
        return try XCTUnwrap(archive.data)
    }

    func testACellReferenceOfTwentyLettersIsRefused() throws {
        let file = try Self.workbook(sheetData: #"<row r="1"><c r="ABCDEFGHIJKLMNOPQRST1" t="inlineStr"><is><t>x</t></is></c></row>"#)
        XCTAssertThrowsError(try XLSXTable.read(file)) { error in
            XCTAssertTrue("\(error)".contains("row 1") && "\(error)".contains("not a column"), "\(error)")
        }
    }

    func testAHugeRowNumberFollowedByARowWithoutNumberIsRefused() throws {
        let file = try Self.workbook(sheetData: #"<row r="9223372036854775807"><c><v>1</v></c></row><row><c><v>2</v></c></row>"#)
        XCTAssertThrowsError(try XLSXTable.read(file)) { error in
            XCTAssertTrue("\(error)".contains("9223372036854775807"), "\(error)")
        }
        let backwards = try Self.workbook(sheetData: #"<row r="5"><c><v>1</v></c></row><row r="2"><c><v>2</v></c></row>"#)
        XCTAssertThrowsError(try XLSXTable.read(backwards))
    }

    func testAnInvalidUTF8ByteBeforeANonASCIIElementNameIsRefused() throws {
        // Foundation's XMLParser traps on this (an invalid byte, then a non-ASCII element name): refused first.
        var sheet = Data(#"<?xml version="1.0" encoding="UTF-8"?><worksheet><sheetData><row r="1"><c t="inlineStr"><is><t>"#.utf8)
        sheet.append(contentsOf: [0xA0] + Array("x</t></is></c></row><rowé/></sheetData></worksheet>".utf8))
        let file = try Self.workbook(sheetData: "", sheetBytes: sheet)
        XCTAssertThrowsError(try XLSXTable.read(file)) { error in
            XCTAssertTrue("\(error)".contains("not UTF-8"), "\(error)")
        }
    }

    func testAFarColumnCannotFillMemory() throws {
        let rows = (1...1000).map { #"<row r="\#($0)"><c r="XFD\#($0)"><v>1</v></c></row>"# }.joined()
        let file = try Self.workbook(sheetData: rows)
        XCTAssertThrowsError(try XLSXTable.read(file)) { error in
            XCTAssertTrue("\(error)".contains("cells"), "\(error)")
        }
    }

    func testAZipBombIsRefusedBeforeItInflates() throws {
        // 64 MB of blanks compress to about 64 kB: a ratio of about 1,000.
        let blank = Data(repeating: 0x20, count: 64 * 1024 * 1024)
        let file = try Self.workbook(sheetData: "", sheetBytes: blank)
        XCTAssertLessThan(file.count, 1024 * 1024)
        XCTAssertThrowsError(try XLSXTable.read(file)) { error in
            XCTAssertTrue("\(error)".contains("inflates past"), "\(error)")
        }
    }

    func testHugeCountsAreRefused() throws {
        let table = Data("a,b,count\n1,0,9223372036854775807\n0,1,9223372036854775807\n1,1,5\n".utf8)
        XCTAssertThrowsError(try CaptureTableReader.read(table)) { error in
            XCTAssertTrue("\(error)".contains("row 2"), "\(error)")
        }
        XCTAssertNil(CountRange(published: "99999999999999999999"))
        XCTAssertNil(CountRange(published: "9,223,372,036,854,775,807"))
    }

    func testCSVCellsThatASpreadsheetWouldRunAreNeutralised() throws {
        let data = try CSVTable.write([["=1+1", "+1", "-1", "@A1", "\tx", "\r\nx", "plain", "a\u{0}b"]])
        let cells = try CSVTable.read(data).rows[0].cells
        XCTAssertEqual(cells, ["'=1+1", "'+1", "'-1", "'@A1", "'\tx", "'\r\nx", "plain", "ab"])
    }

    /// Every input the fuzzers found that crashed a reader (Tests/Fuzz/regressions/TARGET) is now refused cleanly.
    func testInputsFoundByFuzzingAreRefused() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fuzz/regressions")
        var seen = 0
        for target in ["csv", "xlsx", "htcds", "glotip", "overlap"] {
            let folder = root.appendingPathComponent(target)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
                let data = try Data(contentsOf: folder.appendingPathComponent(name))
                seen += 1
                switch target {
                case "csv": XCTAssertThrowsError(try CSVTable.read(data), name)
                case "overlap": XCTAssertThrowsError(try CaptureTableReader.read(data), name)
                default: XCTAssertThrowsError(try SheetFormat(sniffing: data).read(data), name)
                }
            }
        }
        XCTAssertGreaterThan(seen, 0)
    }
}
