import Fluent
import Foundation
import PalermoCore
import PalermoStore
import Vapor
import XCTVapor
import XCTest

/// Administration in the browser: an organisation admin's users and profile; a system admin's organisations
/// and system status, never a case.
final class AdminPagesTests: XCTestCase {
    func testAnOrganisationAdminManagesUsersAndTheMinimumCore() async throws {
        try await TestWorld.each { world in
            let made = try await world.api(
                .POST, "/api/v1/users", as: "root",
                json: NewUserBody(
                    username: "a-admin", displayName: "Agnes", role: "organisation_admin", password: TestWorld.password,
                    organisationId: world.organisations["A"]!))
            XCTAssertEqual(made.status, .created, made.body.string)
            let admin = try await world.webLogin("a-admin")
            let worker = try await world.webLogin("a-worker")
            let refused = try await world.page("/admin/users", cookie: worker)
            XCTAssertEqual(refused.status, .forbidden)
            let users = try await world.page("/admin/users", cookie: admin).body.string
            XCTAssertTrue(users.contains("id=\"user-a-worker\""))
            XCTAssertFalse(users.contains("b-worker"), "only the organisation's own users")

            // A new user, who then signs in.
            let weak = try await world.postForm(
                "/admin/users", cookie: admin,
                [("username", "njeri"), ("displayName", "Njeri"), ("role", "caseworker"), ("password", "short")],
                from: "/admin/users")
            XCTAssertEqual(weak.status, .unprocessableEntity)
            let analyst = try await world.postForm(
                "/admin/users", cookie: admin,
                [("username", "spy"), ("displayName", "Spy"), ("role", "analyst"), ("password", TestWorld.password)],
                from: "/admin/users")
            XCTAssertEqual(analyst.status, .forbidden, "an organisation admin makes staff only")
            let created = try await world.postForm(
                "/admin/users", cookie: admin,
                [
                    ("username", "njeri"), ("displayName", "Njeri"), ("role", "caseworker"),
                    ("password", TestWorld.password),
                ],
                from: "/admin/users")
            XCTAssertEqual(created.status, .seeOther, created.body.string)
            let signIn = try await world.webSignIn("njeri")
            XCTAssertEqual(signIn.headers.first(name: .location), "/")

            // Role, disable, unlock, password, tokens: each through its form.
            let id = try await UserModel.query(on: world.app.palermo.store.database).filter(\.$username == "njeri")
                .first()!.id!
            for (action, extra) in [
                ("role", [("role", "supervisor")]), ("disable", []), ("enable", []), ("unlock", []), ("revoke", []),
                ("reset", [("password", "a fresh long passphrase")]),
            ] as [(String, [(String, String)])] {
                let res = try await world.postForm(
                    "/admin/users/\(id)", cookie: admin, [("action", action)] + extra, from: "/admin/users")
                XCTAssertEqual(res.status, .seeOther, "\(action): \(res.body.string.prefix(500))")
            }
            let user = try await UserModel.find(id, on: world.app.palermo.store.database)!
            XCTAssertEqual(user.role, "supervisor")
            XCTAssertNil(user.disabledAt)
            try await world.app.send(
                .POST, "/api/v1/auth/token",
                before: { req in try req.content.encode(["username": "njeri", "password": TestWorld.password]) },
                after: { res in XCTAssertEqual(res.status, .unauthorized, "the old password no longer works") })
            let fresh = try await world.token("njeri", password: "a fresh long passphrase")
            XCTAssertFalse(fresh.isEmpty)
            let foreign = try await UserModel.query(on: world.app.palermo.store.database).filter(
                \.$username == "b-worker"
            ).first()!.id!
            let across = try await world.postForm(
                "/admin/users/\(foreign)", cookie: admin, [("action", "disable")], from: "/admin/users")
            XCTAssertEqual(across.status, .notFound)

            // The minimum core is the organisation's own: without citizenship, its cases save.
            let strict = try await world.api(
                .POST, "/api/v1/cases", as: "a-worker",
                json: CaseBody(fields: TestWorld.core.filter { $0.key != "prs_Citizenship" }))
            XCTAssertEqual(strict.status, .unprocessableEntity)
            let saved = try await world.postForm(
                "/admin/organisation", cookie: admin,
                [
                    ("name", "Safe Harbour"), ("kind", "shelter"), ("core", "gender"), ("core", "age"),
                    ("core", "identificationDate"),
                ],
                from: "/admin/organisation")
            XCTAssertEqual(saved.status, .seeOther, saved.body.string)
            let relaxed = try await world.api(
                .POST, "/api/v1/cases", as: "a-worker",
                json: CaseBody(fields: TestWorld.core.filter { $0.key != "prs_Citizenship" }))
            XCTAssertEqual(relaxed.status, .created, relaxed.body.string)
            let otherOrg = try await world.api(
                .POST, "/api/v1/cases", as: "b-worker",
                json: CaseBody(fields: TestWorld.core.filter { $0.key != "prs_Citizenship" }))
            XCTAssertEqual(otherOrg.status, .unprocessableEntity, "another organisation keeps the standard core")
        }
    }

    func testASystemAdminManagesOrganisationsAndSeesTheSystemNeverACase() async throws {
        try await TestWorld.each { world in
            _ = try await world.createCase(as: "a-worker", ["prs_FirstName": .text("Amani")])
            let root = try await world.webLogin("root")
            let status = try await world.page("/admin/status", cookie: root).body.string
            XCTAssertTrue(status.contains("never checked yet"))
            let verify = try await world.postForm("/admin/status/verify", cookie: root, [], from: "/admin/status")
            XCTAssertEqual(verify.status, .seeOther)
            let checked = try await world.page("/admin/status", cookie: root).body.string
            XCTAssertTrue(checked.contains("intact when last checked"), checked)
            XCTAssertTrue(checked.contains("SQLite") || checked.contains("PostgreSQL"))
            let created = try await world.postForm(
                "/admin/organisations", cookie: root,
                [("name", "Coast Shelter"), ("kind", "shelter"), ("country", "TZA")],
                from: "/admin/organisations")
            XCTAssertEqual(created.status, .seeOther, created.body.string)
            let list = try await world.page("/admin/organisations", cookie: root).body.string
            XCTAssertTrue(list.contains("Coast Shelter") && list.contains("Tanzania"))
            for path in ["/cases", "/cases/new"] {
                let page = try await world.page(path, cookie: root)
                XCTAssertEqual(page.status, .forbidden, path)
            }
            let home = try await world.page("/", cookie: root).body.string
            XCTAssertFalse(home.contains("Amani"))
            let worker = try await world.webLogin("a-super")
            let forbidden = try await world.page("/admin/status", cookie: worker)
            XCTAssertEqual(forbidden.status, .forbidden)
        }
    }
}

struct NewUserBody: Encodable {
    let username: String
    let displayName: String
    let role: String
    let password: String
    let organisationId: UUID
}
