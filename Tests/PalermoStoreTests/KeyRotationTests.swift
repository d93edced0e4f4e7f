import FluentKit
import Foundation
import PalermoCore
import PalermoStore
import XCTest

/// The store on its own, with no web server: an in-memory SQLite database through FluentKit.
final class KeyRotationTests: XCTestCase {
    func testRotationReSealsEveryCaseAndOldKeysStillOpenNothingNew() async throws {
        let memory = try await InMemoryStore()
        let database = memory.database
        let principal = memory.supervisor
        let oldKeys = KeyRing.generate()
        let before = memory.store(oldKeys)
        let rows = (1...25).map {
            ImportRow(row: $0, fields: CaseCoreFixture.with(["prs_FirstName": .text("Name\($0)")]))
        }
        _ = try await before.cases.importAll(rows, organisationCountry: "KEN", by: principal, source: "test")

        let newKeys = oldKeys.rotated()
        let after = memory.store(newKeys)
        let resealed = try await after.cases.resealAll(by: "test")
        XCTAssertEqual(resealed, 25)
        let sealed = try await CaseModel.query(on: database).all().map(\.sealed)
        XCTAssertTrue(sealed.allSatisfy { $0.hasPrefix("k2:") })
        let page = try await after.cases.list(CaseQuery(text: "name7"), by: principal)
        XCTAssertEqual(page.total, 1, "blind-index search survives rotation")
        let record = try await after.cases.read(page.items[0].id, by: principal)
        XCTAssertEqual(record.fields["prs_FirstName"], .text("Name7"))
        let second = try await after.cases.resealAll(by: "test")
        XCTAssertEqual(second, 0, "nothing left to re-seal")
        let intact = try await after.audit.verify()
        XCTAssertNil(intact)

        try await memory.shutdown()
    }
}
