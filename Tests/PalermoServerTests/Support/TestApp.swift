import Fluent
import Foundation
import PalermoCore
import PalermoServer
import PalermoStore
import SQLKit
import Vapor
import XCTVapor
import XCTest

/// The databases every server test runs against: a fresh SQLite file always, and PostgreSQL when
/// `PALERMO_TEST_POSTGRES_URL` names a server (CI sets it; the schema is wiped before each use).
enum TestDatabases {
    static var all: [DatabaseLocation] {
        var list: [DatabaseLocation] = [.sqliteFile(temporaryPath("palermo-test", "sqlite"))]
        if let url = ProcessInfo.processInfo.environment["PALERMO_TEST_POSTGRES_URL"], !url.isEmpty {
            list.append(.postgres(url))
        }
        return list
    }

    static func temporaryPath(_ stem: String, _ ext: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("\(stem)-\(UUID().uuidString).\(ext)").path
    }
}

/// A migrated application with two organisations and users of every role, on one database.
struct TestWorld {
    let app: Application
    let database: DatabaseLocation
    let keys: KeyRing
    var tokens: [String: String] = [:]
    var organisations: [String: UUID] = [:]

    static let password = "correct horse battery"

    /// Runs `body` once per test database, each time with a fresh world.
    static func each(_ body: (inout TestWorld) async throws -> Void) async throws {
        for database in TestDatabases.all {
            var world = try await TestWorld.make(database)
            do {
                try await body(&world)
                try await world.app.asyncShutdown()
            } catch {
                try? await world.app.asyncShutdown()
                throw error
            }
        }
    }

    static func make(
        _ database: DatabaseLocation,
        adjust: (inout ServerConfiguration) -> Void = { _ in }
    ) async throws -> TestWorld {
        let app = try await Application.make(.testing)
        let keys = KeyRing.generate()
        var config = ServerConfiguration(database: database, keyFile: "/nonexistent", passwordCost: 4)
        adjust(&config)
        if case .postgres = database { try await wipePostgres(app: app, config: config, keys: keys) }
        try await configure(app, config, keyRing: keys)
        try await migrate(app)
        var world = TestWorld(app: app, database: database, keys: keys)
        try await world.seed()
        return world
    }

    private static func wipePostgres(app: Application, config: ServerConfiguration, keys: KeyRing) async throws {
        let scratch = try await Application.make(.testing)
        try await configure(scratch, config, keyRing: keys)
        let sql = scratch.db as! any SQLDatabase
        try await sql.raw("DROP SCHEMA IF EXISTS public CASCADE").run()
        try await sql.raw("CREATE SCHEMA public").run()
        try await scratch.asyncShutdown()
    }

    /// Organisation A (a shelter in Kenya) and B (an NGO in Uganda), and the users the tests act as.
    mutating func seed() async throws {
        let db = app.palermo.store.database
        for (name, kind, country) in [
            ("A", "shelter", "KEN"), ("B", "ngo", "UGA"), ("Stats", "government_agency", "KEN"),
        ] {
            let org = OrganisationModel(name: name, kind: kind, country: country)
            try await org.create(on: db)
            organisations[name] = org.id
        }
        let users: [(String, Role, String)] = [
            ("a-worker", .caseworker, "A"), ("a-super", .supervisor, "A"), ("b-worker", .caseworker, "B"),
            ("b-super", .supervisor, "B"),
            ("analyst", .analyst, "Stats"), ("coordinator", .nationalCoordinator, "Stats"),
            ("root", .systemAdmin, "Stats"),
        ]
        for (username, role, org) in users {
            _ = try await UserAccounts.create(
                username: username, displayName: username, role: role.rawValue, password: Self.password,
                organisationID: organisations[org]!, allowSystemAdmin: true, app: app)
            tokens[username] = try await token(username)
        }
    }

