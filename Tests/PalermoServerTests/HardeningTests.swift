import FluentKit
import Foundation
import PalermoCore
import PalermoIO
import PalermoServer
import PalermoStore
import Vapor
import XCTVapor
import XCTest

/// Each reproduction of the hardening review: requests that brought the server down or got past a check.
final class HardeningTests: XCTestCase {
    private static let intMin = "-9223372036854775808"
    private static let intMax = "9223372036854775807"

    func testNumbersAtTheEdgeOfIntAreRefusedNamingTheParameter() async throws {
        try await TestWorld.each { world in
            // Anonymous: the role is checked before the query is read.
            let anonymous = try await world.api(
                .GET, "/api/v1/statistics/patterns-and-flows?from=\(Self.intMin)", as: nil)
            XCTAssertEqual(anonymous.status, .unauthorized)
            let caseworker = try await world.api(
                .GET, "/api/v1/statistics/patterns-and-flows?from=\(Self.intMin)", as: "a-worker")
            XCTAssertEqual(caseworker.status, .forbidden)
            for path in [
                "/api/v1/statistics/patterns-and-flows?from=\(Self.intMin)",
                "/api/v1/statistics/patterns-and-flows/regions.csv?from=\(Self.intMin)",
                "/api/v1/statistics/patterns-and-flows?to=\(Self.intMax)",
                "/api/v1/statistics/national?year=\(Self.intMin)",
            ] {
                let res = try await world.api(.GET, path, as: "analyst")
                XCTAssertEqual(res.status, .unprocessableEntity, path)
                let name = path.contains("year=") ? "year" : path.contains("to=") ? "to" : "from"
                XCTAssertTrue(res.body.string.contains("\"field\":\"\(name)\""), "\(path): \(res.body.string)")
            }
            for path in [
                "/api/v1/cases?page=\(Self.intMax)", "/api/v1/cases?perPage=\(Self.intMax)", "/api/v1/cases?page=-1",
                "/api/v1/cases?page=two",
            ] {
                let res = try await world.api(.GET, path, as: "a-worker")
                XCTAssertEqual(res.status, .unprocessableEntity, path)
                let name = path.contains("perPage") ? "perPage" : "page"
                XCTAssertTrue(res.body.string.contains("\"field\":\"\(name)\""), res.body.string)
            }
            let estimate = try await world.api(
                .GET, "/api/v1/stats/estimate?country=KEN&from=\(Self.intMin)", as: "analyst")
            XCTAssertEqual(estimate.status, .unprocessableEntity)
            XCTAssertTrue(estimate.body.string.contains("\"field\":\"from\""), estimate.body.string)
            // The pages too.
            let cookie = try await world.webLogin("a-worker")
            let page = try await world.page("/cases?page=\(Self.intMax)", cookie: cookie)
            XCTAssertEqual(page.status, .unprocessableEntity)
            let analyst = try await world.webLogin("analyst")
            let patterns = try await world.page("/stats/patterns?from=\(Self.intMin)", cookie: analyst)
            XCTAssertEqual(patterns.status, .ok, "the page shows the problem in place")
            XCTAssertTrue(patterns.body.string.contains("from"))
        }
    }

