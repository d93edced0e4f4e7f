import FluentKit
import Foundation
import PalermoCore
import PalermoStore
import SQLKit
import XCTVapor
import XCTest

/// Every access is recorded, and any change to the record of accesses is detected and located.
final class AuditTrailTests: XCTestCase {
    func testEveryAccessIsAudited() async throws {
        try await TestWorld.each { world in
            let id = try await world.createCase(as: "a-worker", ["prs_FirstName": .text("Auma")])
            try await world.api(.GET, "/api/v1/cases/\(id)", as: "a-worker")
            try await world.api(
                .PATCH, "/api/v1/cases/\(id)", as: "a-worker", json: CaseBody(fields: ["cas_Status": .text("FollowUp")])
            )
            try await world.api(.GET, "/api/v1/cases/export", as: "a-super")
            try await world.api(.GET, "/api/v1/cases/\(id)", as: "b-worker")
            let entries = try await world.app.palermo.store.audit.entries(forCase: id)
            XCTAssertEqual(entries.map(\.action), [.create, .read, .update, .export, .denied])
            XCTAssertEqual(entries[2].fields, ["cas_Status"])
            XCTAssertEqual(entries[0].actorName, "a-worker")
            XCTAssertEqual(entries[3].actorName, "a-super")
            XCTAssertTrue(entries[0].fields.contains("prs_FirstName"), "which fields, by name")
            let verified = try await world.app.palermo.store.audit.verify()
            XCTAssertNil(verified)
        }
    }

    func testAlteringOneRowIsDetectedAndNamed() async throws {
        try await TestWorld.each { world in
            let id = try await world.createCase(as: "a-worker", ["prs_FirstName": .text("Auma")])
            for _ in 0..<3 { try await world.api(.GET, "/api/v1/cases/\(id)", as: "a-worker") }
            let sql = world.app.palermo.store.database as! any SQLDatabase
            let target = try await world.app.palermo.store.audit.entries(forCase: id)[2].sequence
            try await sql.raw("UPDATE audit_log SET actor_name = 'someone-else' WHERE seq = \(bind: target)").run()
            let broken = try await world.app.palermo.store.audit.verify()
            XCTAssertEqual(broken?.sequence, target, world.label)
            XCTAssertTrue(broken?.reason.contains("altered") ?? false)

            // Through the API too, for a system admin.
            let res = try await world.api(.GET, "/api/v1/audit/verify", as: "root")
            XCTAssertTrue(res.body.string.contains("\"intact\":false"), res.body.string)
            XCTAssertTrue(res.body.string.contains("\"brokenAt\":\(target)"), res.body.string)
        }
    }

    func testDeletingARowIsDetectedAndNamed() async throws {
        try await TestWorld.each { world in
            let id = try await world.createCase(as: "a-worker", ["prs_FirstName": .text("Auma")])
            for _ in 0..<3 { try await world.api(.GET, "/api/v1/cases/\(id)", as: "a-worker") }
            let sequences = try await world.app.palermo.store.audit.entries(forCase: id).map(\.sequence)
            let sql = world.app.palermo.store.database as! any SQLDatabase
            try await sql.raw("DELETE FROM audit_log WHERE seq = \(bind: sequences[1])").run()
            let broken = try await world.app.palermo.store.audit.verify()
            XCTAssertEqual(broken?.sequence, sequences[1] + 1, "the entry after the gap is named")
            XCTAssertTrue(broken?.reason.contains("deleted") ?? false, broken?.reason ?? "")
            // Cutting the newest entry off the end is caught by the chain head.
            try await sql.raw("DELETE FROM audit_log WHERE seq >= \(bind: sequences[1])").run()
            let truncated = try await world.app.palermo.store.audit.verify()
            XCTAssertNotNil(truncated)
        }
    }

    func testConcurrentWritersKeepOneUnbrokenChain() async throws {
        try await TestWorld.each { world in
            let store = world.app.palermo.store
            let db = store.database
            let a = try await UserModel.query(on: db).filter(\.$username == "a-worker").first()!.principal!
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        _ = try await store.cases.create(
                            TestWorld.withCore(["prs_FirstName": .text("Case\(index)")]), organisationCountry: "KEN",
                            by: a)
                    }
                }
                try await group.waitForAll()
            }
            let verified = try await store.audit.verify()
            XCTAssertNil(verified, world.label)
            let count = try await world.caseCount()
            XCTAssertEqual(count, 40)
        }
    }
}
