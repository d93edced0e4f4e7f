import Foundation
import PalermoCore
import PalermoStore
import Vapor
import XCTVapor
import XCTest

/// Two cases about one person become one: every field as chosen, both histories, notes and tasks kept.
final class MergeTests: XCTestCase {
    func testAMergeKeepsEveryFieldChosenAndBothHistories() async throws {
        try await TestWorld.each { world in
            let kept = try await world.createCase(
                as: "a-worker",
                [
                    "prs_FirstName": .text("Amani"), "prs_SecondName": .text("Otieno"),
                    "prs_Birthdate": .text("2001-02-03"),
                    "prs_MobilePhone": .text("+254 712 000001"), "vic_TypeOfExploitation": .list(["ForcedLabour"]),
                ])
            let other = try await world.createCase(
                as: "a-super",
                [
                    "prs_FirstName": .text("Amani"), "prs_SecondName": .text("Otieno"),
                    "prs_Birthdate": .text("2001-02-03"),
                    "prs_MobilePhone": .text("+254 799 000002"), "prs_Email": .text("amani@example.org"),
                    "vic_TypeOfExploitation": .list(["SexualExploitation"]), "prs_Citizenship": .text("UGA"),
                ])
            _ = try await world.api(
                .POST, "/api/v1/cases/\(other)/notes", as: "a-super", json: ["text": "First met at the border."])
            let otherHistory = try await world.app.palermo.store.audit.entries(forCase: other).map(\.sequence)

            let refused = try await world.api(
                .POST, "/api/v1/cases/\(kept)/merge", as: "a-worker", json: ["other": other.uuidString])
            XCTAssertEqual(refused.status, .forbidden, "a caseworker does not merge")
            let foreign = try await world.createCase(as: "b-worker", [:])
            let across = try await world.api(
                .POST, "/api/v1/cases/\(kept)/merge", as: "a-super", json: ["other": foreign.uuidString])
            XCTAssertEqual(across.status, .notFound, "never across organisations")

            // In the browser: the fields that differ, side by side; take the other's phone, email and citizenship.
            let cookie = try await world.webLogin("a-super")
            let compare = try await world.page("/cases/\(kept)/merge?with=\(other)", cookie: cookie)
            XCTAssertEqual(compare.status, .ok)
            XCTAssertTrue(compare.body.string.contains("name=\"choice.prs_MobilePhone\""))
            XCTAssertFalse(
                compare.body.string.contains("name=\"choice.prs_FirstName\""), "equal fields are not asked about")
            let merged = try await world.postForm(
                "/cases/\(kept)/merge", cookie: cookie,
                [
                    ("other", other.uuidString), ("choice.prs_MobilePhone", "take"), ("choice.prs_Email", "take"),
                    ("choice.prs_Citizenship", "take"), ("choice.vic_TypeOfExploitation", "keep"),
                ], from: "/cases/\(kept)/merge?with=\(other)")
            XCTAssertEqual(merged.status, .seeOther, merged.body.string)

            let record = try await world.api(.GET, "/api/v1/cases/\(kept)", as: "a-worker").content.decode(
                CaseRecord.self)
            XCTAssertEqual(record.fields["prs_MobilePhone"], .text("+254 799 000002"))
            XCTAssertEqual(record.fields["prs_Email"], .text("amani@example.org"))
            XCTAssertEqual(record.fields["prs_Citizenship"], .text("UGA"))
            XCTAssertEqual(record.fields["vic_TypeOfExploitation"], .list(["ForcedLabour"]), "kept as chosen")
            XCTAssertEqual(record.fields["prs_Gender"], .text("Feminine"))
            let gone = try await world.api(.GET, "/api/v1/cases/\(other)", as: "a-super")
            XCTAssertEqual(gone.status, .notFound, "the merged case is gone from lists and statistics")
            let notes = try await world.api(.GET, "/api/v1/cases/\(kept)/notes", as: "a-worker").content.decode(
                [CaseNote].self)
            XCTAssertEqual(notes.map(\.text), ["First met at the border."], "its notes came along")
            struct Entry: Decodable { let sequence: Int; let action: String }
            let history = try await world.api(.GET, "/api/v1/cases/\(kept)/history", as: "a-worker").content.decode(
                [Entry].self)
            let sequences = Set(history.map(\.sequence))
            XCTAssertTrue(Set(otherHistory).isSubset(of: sequences), "the other case's history is kept and shown")
            XCTAssertEqual(history.filter { $0.action == "merge" }.count, 2)
            XCTAssertEqual(history.map(\.sequence), history.map(\.sequence).sorted())
            let count = try await world.api(.GET, "/api/v1/cases?q=Amani", as: "a-super").content.decode(CasePage.self)
            XCTAssertEqual(count.total, 1)
        }
    }
}
