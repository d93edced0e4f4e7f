import FluentKit
import Foundation
import PalermoCore
import PalermoServer
import PalermoStore
import SQLKit
import XCTVapor
import XCTest

/// Names, contact details and birth dates never reach the database in the clear.
final class EncryptionAtRestTests: XCTestCase {
    func testTheDatabaseHoldsNoPlaintextName() async throws {
        try await TestWorld.each { world in
            let secrets = [
                "Qwertzuiop", "Asdfghjklo", "qwertz@example.org", "1987-06-05", "Mzizima Road 12",
                "sold by her uncle Barasa", "moved to Zuhura's flat", "shelter of Wanjiku",
            ]
            _ = try await world.createCase(
                as: "a-worker",
                [
                    "prs_FirstName": .text(secrets[0]), "prs_SecondName": .text(secrets[1]),
                    "prs_Email": .text(secrets[2]),
                    "prs_Birthdate": .text(secrets[3]), "prs_MailingStreet": .text(secrets[4]),
                    "prs_Gender": .text("Masculine"),
                    "cas_ReasonForIncomingReferral": .text(secrets[5]), "cas_ReasonForCaseClosure": .text(secrets[6]),
                    "cas_ReferredOrganisation": .text(secrets[7]),
                ])
            switch world.database {
            case .sqliteFile(let path):
                try await world.app.asyncShutdown()  // flush and close, then read every byte of the file and its WAL
                var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
                if let wal = try? Data(contentsOf: URL(fileURLWithPath: path + "-wal")) { bytes.append(wal) }
                XCTAssertGreaterThan(bytes.count, 0)
                for secret in secrets {
                    XCTAssertNil(bytes.range(of: Data(secret.utf8)), "\(secret) is in the SQLite file in the clear")
                }
                XCTAssertNotNil(bytes.range(of: Data("Masculine".utf8)), "the test must be able to see plain facets")
                world = try await TestWorld.make(.sqliteMemory)  // something for `each` to shut down
            default:
                let sql = world.app.palermo.store.database as! any SQLDatabase
                struct Row: Decodable { let dump: String }
                let rows = try await sql.raw("SELECT row_to_json(c)::text AS dump FROM cases c").all(decoding: Row.self)
                let dump = rows.map(\.dump).joined()
                for secret in secrets {
                    XCTAssertFalse(dump.contains(secret), "\(secret) is in PostgreSQL in the clear")
                }
                XCTAssertTrue(dump.contains("Masculine"))
            }
        }
    }

    func testASealCopiedToAnotherCaseDoesNotOpen() async throws {
        try await TestWorld.each { world in
            let first = try await world.createCase(as: "a-worker", ["prs_FirstName": .text("One")])
            let second = try await world.createCase(as: "a-worker", ["prs_FirstName": .text("Two")])
            let db = world.app.palermo.store.database
            let source = try await CaseModel.find(first, on: db)!
            let target = try await CaseModel.find(second, on: db)!
            target.sealed = source.sealed
            try await target.update(on: db)
            let res = try await world.api(.GET, "/api/v1/cases/\(second)", as: "a-worker")
            XCTAssertEqual(res.status, .internalServerError)
            XCTAssertFalse(res.body.string.contains("One"))
        }
    }

    /// Free text that an earlier release stored in the clear is moved into the sealed box on start, and reads back.
    func testFreeTextStoredInTheClearIsSealedOnStart() async throws {
        try await TestWorld.each { world in
            let id = try await world.createCase(as: "a-worker", ["prs_Gender": .text("Feminine")])
            let db = world.app.palermo.store.database
            let found = try await CaseModel.find(id, on: db)
            let model = try XCTUnwrap(found)
            model.record = #"{"cas_ReasonForCaseClosure":"left with cousin Otieno","prs_Gender":"Feminine"}"#
            try await model.update(on: db)
            // A store from that release has not recorded the sealing: the next start does it, once.
            let sql = try XCTUnwrap(db as? any SQLDatabase)
            try await sql.delete(from: "_fluent_migrations").where("name", .equal, SealFreeTextOnce().name).run()
            try await migrate(world.app)
            let after = try await CaseModel.find(id, on: db)
            let stored = try XCTUnwrap(after)
            XCTAssertFalse(stored.record.contains("Otieno"), stored.record)
            let record = try await world.api(.GET, "/api/v1/cases/\(id)", as: "a-worker").content.decode(
                CaseRecord.self)
            XCTAssertEqual(record.fields["cas_ReasonForCaseClosure"], .text("left with cousin Otieno"))
            XCTAssertEqual(record.fields["prs_Gender"], .text("Feminine"))
            let verified = try await world.app.palermo.store.audit.verify()
            XCTAssertNil(verified)
        }
    }
}
