import Foundation
import PalermoCore
import PalermoStore
import Vapor
import XCTVapor
import XCTest

/// A user of organisation B must learn nothing of organisation A's cases, through any route.
final class TenantIsolationTests: XCTestCase {
    func testEveryCaseRouteAnswers404ToAnotherOrganisation() async throws {
        try await TestWorld.each { world in
            let id = try await world.createCase(
                as: "a-worker", ["prs_FirstName": .text("Wairimu"), "cas_Status": .text("Active")])
            let code = try await world.api(.GET, "/api/v1/cases/\(id)", as: "a-worker").content.decode(CaseRecord.self)
                .caseCode

            for (method, path) in [
                (HTTPMethod.GET, "/api/v1/cases/\(id)"), (.PATCH, "/api/v1/cases/\(id)"),
                (.GET, "/api/v1/cases/\(id)/history"),
            ] {
                let res = try await world.api(
                    method, path, as: "b-worker",
                    json: method == .PATCH ? CaseBody(fields: ["cas_Status": .text("Closed")]) : nil)
                XCTAssertEqual(res.status, .notFound, "\(method) \(path) on \(world.label)")
                XCTAssertFalse(res.body.string.contains("Wairimu"))
            }
            // Not in B's list, not findable by code or name, not in B's export.
            let list = try await world.api(.GET, "/api/v1/cases", as: "b-worker").content.decode(CasePage.self)
            XCTAssertEqual(list.total, 0)
            let byCode = try await world.api(.GET, "/api/v1/cases?q=\(code)", as: "b-worker").content.decode(
                CasePage.self)
            XCTAssertEqual(byCode.total, 0)
            let byName = try await world.api(.GET, "/api/v1/cases?q=Wairimu", as: "b-worker").content.decode(
                CasePage.self)
            XCTAssertEqual(byName.total, 0)
            let export = try await world.api(.GET, "/api/v1/cases/export?format=csv", as: "b-super")
            XCTAssertEqual(export.status, .ok)
            XCTAssertFalse(export.body.string.contains("Wairimu"))

            // The refused update changed nothing, and each refusal was audited.
            let record = try await world.api(.GET, "/api/v1/cases/\(id)", as: "a-worker").content.decode(
                CaseRecord.self)
            XCTAssertEqual(record.fields["cas_Status"], .text("Active"))
            XCTAssertEqual(record.version, 1)
            let denied = try await world.app.palermo.store.audit.entries(forCase: id).filter { $0.action == .denied }
            XCTAssertEqual(denied.count, 3, world.label)
            XCTAssertTrue(denied.allSatisfy { $0.actorName == "b-worker" })

            // The owner still finds it by code and by name (blind index), in any letter case.
            let own = try await world.api(.GET, "/api/v1/cases?q=wairimu", as: "a-worker").content.decode(CasePage.self)
            XCTAssertEqual(own.items.map(\.id), [id])
            let shouted = try await world.api(.GET, "/api/v1/cases?q=WAIRIMU", as: "a-worker").content.decode(
                CasePage.self)
            XCTAssertEqual(shouted.items.map(\.id), [id])
            let partCode = try await world.api(.GET, "/api/v1/cases?q=\(code.suffix(6))", as: "a-worker").content
                .decode(CasePage.self)
            XCTAssertEqual(partCode.items.map(\.id), [id])
        }
    }

    func testAMalformedCaseIdIs404NotAnError() async throws {
        try await TestWorld.each { world in
            let res = try await world.api(.GET, "/api/v1/cases/not-a-uuid", as: "a-worker")
            XCTAssertEqual(res.status, .notFound)
        }
    }
}
