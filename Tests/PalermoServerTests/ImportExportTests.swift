import Foundation
import PalermoCore
import PalermoIO
import PalermoStore
import Vapor
import XCTVapor
import XCTest

/// HTCDS files in and out, in the standard's own layout.
final class ImportExportTests: XCTestCase {
    func testTheStandardTemplateRoundTrips() async throws {
        try await TestWorld.each { world in
            // The blank template's header rows are understood, and a file without data rows is refused as such.
            let template = try Data(contentsOf: SharedData.url("htcds/HTCDS Excel Spreadsheet v2.0.xlsx"))
            let blank = try await world.api(
                .POST, "/api/v1/cases/import", as: "a-super", body: template, contentType: "application/octet-stream")
            XCTAssertEqual(blank.status, .unprocessableEntity, blank.body.string)
            XCTAssertTrue(blank.body.string.contains("no data rows"), blank.body.string)

            // Cases exported to XLSX come back identical, and the export keeps the template's columns.
            let fields: [String: FieldValue] = [
                "prs_FirstName": .text("Imani"), "prs_SecondName": .text("Njeri, \"Nana\""),
                "prs_Birthdate": .text("2004-03-01"),
                "prs_Gender": .text("Feminine"), "prs_Citizenship": .text("KEN"), "con_Consent": .text("TRUE"),
                "vic_TypeOfExploitation": .list(["ForcedLabour", "SexualExploitation"]),
                "vic_MethodsOfControl": .list(["DebtBondage"]),
                "cas_ReasonForOutgoingReferral": .text("Needs legal aid"), "cas_Status": .text("ClosedReferred"),
                "cas_ReasonForCaseClosure": .text("Referred to a legal aid clinic"),
                "cas_ClosureDate": .text("2025-06-30"), "cas_IdentificationDate": .text("2025-01-10"),
                "prs_AgeGroup": .text("Adult"),
                "vic_TraffickingStatusDecisionMakingOrg": .text("Police"),
            ]
            _ = try await world.createCase(as: "a-worker", fields)
            for format in SheetFormat.allCases {
                let exported = try await world.api(
                    .GET, "/api/v1/cases/export?format=\(format.rawValue)", as: "a-super")
                XCTAssertEqual(exported.status, .ok)
                let table = try format.read(Data(buffer: exported.body))
                let templateTable = try XLSXTable.read(template)
                let names = table.rows[0].cells
                for (column, name) in templateTable.rows[0].cells.enumerated() where !name.isEmpty {
                    XCTAssertEqual(
                        HTCDS.field(named: names[column])?.name, HTCDS.field(named: name)?.name,
                        "column \(column) (\(format))")
                }
                XCTAssertEqual(
                    names[35], "cas_ReasonForOutgoingReferral", "the template's unnamed column AJ gets its name")
                let rows = try HTCDSSheet.rows(from: table)
                XCTAssertEqual(rows.count, 1)
                XCTAssertEqual(rows[0].row, 3, "data starts on row 3 as in the template")
                let again = try CaseValidator().validate(rows[0].fields).get().compactMapValues { $0 }
                XCTAssertEqual(again, fields, format.rawValue)
            }
        }
    }

    func testTheXLSFormSpellingsAndLabelsAreAccepted() async throws {
        try await TestWorld.each { world in
            let csv = """
                prs_First_Name,vic_Methods_of_Control,prs_Gender,vic_TraffickinStatusDecisionMakingOrg,prs_Citizenship,prs_AgeGroup,cas_IdentificationDate
                Rehema,Debt bondage;Takes earnings,Transgender Feminine,Court or prosecution,ke,Child (under 18),2025-02-01
                """
            let res = try await world.api(
                .POST, "/api/v1/cases/import", as: "a-super", body: Data(csv.utf8), contentType: "text/csv")
            XCTAssertEqual(res.status, .created, res.body.string)
            let page = try await world.api(.GET, "/api/v1/cases", as: "a-worker").content.decode(CasePage.self)
            let first = try XCTUnwrap(page.items.first)
            let record = try await world.api(.GET, "/api/v1/cases/\(first.id)", as: "a-worker").content.decode(
                CaseRecord.self)
            XCTAssertEqual(record.fields["vic_MethodsOfControl"], .list(["DebtBondage", "TakesEarnings"]))
            XCTAssertEqual(record.fields["prs_Gender"], .text("TransgenderFeminine"))
            XCTAssertEqual(record.fields["vic_TraffickingStatusDecisionMakingOrg"], .text("CourtOrProsecution"))
            XCTAssertEqual(record.fields["prs_Citizenship"], .text("KEN"))
            XCTAssertEqual(record.fields["prs_FirstName"], .text("Rehema"))
        }
    }
}
