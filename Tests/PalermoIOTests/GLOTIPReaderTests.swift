import Foundation
import PalermoCore
import PalermoIO
import XCTest

final class GLOTIPReaderTests: XCTestCase {
    static let header = ["Iso3_code", "Country", "Region", "Subregion", "Indicator", "Dimension", "Category", "Sex", "Age", "Year",
                         "Unit of measurement", "txtVALUE", "Source"]
    static let good = ["AUT", "Austria", "Europe", "Western Europe", "Detected trafficking victims", "Total", "Total", "Total", "Total", "2018",
                       "Counts", "1,173", "GLOTIP"]

    func testThePublishedFileReadsInFullWithItsTrapsCounted() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/data/glotip/data_glotip.xlsx")
        let started = Date()
        let table = try XLSXTable.read(Data(contentsOf: url))
        let file = try GLOTIPReader.read(table)
        print("GLOTIP read in \(Date().timeIntervalSince(started)) s")
        XCTAssertEqual(file.rowsRead, 46_556)
        XCTAssertEqual(file.notes.groups, ["SAM", "SAF", "CAR", "CAS", "EEU", "MCA", "MCN", "Aruba/Curacao"])
        XCTAssertEqual(file.notes.groupRows, 957)
        XCTAssertGreaterThan(file.notes.thousandsSeparators, 100)
        XCTAssertEqual(file.observations.count + file.notes.identicalDuplicates + file.notes.conflictingDuplicates, 46_556)
        XCTAssertGreaterThan(file.notes.conflictingDuplicates, 100)
        XCTAssertTrue(file.observations.contains { $0.area == "Sark" && $0.region == "Europe" }, "an area without a code keeps its name")
        XCTAssertTrue(file.observations.contains { $0.value == .suppressed })
        let moldova = file.observations.first { $0.dimension == .citizenship && $0.category == "Republic of Moldova" }
        XCTAssertEqual(moldova?.categoryArea, "MDA")
    }

    func testValuesAndCensoredCounts() {
        XCTAssertEqual(CountRange(published: "<5"), CountRange(low: 0, high: 4))
        XCTAssertEqual(CountRange(published: "1,173"), CountRange(exactly: 1173))
        XCTAssertEqual(CountRange(published: "12"), CountRange(exactly: 12))
        XCTAssertNil(CountRange(published: "1,17"))
        XCTAssertNil(CountRange(published: "about 12"))
        XCTAssertNil(CountRange(published: "-3"))
        XCTAssertEqual((CountRange(exactly: 10) + .suppressed).description, "10–14")
    }

    func testBadInputNamesRowAndColumn() {
        func problems(_ rows: [[String]]) -> [GLOTIPReadError.Problem] {
            do { _ = try GLOTIPReader.read(Table(rows)); return [] } catch let error as GLOTIPReadError { return error.problems } catch { return [] }
        }
        var noValue = Self.header
        noValue.remove(at: 11)
        XCTAssertEqual(problems([noValue, Self.good]).map(\.column), ["txtVALUE"])

        var unknownCode = Self.good
        unknownCode[0] = "XYZ"
        XCTAssertEqual(problems([Self.header, Self.good, unknownCode]), [.init(row: 3, column: "Iso3_code", message: "unknown country code 'XYZ' (not ISO 3166-1 alpha-3)")])

        var future = Self.good
        future[9] = "3020"
        XCTAssertEqual(problems([Self.header, future]).map { "\($0.row) \($0.column ?? "")" }, ["2 Year"])

        var words = Self.good
        words[11] = "many"
        XCTAssertEqual(problems([Self.header, Self.good, Self.good, words]).map { "\($0.row) \($0.column ?? "")" }, ["4 txtVALUE"])
        XCTAssertTrue(problems([Self.header, words]).first?.message.contains("'many'") == true)
    }

    func testDuplicatesCollapseOrSpanTheirRange() throws {
        var other = Self.good
        other[11] = "1,200"
        let file = try GLOTIPReader.read(Table([Self.header, Self.good, Self.good, other]))
        XCTAssertEqual(file.observations.count, 1)
        XCTAssertEqual(file.observations[0].value, CountRange(low: 1173, high: 1200))
        XCTAssertEqual(file.notes.identicalDuplicates, 1)
        XCTAssertEqual(file.notes.conflictingDuplicates, 1)
    }

    func testATruncatedWorkbookIsAClearError() throws {
        let data = try XLSXTable.write([Self.header, Self.good])
        XCTAssertThrowsError(try XLSXTable.read(data.prefix(data.count / 2))) { error in
            XCTAssertTrue("\(error)".contains("truncated") || "\(error)".contains("damaged"), "\(error)")
        }
    }
}
