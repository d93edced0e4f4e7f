import FluentKit
import Foundation
import PalermoCore
import PalermoServer
import PalermoStore
import SQLKit
import Vapor
import XCTVapor
import XCTest

/// A new role or a disabled account ends the user's API tokens and sessions at once; who may change whom.
final class UserChangeTests: XCTestCase {
    private struct Change: Encodable { var role: String?; var disabled: Bool? }

    func testARoleChangeEndsTokensAndSessions() async throws {
        try await TestWorld.each { world in
            let cookie = try await world.webLogin("a-worker")
            let status1 = try await world.page("/cases", cookie: cookie).status
            XCTAssertEqual(status1, .ok)
            let status2 = try await world.api(.GET, "/api/v1/me", as: "a-worker").status
            XCTAssertEqual(status2, .ok)
            let id = try await world.userID("a-worker")
            let changed = try await world.api(
                .PATCH, "/api/v1/users/\(id)", as: "root", json: Change(role: "supervisor"))
            XCTAssertEqual(changed.status, .ok, changed.body.string)
            XCTAssertTrue(changed.body.string.contains("\"role\":\"supervisor\""), changed.body.string)
            let status3 = try await world.api(.GET, "/api/v1/me", as: "a-worker").status
            XCTAssertEqual(status3, .unauthorized)
            let status4 = try await world.page("/cases", cookie: cookie).status
            XCTAssertEqual(status4, .seeOther, "the session has ended")
            let rows = try await world.sessionRows()
            XCTAssertEqual(rows, 0)
            // Signing in again gives the new role.
            var again = world
            again.tokens["a-worker"] = try await world.token("a-worker")
            let me = try await again.api(.GET, "/api/v1/me", as: "a-worker")
            XCTAssertTrue(me.body.string.contains("supervisor"), me.body.string)
            let trail = try await world.app.palermo.store.sql.select().column("detail").from("audit_log")
                .where("detail", .like, "%role caseworker → supervisor%").all()
            XCTAssertEqual(trail.count, 1, "the change is audited")
        }
    }

    func testADisabledUserIsRefusedLikeAWrongPasswordUntilEnabled() async throws {
        try await TestWorld.each { world in
            let cookie = try await world.webLogin("b-worker")
            let id = try await world.userID("b-worker")
            let disabled = try await world.api(.PATCH, "/api/v1/users/\(id)", as: "root", json: Change(disabled: true))
            XCTAssertEqual(disabled.status, .ok, disabled.body.string)
            XCTAssertTrue(disabled.body.string.contains("\"disabled\":true"), disabled.body.string)
            let status6 = try await world.api(.GET, "/api/v1/me", as: "b-worker").status
            XCTAssertEqual(status6, .unauthorized)
            let status7 = try await world.page("/cases", cookie: cookie).status
            XCTAssertEqual(status7, .seeOther)
            var refusal = "", wrong = ""
            try await world.app.send(
                .POST, "/api/v1/auth/token",
                before: { req in
                    try req.content.encode(["username": "b-worker", "password": TestWorld.password])
                },
                after: { res in
                    XCTAssertEqual(res.status, .unauthorized); refusal = res.body.string
                })
            try await world.app.send(
                .POST, "/api/v1/auth/token",
                before: { req in
                    try req.content.encode(["username": "b-super", "password": "not the password at all"])
                },
                after: { res in
                    XCTAssertEqual(res.status, .unauthorized); wrong = res.body.string
                })
            XCTAssertEqual(refusal, wrong, "a disabled account answers like a wrong password")
            let enabled = try await world.api(.PATCH, "/api/v1/users/\(id)", as: "root", json: Change(disabled: false))
            XCTAssertEqual(enabled.status, .ok, enabled.body.string)
            _ = try await world.token("b-worker")
        }
    }

    func testWhoMayChangeWhom() async throws {
        try await TestWorld.each { world in
            _ = try await UserAccounts.create(
                username: "a-admin", displayName: "A admin", role: "organisation_admin",
                password: TestWorld.password, organisationID: world.organisations["A"]!,
                allowSystemAdmin: false, app: world.app)
            var world = world
            world.tokens["a-admin"] = try await world.token("a-admin")
            let bWorker = try await world.userID("b-worker"), aSuper = try await world.userID("a-super")
            let analyst = try await world.userID("analyst"), admin = try await world.userID("a-admin")
            // A caseworker is refused before the body is read.
            let caseworker = try await world.api(
                .PATCH, "/api/v1/users/\(aSuper)", as: "a-worker", body: Data("{".utf8),
                contentType: "application/json")
            XCTAssertEqual(caseworker.status, .forbidden)
            // Another organisation's user is as invisible as a missing one.
            let other = try await world.api(
                .PATCH, "/api/v1/users/\(bWorker)", as: "a-admin", json: Change(disabled: true))
            XCTAssertEqual(other.status, .notFound)
            let missing = try await world.api(
                .PATCH, "/api/v1/users/\(UUID())", as: "a-admin", json: Change(disabled: true))
            XCTAssertEqual(missing.body.string, other.body.string)
            let analystChange = try await world.api(
                .PATCH, "/api/v1/users/\(analyst)", as: "a-admin", json: Change(disabled: true))
            XCTAssertEqual(analystChange.status, .notFound)
            // Staff roles only, and never one's own.
            let promote = try await world.api(
                .PATCH, "/api/v1/users/\(aSuper)", as: "a-admin", json: Change(role: "analyst"))
            XCTAssertEqual(promote.status, .unprocessableEntity, promote.body.string)
            XCTAssertTrue(promote.body.string.contains("\"field\":\"role\""), promote.body.string)
            let selfDisable = try await world.api(
                .PATCH, "/api/v1/users/\(admin)", as: "a-admin", json: Change(disabled: true))
            XCTAssertEqual(selfDisable.status, .unprocessableEntity, selfDisable.body.string)
            let coordinator = try await world.api(
                .PATCH, "/api/v1/users/\(aSuper)", as: "root",
                json: Change(role: "national_coordinator"))
            XCTAssertTrue(coordinator.body.string.contains("government agency"), coordinator.body.string)
            let unknown = try await world.api(.PATCH, "/api/v1/users/\(aSuper)", as: "root", json: Change(role: "king"))
            XCTAssertEqual(unknown.status, .unprocessableEntity)
            let users = try await UserModel.query(on: world.app.palermo.store.database).all()
            XCTAssertEqual(Set(users.map(\.role)).contains("analyst"), true)
            XCTAssertEqual(users.first { $0.username == "a-super" }?.role, "supervisor", "nothing was written")
            XCTAssertTrue(users.allSatisfy { $0.disabledAt == nil })
            let staff = try await world.api(
                .PATCH, "/api/v1/users/\(aSuper)", as: "a-admin", json: Change(role: "caseworker"))
            XCTAssertEqual(staff.status, .ok, staff.body.string)
        }
    }
}

extension TestWorld {
    func userID(_ username: String) async throws -> UUID {
        try await UserModel.query(on: app.palermo.store.database).filter(\.$username == username).first()!.requireID()
    }

    func sessionRows() async throws -> Int {
        struct Row: Decodable { let n: Int }
        return try await app.palermo.store.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from("signin_sessions").first(decoding: Row.self)?.n ?? -1
    }
}