    func token(_ username: String, password: String = TestWorld.password) async throws -> String {
        var token = ""
        try await app.send(
            .POST, "/api/v1/auth/token",
            before: { req in
                try req.content.encode(["username": username, "password": password])
            },
            after: { res in
                XCTAssertEqual(res.status, .ok, "login of \(username): \(res.body.string)")
                token = try res.content.decode(TokenBody.self).token
            })
        return token
    }

    struct TokenBody: Decodable { let token: String }

    /// Sends an API request as `user` and hands back the response.
    @discardableResult
    func api(
        _ method: HTTPMethod, _ path: String, as user: String?, json: (any Encodable)? = nil, body: Data? = nil,
        contentType: String? = nil, file: StaticString = #filePath, line: UInt = #line
    ) async throws -> XCTHTTPResponse {
        var captured: XCTHTTPResponse?
        try await app.send(
            method, path, file: file, line: line,
            before: { req in
                if let user { req.headers.bearerAuthorization = BearerAuthorization(token: tokens[user]!) }
                if let json { try req.content.encode(AnyEncodable(json), as: .json) }
                if let body {
                    req.body = ByteBuffer(data: body)
                    req.headers.contentType = contentType.flatMap(HTTPMediaType.init(string:)) ?? .binary
                }
            }, after: { res in captured = res })
        return captured!
    }

    /// The standard minimum core of a case (gender, age, citizenship, identification date), which a test
    /// about something else adds under its own fields.
    static let core: [String: FieldValue] = [
        "prs_Gender": .text("Feminine"), "prs_AgeGroup": .text("Adult"), "prs_Citizenship": .text("KEN"),
        "cas_IdentificationDate": .text("2025-03-01"),
    ]

    static func withCore(_ fields: [String: FieldValue?]) -> [String: FieldValue?] {
        fields.merging(core.mapValues { $0 }) { given, _ in given }
    }

    /// The core as a posted form's fields.
    static let coreForm = core.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.description)" }
        .joined(separator: "&")

    /// Creates a case in the user's organisation (with the minimum core where the test gives none of it)
    /// and returns its id.
    func createCase(as user: String, _ fields: [String: FieldValue]) async throws -> UUID {
        let complete = fields.merging(Self.core) { given, _ in given }
        let res = try await api(.POST, "/api/v1/cases", as: user, json: CaseBody(fields: complete))
        XCTAssertEqual(res.status, .created, res.body.string)
        return try res.content.decode(CaseRecord.self).id
    }

    func caseCount() async throws -> Int { try await CaseModel.query(on: app.palermo.store.database).count() }

    var label: String { database.description }
}

struct CaseBody: Encodable { let fields: [String: FieldValue] }

struct AnyEncodable: Encodable {
    let value: any Encodable
    init(_ value: any Encodable) { self.value = value }
    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}

extension HTTPMediaType {
    init?(string: String) {
        let parts = string.split(separator: "/")
        guard parts.count == 2 else { return nil }
        self.init(type: String(parts[0]), subType: String(parts[1]))
    }
}

/// The shared reference data, read in place.
enum SharedData {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
            "shared/data")
    static func url(_ path: String) -> URL { root.appendingPathComponent(path) }
}

extension Application {
    /// XCTVapor's async `test`, with plain closures (its overloads pick the blocking variant otherwise).
    func send(
        _ method: HTTPMethod, _ path: String, file: StaticString = #filePath, line: UInt = #line,
        before: @escaping (inout XCTHTTPRequest) throws -> Void = { _ in },
        after: @escaping (XCTHTTPResponse) throws -> Void = { _ in }
    ) async throws {
        try await test(
            method, path, file: file, line: line,
            beforeRequest: { req async throws in try before(&req) },
            afterResponse: { res async throws in try after(res) })
    }
}

extension TestWorld {
    /// Logs in through the login form and returns the session cookie. Before sign-in there is no session:
    /// the form's token comes with a cookie of its own.
    func webLogin(_ username: String) async throws -> String {
        try await webSignIn(username).headers.setCookie?["palermo-session"]?.string ?? ""
    }

