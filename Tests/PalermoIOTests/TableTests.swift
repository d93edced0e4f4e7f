import Foundation
import PalermoCore
import PalermoIO
import XCTest

final class TableTests: XCTestCase {
    func testCSVWithQuotesCommasAndNewlines() throws {
        let rows = [["prs_FirstName", "cas_IncomingReferralDetails"], ["Ama", "Said: \"help\", then left\nat night"], ["Éloïse", ""]]
        let data = try CSVTable.write(rows)
        XCTAssertEqual(try CSVTable.read(data).rows.map(\.cells), rows)
        let bom = Data([0xEF, 0xBB, 0xBF]) + Data("prs_Gender\nFeminine\n".utf8)
        XCTAssertEqual(try CSVTable.read(bom).rows.first?.cells, ["prs_Gender"])
        XCTAssertThrowsError(try CSVTable.read(Data([0xFF, 0xFE, 0x00])))
    }

    func testXLSXRoundTripKeepsTextAndPositions() throws {
        let rows = [["", "prs_FirstName", "prs_Gender"], ["", "First Name", "Gender"], ["1", "Ama & <Kofi>", ""], ["2", "", "Masculine"]]
        let table = try XLSXTable.read(try XLSXTable.write(rows))
        XCTAssertEqual(table.rows.map(\.number), [1, 2, 3, 4])
        XCTAssertEqual(table.rows[2].cells, ["1", "Ama & <Kofi>"])
        XCTAssertEqual(table.rows[3].cells, ["2", "", "Masculine"])
    }

    func testTheStandardTemplateReads() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/data/htcds/HTCDS Excel Spreadsheet v2.0.xlsx")
        let table = try XLSXTable.read(Data(contentsOf: url))
        XCTAssertEqual(table.rows[0].cells[1], "cas_CaseOwner")
        XCTAssertEqual(table.rows[1].cells[35], "Reason for Outgoing Referral")
        XCTAssertEqual(table.rows[0].cells.count > 35 ? table.rows[0].cells[35] : "", "", "the template's missing name in AJ1")
        XCTAssertEqual(try HTCDSSheet.rows(from: table).count, 0, "the blank template has no case")
        XCTAssertEqual(XLSXTable.columnName(35), "AJ")
        XCTAssertEqual(XLSXTable.columnIndex("AJ12"), 35)
    }

    func testHeaderProblemsAreNamed() {
        XCTAssertThrowsError(try HTCDSSheet.rows(from: Table([["prs_FirstName", "prs_Nickname"], ["A", "B"]]))) { error in
            XCTAssertTrue("\(error)".contains("prs_Nickname"), "\(error)")
            XCTAssertTrue("\(error)".contains("column B"), "\(error)")
        }
        XCTAssertThrowsError(try HTCDSSheet.rows(from: Table([["prs_FirstName", "prs_First_Name"], ["A", "B"]]))) { error in
            XCTAssertTrue("\(error)".contains("more than one column"), "\(error)")
        }
        XCTAssertThrowsError(try HTCDSSheet.rows(from: Table([])))
    }
}
