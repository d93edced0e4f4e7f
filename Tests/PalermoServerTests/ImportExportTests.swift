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
            // A supervisor's closure applies at once (a caseworker's would wait for approval).
            _ = try await world.createCase(as: "a-super", fields)
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

    struct Result: Decodable {
        let imported: Int
        let updated: Int
        let unchanged: Int
        let possibleDuplicates: [ImportPlan.Duplicate]
    }

    /// An export read back in changes nothing; an edited export updates its cases, unless they changed since.
    func testReimportingAnExportUpdatesInsteadOfDuplicating() async throws {
        try await TestWorld.each { world in
            for n in 0..<3 {
                _ = try await world.createCase(
                    as: "a-worker",
                    [
                        "prs_FirstName": .text("Person\(n)"), "prs_SecondName": .text("Family"),
                        "prs_Birthdate": .text("199\(n)-01-01"), "prs_MobilePhone": .text("+254 712 00000\(n)"),
                        "cas_Status": .text(n == 2 ? "FollowUp" : "Active"),
                    ])
            }
            let before = try await world.caseCount()
            for format in SheetFormat.allCases {
                let exported = try await world.api(
                    .GET, "/api/v1/cases/export?format=\(format.rawValue)", as: "a-super")
                let again = try await world.api(
                    .POST, "/api/v1/cases/import?format=\(format.rawValue)", as: "a-super",
                    body: Data(buffer: exported.body),
                    contentType: "application/octet-stream")
                XCTAssertEqual(again.status, .ok, again.body.string)
                let result = try again.content.decode(Result.self)
                XCTAssertEqual([result.imported, result.updated, result.unchanged], [0, 0, 3], format.rawValue)
                let count = try await world.caseCount()
                XCTAssertEqual(count, before, "no case added by \(format.rawValue)")
            }
            // The list's filters decide what is exported.
            let filtered = try await world.api(.GET, "/api/v1/cases/export?status=FollowUp", as: "a-super")
            var table = try CSVTable.read(Data(buffer: filtered.body))
            XCTAssertEqual(table.rows.count, 3, "two header rows and the one case that is followed up")
            // Changing a cell updates that case, with the version check.
            let header = table.rows[0].cells
            let status = try XCTUnwrap(header.firstIndex(of: "cas_Status"))
            var cells = table.rows[2].cells
            cells[status] = "Active"
            table = Table([header, table.rows[1].cells, cells])
            let edited = try CSVTable.write(table.rows.map(\.cells))
            let update = try await world.api(
                .POST, "/api/v1/cases/import", as: "a-super", body: edited, contentType: "text/csv")
            XCTAssertEqual(update.status, .ok, update.body.string)
            XCTAssertEqual(try update.content.decode(Result.self).updated, 1)
            let stale = try await world.api(
                .POST, "/api/v1/cases/import", as: "a-super", body: edited + Data("\n".utf8), contentType: "text/csv")
            XCTAssertEqual(stale.status, .unprocessableEntity, "the same file again: the case is at a newer version")
            XCTAssertTrue(stale.body.string.contains("palermo_Version"), stale.body.string)
            let followedUp = try await world.api(.GET, "/api/v1/cases?status=FollowUp", as: "a-super").content
                .decode(CasePage.self)
            XCTAssertEqual(followedUp.total, 0)
            let after = try await world.caseCount()
            XCTAssertEqual(after, before)
            // Another organisation's case code is not found, and nothing is written.
            let foreign = try await world.api(
                .POST, "/api/v1/cases/import", as: "b-super", body: edited, contentType: "text/csv")
            XCTAssertEqual(foreign.status, .unprocessableEntity)
            XCTAssertTrue(foreign.body.string.contains("is not a case of your organisation"))
        }
    }

    /// A new row about a person who already has a case is imported, but named as a possible duplicate.
    func testImportNamesPossibleDuplicates() async throws {
        try await TestWorld.each { world in
            let existing = try await world.createCase(
                as: "a-worker",
                [
                    "prs_FirstName": .text("Amani"), "prs_SecondName": .text("Otieno"),
                    "prs_Birthdate": .text("2001-02-03"),
                ])
            let csv = """
                prs_FirstName,prs_SecondName,prs_Birthdate,prs_Gender,prs_Citizenship,cas_IdentificationDate
                OTIENO,Amani,2001-02-03,Feminine,Kenya,2025-01-01
                Baraka,Ochieng,1999-09-09,Masculine,Ouganda,2025-01-01
                Ochieng,Baraka,1999-09-09,Masculine,Уганда,2025-01-01
                """
            let res = try await world.api(
                .POST, "/api/v1/cases/import", as: "a-super", body: Data(csv.utf8), contentType: "text/csv")
            XCTAssertEqual(res.status, .created, res.body.string)
            let duplicates = try res.content.decode(Result.self).possibleDuplicates
            XCTAssertEqual(duplicates.map(\.row), [2, 4])
            XCTAssertEqual(duplicates[0].caseID, existing.uuidString)
            XCTAssertEqual(duplicates[1].earlierRow, 3)
        }
    }

    /// In the browser: upload, see every problem or what would happen, confirm; nothing is written before.
    func testSupervisorsImportInTheBrowserThroughAPreview() async throws {
        try await TestWorld.each { world in
            let existing = try await world.createCase(
                as: "a-worker",
                [
                    "prs_FirstName": .text("Amani"), "prs_SecondName": .text("Otieno"),
                    "prs_Birthdate": .text("2001-02-03"),
                ])
            let good = """
                prs_FirstName,prs_SecondName,prs_Birthdate,prs_Gender,prs_Citizenship,cas_IdentificationDate
                Amani,Otieno,2001-02-03,Feminine,Kenya,2025-01-01
                Baraka,Ochieng,1999-09-09,Masculine,Ouganda,2025-01-01
                """
            let bad = good + "\nChiku,Ali,1890-01-01,Robot,KEN,2025-01-01\n"
            func upload(_ user: String, _ csv: String) async throws -> XCTHTTPResponse {
                let cookie = try await world.webLogin(user)
                let token = AuthenticationTests.csrf(in: try await world.page("/cases", cookie: cookie).body.string)
                let boundary = "palermo-test-boundary"
                let body = """
                    --\(boundary)\r
                    Content-Disposition: form-data; name="_csrf"\r
                    \r
                    \(token)\r
                    --\(boundary)\r
                    Content-Disposition: form-data; name="file"; filename="cases.csv"\r
                    Content-Type: text/csv\r
                    \r
                    \(csv)\r
                    --\(boundary)--\r

                    """
                var captured: XCTHTTPResponse?
                try await world.app.send(
                    .POST, "/cases/import/preview",
                    before: { req in
                        req.headers.cookie = ["palermo-session": .init(string: cookie)]
                        req.headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
                        req.body = ByteBuffer(string: body)
                    }, after: { captured = $0 })
                return try XCTUnwrap(captured)
            }
            let before = try await world.caseCount()
            let caseworker = try await upload("a-worker", good)
            XCTAssertEqual(caseworker.status, .forbidden)
            let refused = try await upload("a-super", bad)
            XCTAssertEqual(refused.status, .unprocessableEntity)
            let problems = refused.body.string
            XCTAssertTrue(problems.contains("id=\"import-problems\""))
            XCTAssertTrue(problems.contains("<td>4</td><td>Birthdate</td>"), "row and field named")
            XCTAssertTrue(problems.contains("<td>4</td><td>Gender</td>"))
            XCTAssertFalse(problems.contains("confirm-import"), "no way to import a file with problems")
            let preview = try await upload("a-super", good)
            XCTAssertEqual(preview.status, .ok)
            let page = preview.body.string
            XCTAssertTrue(page.contains("2 rows: 2 new cases, 0 cases updated, 0 unchanged."), page)
            XCTAssertTrue(page.contains("href=\"/cases/\(existing)\""), "the duplicate links to the stored case")
            let unchanged = try await world.caseCount()
            XCTAssertEqual(unchanged, before, "a preview writes nothing")
            guard let range = page.range(of: "name=\"token\" value=\"") else { return XCTFail("no confirmation") }
            let token = String(page[range.upperBound...].prefix { $0 != "\"" }).replacingOccurrences(
                of: "&#43;", with: "+")
            let cookie = try await world.webLogin("a-super")
            // The token belongs to the supervisor's own upload: another session of hers still holds it.
            let confirmed = try await world.postForm(
                "/cases/import/confirm", cookie: cookie, [("token", token)], from: "/cases")
            XCTAssertEqual(confirmed.status, .seeOther, confirmed.body.string)
            XCTAssertEqual(confirmed.headers.first(name: .location), "/cases/import?created=2&updated=0&unchanged=0")
            let after = try await world.caseCount()
            XCTAssertEqual(after, before + 2)
            let again = try await world.postForm(
                "/cases/import/confirm", cookie: cookie, [("token", token)], from: "/cases")
            XCTAssertEqual(again.status, .unprocessableEntity, "a confirmation is used once")
            let still = try await world.caseCount()
            XCTAssertEqual(still, before + 2)
        }
    }
}