    /// The response to a sign-in through the form (a redirect that sets the session cookie).
    func webSignIn(_ username: String) async throws -> XCTHTTPResponse {
        var captured: XCTHTTPResponse?, csrf = "", csrfCookie = ""
        try await app.send(
            .GET, "/login",
            after: { res in
                XCTAssertNil(res.headers.setCookie?["palermo-session"], "an anonymous visit starts no session")
                csrfCookie = res.headers.setCookie?["palermo-csrf"]?.string ?? ""
                csrf = AuthenticationTests.csrf(in: res.body.string)
            })
        try await app.send(
            .POST, "/login",
            before: { [csrf, csrfCookie] req in
                req.headers.cookie = ["palermo-csrf": .init(string: csrfCookie)]
                try req.content.encode(
                    ["username": username, "password": TestWorld.password, "_csrf": csrf], as: .urlEncodedForm)
            },
            after: { res in
                XCTAssertEqual(res.status, .seeOther, res.body.string)
                captured = res
            })
        return try XCTUnwrap(captured)
    }

    /// A page as the holder of `cookie` sees it (anonymously without one), in `language` when given.
    func page(_ path: String, cookie: String?, language: String? = nil) async throws -> XCTHTTPResponse {
        var captured: XCTHTTPResponse?
        try await app.send(
            .GET, path,
            before: { req in
                var cookies = HTTPCookies()
                if let cookie { cookies["palermo-session"] = .init(string: cookie) }
                if let language { cookies["palermo-lang"] = .init(string: language) }
                req.headers.cookie = cookies
                req.headers.replaceOrAdd(name: .accept, value: "text/html")
            }, after: { captured = $0 })
        return captured!
    }

    /// Posts a form as the holder of `cookie`, with the CSRF token of the page `from`.
    func postForm(
        _ path: String, cookie: String, _ fields: [(String, String)], from page: String = "/",
        language: String? = nil
    ) async throws -> XCTHTTPResponse {
        let token = AuthenticationTests.csrf(in: try await self.page(page, cookie: cookie).body.string)
        let body = ([("_csrf", token)] + fields).map { name, value in
            let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
            return name + "=" + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
        }.joined(separator: "&")
        var captured: XCTHTTPResponse?
        try await app.send(
            .POST, path,
            before: { req in
                var cookies = HTTPCookies()
                cookies["palermo-session"] = .init(string: cookie)
                if let language { cookies["palermo-lang"] = .init(string: language) }
                req.headers.cookie = cookies
                req.headers.contentType = .urlEncodedForm
                req.body = ByteBuffer(string: body)
            }, after: { captured = $0 })
        return try XCTUnwrap(captured)
    }
}

extension TestWorld {
    /// Case management around a case, for page checks: an organisation admin, a task, a note, a planned
    /// service, a closure waiting for approval, and a second case to merge with. The texts are symbols and
    /// numbers, so that no page check takes them for untranslated English.
    func furnishCasework(around id: UUID) async throws -> UUID {
        _ = try await api(
            .POST, "/api/v1/users", as: "root",
            json: NewUserBody(
                username: "a-admin", displayName: "a-admin", role: "organisation_admin", password: TestWorld.password,
                organisationId: organisations["A"]!))
        _ = try await api(
            .POST, "/api/v1/cases/\(id)/tasks", as: "a-worker", json: ["title": "№ 1", "due": "2024-02-01"])
        _ = try await api(.POST, "/api/v1/cases/\(id)/notes", as: "a-worker", json: ["text": "№ 2"])
        _ = try await api(
            .POST, "/api/v1/cases/\(id)/support-plan", as: "a-worker",
            json: ["type": "LegalAid", "objectives": "№ 3", "plannedEnd": "2099-01-01"])
        _ = try await api(
            .PATCH, "/api/v1/cases/\(id)", as: "a-worker",
            json: [
                "fields": ["cas_Status": "Closed", "cas_ReasonForCaseClosure": "№ 4", "cas_ClosureDate": "2025-06-01"]
            ])
        return try await createCase(
            as: "a-super", ["prs_FirstName": .text("Makena"), "prs_Birthdate": .text("1991-02-01")])
    }
}