    func testFormBodiesAreDecodedByVaporsFormDecoder() async throws {
        try await TestWorld.each { world in
            let cookie = try await world.webLogin("a-worker")
            let token = AuthenticationTests.csrf(in: try await world.page("/cases/new", cookie: cookie).body.string)
            let before = try await world.caseCount()
            // A JSON body with a valid token in the header: refused as the wrong media type, nothing written.
            try await world.app.send(
                .POST, "/cases",
                before: { req in
                    req.headers.cookie = ["palermo-session": .init(string: cookie)]
                    req.headers.replaceOrAdd(name: "X-CSRF-Token", value: token)
                    req.headers.contentType = .json
                    req.body = ByteBuffer(string: #"{"prs_FirstName": "Ann"}"#)
                }, after: { res in XCTAssertEqual(res.status, .unsupportedMediaType, res.body.string) })
            let afterJSON = try await world.caseCount()
            XCTAssertEqual(afterJSON, before)
            // A quote that is not percent-encoded: read as the text it is.
            let encoded = token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            try await world.app.send(
                .POST, "/cases",
                before: { req in
                    req.headers.cookie = ["palermo-session": .init(string: cookie)]
                    req.headers.contentType = .urlEncodedForm
                    req.body = ByteBuffer(
                        string: "_csrf=\(encoded)&prs_FirstName=Ann\"Smith&prs_SecondName=a,b|c&" + TestWorld.coreForm)
                }, after: { res in XCTAssertEqual(res.status, .seeOther, res.body.string) })
            let rows = try await CaseModel.query(on: world.app.palermo.store.database).all()
            XCTAssertEqual(rows.count, before + 1)
            let newest = try await world.api(.GET, "/api/v1/cases?perPage=1", as: "a-worker").content.decode(
                CasePage.self)
            let record = try await world.api(.GET, "/api/v1/cases/\(newest.items[0].id)", as: "a-worker").content
                .decode(CaseRecord.self)
            XCTAssertEqual(record.fields["prs_FirstName"], .text("Ann\"Smith"))
            XCTAssertEqual(record.fields["prs_SecondName"], .text("a,b|c"), "no separator splits free text")
        }
    }

    func testImportsCheckTheRoleFirstAndRefuseFilesWithoutRows() async throws {
        try await TestWorld.each { world in
            let garbage = Data(repeating: 0x41, count: 2 * 1024 * 1024)
            for user in ["a-worker", "analyst"] {
                let res = try await world.api(
                    .POST, "/api/v1/cases/import", as: user, body: garbage, contentType: "text/csv")
                XCTAssertEqual(res.status, .forbidden, "\(user): \(res.body.string)")
            }
            let headerOnly = try await world.api(
                .POST, "/api/v1/cases/import", as: "a-super",
                body: Data("prs_FirstName,prs_Gender\n".utf8), contentType: "text/csv")
            XCTAssertEqual(headerOnly.status, .unprocessableEntity)
            XCTAssertTrue(headerOnly.body.string.contains("no data rows"), headerOnly.body.string)
            let unknownFormat = try await world.api(
                .POST, "/api/v1/cases/import?format=pdf", as: "a-super",
                body: Data("x".utf8), contentType: "text/csv")
            XCTAssertEqual(unknownFormat.status, .unprocessableEntity)
            XCTAssertTrue(unknownFormat.body.string.contains("format"))
            let count = try await world.caseCount()
            XCTAssertEqual(count, 0)
        }
    }

    func testParallelWrongPasswordsAllCountAndLock() async throws {
        try await TestWorld.each { world in
            let app = world.app
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for attempt in 0..<41 {
                    group.addTask {
                        var status = HTTPStatus.ok
                        let password = attempt == 20 ? TestWorld.password : "wrong password \(attempt)"
                        try await app.send(
                            .POST, "/api/v1/auth/token",
                            before: { req in
                                try req.content.encode(["username": "b-worker", "password": password])
                            }, after: { res in status = res.status })
                        return status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            XCTAssertFalse(statuses.contains { $0.code >= 500 && $0 != .serviceUnavailable }, "\(statuses)")
            XCTAssertTrue(
                statuses.allSatisfy { [.ok, .unauthorized, .serviceUnavailable].contains($0) }, "\(statuses)")
            let user = try await UserModel.query(on: app.palermo.store.database).filter(\.$username == "b-worker")
                .first()
            let lockedUntil = try XCTUnwrap(user?.lockedUntil, "41 parallel guesses lock the account")
            XCTAssertGreaterThan(lockedUntil, Date())
        }
    }

    func testUnknownUserWrongPasswordAndLockedAccountAnswerAlike() async throws {
        try await TestWorld.each { world in
            func attempt(_ username: String, _ password: String) async throws -> (HTTPStatus, String) {
                var result: (HTTPStatus, String) = (.ok, "")
                try await world.app.send(
                    .POST, "/api/v1/auth/token",
                    before: { req in
                        try req.content.encode(["username": username, "password": password])
                    }, after: { res in result = (res.status, res.body.string) })
                return result
            }
            let unknown = try await attempt("nobody", "whatever password")
            let wrong = try await attempt("a-worker", "whatever password")
            for n in 0..<5 { _ = try await attempt("b-worker", "wrong \(n)") }
            let locked = try await attempt("b-worker", TestWorld.password)
            XCTAssertEqual(unknown.0, .unauthorized)
            XCTAssertEqual(unknown.0, wrong.0)
            XCTAssertEqual(wrong.0, locked.0)
            XCTAssertEqual(unknown.1, wrong.1)
            XCTAssertEqual(wrong.1, locked.1)
            XCTAssertFalse(locked.1.contains("20"), "the lock's end is not disclosed")
        }
    }

    func testPasswordPolicy() async throws {
        try await TestWorld.each { world in
            struct NewUser: Encodable {
                let username: String, displayName: String, role: String, password: String
            }
            func create(_ username: String, _ password: String) async throws -> XCTHTTPResponse {
                try await world.api(
                    .POST, "/api/v1/users", as: "root",
                    json: NewUser(username: username, displayName: username, role: "caseworker", password: password))
            }
            for (password, why) in [
                ("short pass", "at least 12"), ("password1234", "common"), ("Qwerty123456!", "common"),
                ("zawadi-is-my-name", "username"), ("123456789012", "common"),
            ] {
                let res = try await create("zawadi", password)
                XCTAssertEqual(res.status, .unprocessableEntity, password)
                XCTAssertTrue(
                    res.body.string.contains("password") && res.body.string.contains(why),
                    "\(password): \(res.body.string)")
            }
            // Past bcrypt's 72 bytes every byte still counts.
            let long = String(repeating: "river-stone-", count: 8) + "end"
            let created = try await create("zawadi", long)
            XCTAssertEqual(created.status, .created, created.body.string)
            let right = try await world.token("zawadi", password: long)
            XCTAssertFalse(right.isEmpty)
            try await world.app.send(
                .POST, "/api/v1/auth/token",
                before: { req in
                    try req.content.encode([
                        "username": "zawadi", "password": String(long.prefix(72)) + "different tail",
                    ])
                },
                after: { res in
                    XCTAssertEqual(res.status, .unauthorized, "a different tail past byte 72 is a different password")
                })
        }
    }

    func testTokensCanBeRevoked() async throws {
        try await TestWorld.each { world in
            let me = try await world.api(.GET, "/api/v1/me", as: "a-worker")
            XCTAssertEqual(me.status, .ok)
            let revoked = try await world.api(.DELETE, "/api/v1/auth/token", as: "a-worker")
            XCTAssertEqual(revoked.status, .noContent)
            let after = try await world.api(.GET, "/api/v1/me", as: "a-worker")
            XCTAssertEqual(after.status, .unauthorized, "revocation takes effect at once on this server")
            // A password reset revokes every token of the user.
            let before = try await world.api(.GET, "/api/v1/me", as: "b-worker")
            XCTAssertEqual(before.status, .ok)
            try await UserAccounts.resetPassword(
                username: "b-worker", password: "a new long passphrase", app: world.app)
            let reset = try await world.api(.GET, "/api/v1/me", as: "b-worker")
            XCTAssertEqual(reset.status, .unauthorized)
        }
    }

    func testWhoMayCreateWhichRoleAndDuplicateNames() async throws {
        try await TestWorld.each { world in
            struct NewUser: Encodable {
                let username: String, displayName: String, role: String, password: String
                var organisationId: UUID?
            }
            // An organisation admin of an NGO cannot make a national coordinator or an analyst.
            let orgAdmin = "b-admin"
            _ = try await UserAccounts.create(
                username: orgAdmin, displayName: orgAdmin, role: "organisation_admin",
                password: TestWorld.password, organisationID: world.organisations["B"]!,
                allowSystemAdmin: false, app: world.app)
            var world = world
            world.tokens[orgAdmin] = try await world.token(orgAdmin)
            for role in ["national_coordinator", "analyst", "system_admin"] {
                let res = try await world.api(
                    .POST, "/api/v1/users", as: orgAdmin,
                    json: NewUser(username: "x-\(role)", displayName: "x", role: role, password: TestWorld.password))
                XCTAssertEqual(res.status, .forbidden, "\(role): \(res.body.string)")
            }
            let staff = try await world.api(
                .POST, "/api/v1/users", as: orgAdmin,
                json: NewUser(username: "b-new", displayName: "x", role: "caseworker", password: TestWorld.password))
            XCTAssertEqual(staff.status, .created, staff.body.string)
            // A system admin makes a coordinator only in a government agency.
            let inNGO = try await world.api(
                .POST, "/api/v1/users", as: "root",
                json: NewUser(
                    username: "coord-ngo", displayName: "x", role: "national_coordinator",
                    password: TestWorld.password, organisationId: world.organisations["B"]))
            XCTAssertEqual(inNGO.status, .unprocessableEntity)
            XCTAssertTrue(inNGO.body.string.contains("government agency"), inNGO.body.string)
            // The same username again: 409.
            let again = try await world.api(
                .POST, "/api/v1/users", as: orgAdmin,
                json: NewUser(username: "b-new", displayName: "x", role: "caseworker", password: TestWorld.password))
            XCTAssertEqual(again.status, .conflict, again.body.string)
            // The same organisation name, eight times at once: one is created, the others answer 409.
            struct NewOrganisation: Content { let name: String, kind: String, country: String }
            let app = world.app, token = world.tokens["root"]!
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        var status = HTTPStatus.ok
                        try await app.send(
                            .POST, "/api/v1/organisations",
                            before: { req in
                                req.headers.bearerAuthorization = BearerAuthorization(token: token)
                                try req.content.encode(
                                    NewOrganisation(name: "Twin Shelter", kind: "shelter", country: "KEN"))
                            }, after: { res in status = res.status })
                        return status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            XCTAssertEqual(statuses.filter { $0 == .created }.count, 1, "\(statuses)")
            XCTAssertEqual(statuses.filter { $0 == .conflict }.count, 7, "\(statuses)")
        }
    }

    func testAnUnchangedPatchIsAuditedAsARead() async throws {
        try await TestWorld.each { world in
            let id = try await world.createCase(as: "a-worker", ["prs_FirstName": .text("Achieng")])
            let before = try await world.app.palermo.store.audit.entries(forCase: id).count
            let res = try await world.api(.PATCH, "/api/v1/cases/\(id)", as: "a-worker", json: CaseBody(fields: [:]))
            XCTAssertEqual(res.status, .ok)
            XCTAssertTrue(res.body.string.contains("Achieng"))
            XCTAssertEqual(res.headers.first(name: .cacheControl), "no-store")
            let entries = try await world.app.palermo.store.audit.entries(forCase: id)
            XCTAssertEqual(entries.count, before + 1)
            XCTAssertEqual(entries.last?.action, .read)
        }
    }

    func testCSVExportsNeutraliseFormulas() async throws {
        try await TestWorld.each { world in
            _ = try await world.createCase(
                as: "a-worker",
                [
                    "prs_FirstName": .text("=HYPERLINK(\"http://x\")"),
                    "prs_SecondName": .text("@SUM(A1)\u{0}"),
                    "cas_ReasonForCaseClosure": .text("-2+3"),
                ])
            let export = try await world.api(.GET, "/api/v1/cases/export?format=csv", as: "a-super")
            XCTAssertEqual(export.status, .ok)
            XCTAssertEqual(export.headers.first(name: .cacheControl), "no-store")
            let table = try CSVTable.read(Data(buffer: export.body))
            let cells = table.rows.dropFirst().flatMap(\.cells)
            XCTAssertTrue(cells.contains("'=HYPERLINK(\"http://x\")"), "\(cells)")
            XCTAssertTrue(cells.contains("'@SUM(A1)"), "NUL dropped, formula neutralised: \(cells)")
            XCTAssertTrue(cells.contains("'-2+3"))
            XCTAssertFalse(cells.contains { $0.hasPrefix("=") || $0.hasPrefix("@") || $0.hasPrefix("-") })
        }
    }

    func testLanguageSwitchGoesBackToASameSitePathOnly() async throws {
        try await TestWorld.each { world in
            for (back, expected) in [
                ("/cases%0d%0aSet-Cookie:%20planted=1", "/"), ("/%5Cevil.example", "/"),
                ("/%09/evil.example", "/"), ("//evil.example", "/"), ("https://evil.example", "/"),
                ("/cases?page=2", "/cases?page=2"),
                ("/stats/patterns%3Ffrom%3D2016%26to%3D2020", "/stats/patterns?from=2016&to=2020"),
            ] {
                try await world.app.send(
                    .GET, "/lang/fr?back=\(back)",
                    after: { res in
                        XCTAssertEqual(res.headers.first(name: .location), expected, back)
                        XCTAssertNil(res.headers.setCookie?["planted"], back)
                    })
            }
        }
    }

    func testSessionsAreHashedExpireOnTheServerAndAreNotMadeForVisitors() async throws {
        try await TestWorld.each { world in
            let sql = try world.app.palermo.store.sql
            struct Count: Decodable { let n: Int }
            func sessions() async throws -> Int {
                try await sql.raw("SELECT COUNT(*) AS n FROM signin_sessions").first(decoding: Count.self)?.n ?? -1
            }
            for path in ["/login", "/", "/cases", "/lang/fr?back=/login"] { try await world.app.send(.GET, path) }
            let afterVisits = try await sessions()
            XCTAssertEqual(afterVisits, 0, "anonymous visits leave no session row")

            let cookie = try await world.webLogin("a-worker")
            let rows = try await sql.raw("SELECT id_hash FROM signin_sessions").all(
                decodingColumn: "id_hash", as: String.self)
            XCTAssertEqual(rows.count, 1)
            XCTAssertFalse(rows.contains(cookie), "the id is not stored as it is")
            XCTAssertEqual(rows.first?.count, 64, "a SHA-256 digest")
            let page = try await world.page("/cases", cookie: cookie)
            XCTAssertEqual(page.status, .ok)

            // The page's form token, minted on the first page, is kept; pages that only read leave the row
            // alone (its last-seen time is written at most once a minute).
            struct Stored: Decodable { let data: String; let seen_at: Double }
            func stored() async throws -> Stored? {
                try await sql.raw("SELECT data, seen_at FROM signin_sessions").first(decoding: Stored.self)
            }
            let minted = try await stored()
            XCTAssertTrue(minted?.data.contains("\"csrf\"") == true, minted?.data ?? "no session")
            try await sql.raw("UPDATE signin_sessions SET seen_at = seen_at - 30").run()
            let before = try await stored()
            _ = try await world.page("/cases", cookie: cookie)
            let after = try await stored()
            XCTAssertEqual(after?.seen_at, before?.seen_at, "a page that only reads the session does not write it")
            XCTAssertEqual(after?.data, minted?.data)

            // Idle past the limit: the server ends the session, whatever the browser keeps.
            try await sql.raw("UPDATE signin_sessions SET seen_at = seen_at - 7200").run()
            let idle = try await world.page("/cases", cookie: cookie)
            XCTAssertEqual(idle.status, .seeOther)
            XCTAssertEqual(idle.headers.first(name: .location), "/login")
            let left = try await sessions()
            XCTAssertEqual(left, 0)

            // Past the absolute limit, even when active.
            let again = try await world.webLogin("a-worker")
            try await sql.raw("UPDATE signin_sessions SET created_at = created_at - 13 * 3600").run()
            let old = try await world.page("/cases", cookie: again)
            XCTAssertEqual(old.status, .seeOther)

            // Logout from a page other than the list ends the session on the server.
            let third = try await world.webLogin("a-worker")
            let token = AuthenticationTests.csrf(in: try await world.page("/stats", cookie: third).body.string)
            try await world.app.send(
                .POST, "/logout",
                before: { req in
                    req.headers.cookie = ["palermo-session": .init(string: third)]
                    try req.content.encode(["_csrf": token], as: .urlEncodedForm)
                }, after: { res in XCTAssertEqual(res.status, .seeOther) })
            let afterLogout = try await sessions()
            XCTAssertEqual(afterLogout, 0)
        }
    }

    func testARetriedImportDoesNotDuplicate() async throws {
        try await TestWorld.each { world in
            let file = Data(
                """
                prs_FirstName,prs_Gender,prs_AgeGroup,prs_Citizenship,cas_IdentificationDate
                Amani,Feminine,Adult,KEN,2025-01-02
                Baraka,Masculine,Adult,KEN,2025-01-02

                """.utf8)
            func upload(_ body: Data, key: String?) async throws -> XCTHTTPResponse {
                var captured: XCTHTTPResponse?
                let token = world.tokens["a-super"]!
                try await world.app.send(
                    .POST, "/api/v1/cases/import",
                    before: { req in
                        req.headers.bearerAuthorization = BearerAuthorization(token: token)
                        if let key { req.headers.replaceOrAdd(name: "Idempotency-Key", value: key) }
                        req.headers.contentType = .init(type: "text", subType: "csv")
                        req.body = ByteBuffer(data: body)
                    }, after: { captured = $0 })
                return captured!
            }
            let first = try await upload(file, key: "upload-7")
            XCTAssertEqual(first.status, .created, first.body.string)
            let retried = try await upload(file, key: "upload-7")
            XCTAssertEqual(retried.status, .created)
            XCTAssertEqual(retried.headers.first(name: "Idempotent-Replayed"), "true")
            struct Result: Decodable, Equatable { let imported: Int; let caseCodes: [String] }
            XCTAssertEqual(
                try retried.content.decode(Result.self), try first.content.decode(Result.self),
                "the retry gets the first import's result")
            let afterKeyed = try await world.caseCount()
            XCTAssertEqual(afterKeyed, 2)
            // The same key for another file is refused.
            let other = try await upload(
                Data(
                    """
                    prs_FirstName,prs_Gender,prs_AgeGroup,prs_Citizenship,cas_IdentificationDate
                    Chausiku,Feminine,Adult,KEN,2025-01-02

                    """
                    .utf8),
                key: "upload-7")
            XCTAssertEqual(other.status, .conflict)
            // Without a key, the same file within a day is the same import (also after a keyed upload of it).
            let unkeyed = try await upload(file, key: nil)
            XCTAssertEqual(unkeyed.headers.first(name: "Idempotent-Replayed"), "true")
            let second = Data(
                """
                prs_FirstName,prs_Gender,prs_AgeGroup,prs_Citizenship,cas_IdentificationDate
                Dalila,Feminine,Adult,KEN,2025-01-02
                Esther,Feminine,Adult,KEN,2025-01-02

                """.utf8)
            let plain = try await upload(second, key: nil)
            XCTAssertEqual(plain.status, .created)
            XCTAssertNil(plain.headers.first(name: "Idempotent-Replayed"))
            let again = try await upload(second, key: nil)
            XCTAssertEqual(again.headers.first(name: "Idempotent-Replayed"), "true")
            XCTAssertEqual(try again.content.decode(Result.self), try plain.content.decode(Result.self))
            let count = try await world.caseCount()
            XCTAssertEqual(count, 4, "two files' worth, each imported once")
        }
    }
}
