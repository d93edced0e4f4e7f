import FluentKit
import Foundation
import PalermoCore
import PalermoStore
import Vapor
import XCTVapor
import XCTest

/// Bad input gets a clear 4xx naming the problem, and the store is left exactly as it was.
final class BadInputTests: XCTestCase {
    private func assertUnchanged(_ world: TestWorld, cases: Int, _ what: String) async throws {
        let now = try await world.caseCount()
        XCTAssertEqual(now, cases, "\(what) changed the store on \(world.label)")
    }

    func testMalformedJSON() async throws {
        try await TestWorld.each { world in
            let before = try await world.caseCount()
            let res = try await world.api(
                .POST, "/api/v1/cases", as: "a-worker", body: Data("{\"fields\": {\"prs_Gender\": ".utf8),
                contentType: "application/json")
            XCTAssertEqual(res.status, .badRequest)
            XCTAssertTrue(res.body.string.contains("malformed JSON"), res.body.string)
            let wrongShape = try await world.api(
                .POST, "/api/v1/cases", as: "a-worker", body: Data("{\"fields\": {\"prs_Gender\": 5}}".utf8),
                contentType: "application/json")
            XCTAssertEqual(wrongShape.status, .badRequest)
            XCTAssertTrue(wrongShape.body.string.contains("prs_Gender"), wrongShape.body.string)
            try await assertUnchanged(world, cases: before, "malformed JSON")
        }
    }

    func testUnknownPicklistValueAndCountryAreNamed() async throws {
        try await TestWorld.each { world in
            let before = try await world.caseCount()
            let res = try await world.api(
                .POST, "/api/v1/cases", as: "a-worker",
                json: CaseBody(fields: [
                    "vic_TypeOfExploitation": .list(["ForcedLabour", "Smuggling"]), "prs_Citizenship": .text("ZZZ"),
                    "prs_Gender": .text("Feminine"),
                ]))
            XCTAssertEqual(res.status, .unprocessableEntity)
            let body = res.body.string
            XCTAssertTrue(body.contains("vic_TypeOfExploitation") && body.contains("Smuggling"), body)
            XCTAssertTrue(body.contains("prs_Citizenship") && body.contains("ZZZ"), body)
            XCTAssertFalse(body.contains("prs_Gender"), "a valid field is not reported")
            let unknownField = try await world.api(
                .POST, "/api/v1/cases", as: "a-worker", json: CaseBody(fields: ["prs_ShoeSize": .text("42")]))
            XCTAssertEqual(unknownField.status, .unprocessableEntity)
            XCTAssertTrue(unknownField.body.string.contains("prs_ShoeSize"))
            let impossibleDate = try await world.api(
                .POST, "/api/v1/cases", as: "a-worker", json: CaseBody(fields: ["prs_Birthdate": .text("2001-02-30")]))
            XCTAssertEqual(impossibleDate.status, .unprocessableEntity)
            XCTAssertTrue(impossibleDate.body.string.contains("prs_Birthdate"))
            try await assertUnchanged(world, cases: before, "invalid fields")

            // The same on update: nothing changes.
            let id = try await world.createCase(as: "a-worker", ["prs_Gender": .text("Feminine")])
            let update = try await world.api(
                .PATCH, "/api/v1/cases/\(id)", as: "a-worker", json: CaseBody(fields: ["prs_Gender": .text("Robot")]))
            XCTAssertEqual(update.status, .unprocessableEntity)
            let record = try await world.api(.GET, "/api/v1/cases/\(id)", as: "a-worker").content.decode(
                CaseRecord.self)
            XCTAssertEqual(record.version, 1)
            XCTAssertEqual(record.fields["prs_Gender"], .text("Feminine"))
        }
    }

    func testA50MegabyteUploadIsRefused() async throws {
        try await TestWorld.each { world in
            let before = try await world.caseCount()
            var big = Data("prs_Gender\n".utf8)
            big.append(Data(repeating: UInt8(ascii: "x"), count: 50 * 1024 * 1024))
            let res = try await world.api(
                .POST, "/api/v1/cases/import?format=csv", as: "a-super", body: big, contentType: "text/csv")
            XCTAssertEqual(res.status, .payloadTooLarge)
            let json = try await world.api(
                .POST, "/api/v1/cases", as: "a-worker",
                body: Data(repeating: UInt8(ascii: " "), count: 2 * 1024 * 1024), contentType: "application/json")
            XCTAssertEqual(json.status, .payloadTooLarge)
            try await assertUnchanged(world, cases: before, "a 50 MB upload")
        }
    }

    func testACSVWithABrokenRowImportsNothingAndNamesTheRow() async throws {
        try await TestWorld.each { world in
            let before = try await world.caseCount()
            let csv = """
                prs_FirstName,prs_AgeGroup,cas_IdentificationDate,prs_Gender,prs_Citizenship,vic_TypeOfExploitation
                Achieng,Adult,2025-01-02,Feminine,KEN,SexualExploitation
                Baraka,Adult,2025-01-02,Masculine,KEN,ForcedLabour ForcedBegging
                Chiku,Adult,2025-01-02,Feminine,KENYAA,ForcedLabour
                Dalmas,Adult,2025-01-02,Spaceman,UGA,ForcedLabour
                Eshe,Adult,2025-01-02,Feminine,TZA,ForcedLabour,extra-cell
                """
            let res = try await world.api(
                .POST, "/api/v1/cases/import", as: "a-super", body: Data(csv.utf8), contentType: "text/csv")
            XCTAssertEqual(res.status, .unprocessableEntity, res.body.string)
            struct Problem: Decodable { let issues: [ValidationIssue] }
            let issues = try res.content.decode(Problem.self).issues
            XCTAssertEqual(
                issues.map(\.row), [6], "a row with more cells than the header is reported first, on its own: \(issues)"
            )
            let withoutExtra = csv.components(separatedBy: "\n").dropLast().joined(separator: "\n")
            let second = try await world.api(
                .POST, "/api/v1/cases/import", as: "a-super", body: Data(withoutExtra.utf8), contentType: "text/csv")
            XCTAssertEqual(second.status, .unprocessableEntity)
            let found = try second.content.decode(Problem.self).issues
            XCTAssertEqual(found.map(\.row), [4, 5])
            XCTAssertEqual(found.map(\.field), ["prs_Citizenship", "prs_Gender"])
            let quote = try await world.api(
                .POST, "/api/v1/cases/import", as: "a-super", body: Data("prs_FirstName\n\"Unclosed\n".utf8),
                contentType: "text/csv")
            XCTAssertEqual(quote.status, .unprocessableEntity)
            XCTAssertTrue(quote.body.string.contains("never closed"), quote.body.string)
            try await assertUnchanged(world, cases: before, "a broken CSV")
            // A caseworker may not bulk import at all.
            let clean = csv.components(separatedBy: "\n").prefix(3).joined(separator: "\n")
            let forbidden = try await world.api(
                .POST, "/api/v1/cases/import", as: "a-worker", body: Data(clean.utf8), contentType: "text/csv")
            XCTAssertEqual(forbidden.status, .forbidden)
            let ok = try await world.api(
                .POST, "/api/v1/cases/import", as: "a-super", body: Data(clean.utf8), contentType: "text/csv")
            XCTAssertEqual(ok.status, .created, ok.body.string)
            let after = try await world.caseCount()
            XCTAssertEqual(after, before + 2)
        }
    }

    func testATruncatedXLSXIsRefused() async throws {
        try await TestWorld.each { world in
            let template = try Data(contentsOf: SharedData.url("htcds/HTCDS Excel Spreadsheet v2.0.xlsx"))
            let res = try await world.api(
                .POST, "/api/v1/cases/import", as: "a-super", body: template.prefix(template.count / 2),
                contentType: "application/octet-stream")
            XCTAssertEqual(res.status, .unprocessableEntity, res.body.string)
            XCTAssertTrue(res.body.string.contains("XLSX"), res.body.string)
        }
    }
}
