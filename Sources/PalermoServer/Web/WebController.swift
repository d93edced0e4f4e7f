import Fluent
import Foundation
import PalermoCore
import PalermoIO
import PalermoStore
import Vapor

/// The pages caseworkers and analysts use in the browser.
struct WebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: home)
        routes.get("login") { req in WebPages.login(req) }
        routes.post("login", use: login)
        routes.post("logout", use: logout)
        routes.get("lang", ":code", use: language)
        routes.get("cases", use: list)
        routes.get("cases", "new", use: newCase)
        routes.post("cases", use: create)
        routes.get("cases", "export.csv") { try await export($0, .csv) }
        routes.get("cases", "export.xlsx") { try await export($0, .xlsx) }
        routes.get("cases", ":id", use: show)
        routes.get("cases", ":id", "edit", use: edit)
        routes.post("cases", ":id", use: update)
        routes.get("stats", use: statistics)
        routes.get("stats", "download", use: downloadStatistics)
        routes.get("stats", "estimate", use: estimate)
    }

    func home(_ req: Request) -> Response {
        guard let principal = req.principal else { return req.redirect(to: "/login") }
        return req.redirect(to: principal.role.handlesCases ? "/cases" : "/stats")
    }

    func login(_ req: Request) async throws -> Response {
        struct Form: Content { let username: String; let password: String }
        let form = try req.content.decode(Form.self)
        do {
            let user = try await Login.authenticate(username: form.username, password: form.password, on: req)
            // A fresh session id after login, so an id planted before login is worthless (session fixation).
            if let old = req.session.id {
                try await req.application.sessions.driver.deleteSession(old, for: req).get()
                req.session.id = nil
            }
            req.session.data["user"] = user.id?.uuidString
            req.session.data["csrf"] = nil
            req.principal = user.principal
            return home(req)
        } catch let abort as any AbortError {
            return WebPages.login(req, error: abort.reason, username: form.username, status: abort.status)
        }
    }

    func logout(_ req: Request) -> Response {
        req.session.destroy()
        return req.redirect(to: "/login")
    }

    /// The language is remembered in a cookie of its own: choosing one before sign-in creates no session.
    func language(_ req: Request) -> Response {
        let response = req.redirect(to: SameSitePath.validated(req.query[String.self, at: "back"]) ?? "/")
        if let code = req.parameters.get("code"), Localizer.languages.contains(code) {
            response.cookies[Localizer.cookieName] = HTTPCookies.Value(string: code, maxAge: 365 * 24 * 3600, path: "/",
                                                                       isHTTPOnly: true, sameSite: .lax)
        }
        return response
    }

    func list(_ req: Request) async throws -> Response {
        let principal = try signedIn(req)
        let query = try CaseAPIController.query(from: req)
        return CaseViews.list(req, page: try await req.store.cases.list(query, by: principal), query: query)
    }

    func newCase(_ req: Request) throws -> Response {
        _ = try signedIn(req)
        return CaseViews.form(req, record: nil, values: ["cas_Status": .text("Active")], issues: [])
    }

    func create(_ req: Request) async throws -> Response {
        let principal = try signedIn(req)
        let input = try Self.formFields(req, clearing: false)
        do {
            let organisation = try await req.organisation(of: principal)
            let record = try await req.store.cases.create(input.fields, organisationCountry: organisation.country, by: principal)
            return req.redirect(to: "/cases/\(record.id)?saved=1")
        } catch let failure as ValidationFailure {
            return CaseViews.form(req, record: nil, values: input.fields.compactMapValues { $0 }, issues: failure.issues)
        }
    }

    func show(_ req: Request) async throws -> Response {
        let principal = try signedIn(req)
        let record = try await req.store.cases.read(req.caseID(), by: principal)
        let history = try await req.store.audit.entries(forCase: record.id)
        return CaseViews.record(req, record, history: history, saved: (try? req.query.get(String.self, at: "saved")) != nil)
    }

    func edit(_ req: Request) async throws -> Response {
        let principal = try signedIn(req)
        let record = try await req.store.cases.read(req.caseID(), by: principal)
        return CaseViews.form(req, record: record, values: record.fields, issues: [])
    }

    func update(_ req: Request) async throws -> Response {
        let principal = try signedIn(req)
        let id = try req.caseID()
        let input = try Self.formFields(req, clearing: true)
        do {
            let record = try await req.store.cases.update(id, changes: input.fields, expectedVersion: input.version, by: principal)
            return req.redirect(to: "/cases/\(record.id)?saved=1")
        } catch let failure as ValidationFailure {
            let current = try await req.store.cases.read(id, by: principal)
            return CaseViews.form(req, record: current, values: input.fields.compactMapValues { $0 }, issues: failure.issues)
        }
    }

    func export(_ req: Request, _ format: SheetFormat) async throws -> Response {
        let records = try await req.store.cases.exportAll(by: try signedIn(req), format: format.rawValue)
        return Response.download(try format.write(HTCDSSheet.table(for: records)), contentType: format.contentType,
                                 filename: "palermo-cases.\(format.rawValue)")
    }

    func statistics(_ req: Request) async throws -> Response {
        let principal = try signedIn(req)
        var breakdowns: [CaseStatistics.Breakdown] = []
        for dimension in CaseStatistics.Dimension.allCases {
            breakdowns.append(try await CaseStatistics(store: req.store).breakdown(by: dimension, for: principal))
        }
        return WebPages.statistics(req, breakdowns: breakdowns)
    }

    func downloadStatistics(_ req: Request) async throws -> Response {
        let by = (try? req.query.get(String.self, at: "by")) ?? "status"
        guard let dimension = CaseStatistics.Dimension(rawValue: by) else { throw Abort(.badRequest, reason: "unknown dimension '\(by)'") }
        let breakdown = try await CaseStatistics(store: req.store).breakdown(by: dimension, for: try signedIn(req))
        let rows = [["dimension", "category", "count", "scope"]] + breakdown.cells.map { [breakdown.dimension, $0.category, String($0.count), breakdown.scope] }
        return Response.download(try CSVTable.write(rows), contentType: SheetFormat.csv.contentType,
                                 filename: "palermo-cases-by-\(dimension.rawValue).csv")
    }

    func estimate(_ req: Request) async throws -> Response {
        _ = try signedIn(req)
        let principal = try EstimateService.requireEstimator(req)
        var countries = Set(try await OrganisationModel.query(on: req.store.database).all().map(\.country)).sorted()
        if principal.role == .nationalCoordinator { countries = [try await req.organisation(of: principal).country] }
        guard req.url.query?.contains("country=") == true else {
            return EstimateViews.page(req, countries: countries, outcome: nil, problem: nil)
        }
        do {
            let outcome = try await EstimateService.run(req, try EstimateService.Query(req))
            return EstimateViews.page(req, countries: countries, outcome: outcome, problem: nil)
        } catch let failure as ValidationFailure {
            return EstimateViews.page(req, countries: countries, outcome: nil, problem: failure.issues.map(\.message).joined(separator: "; "))
        }
    }

    private func signedIn(_ req: Request) throws -> Principal {
        guard let principal = req.principal else { throw Abort.redirect(to: "/login") }
        return principal
    }

    /// Reads the posted form with Vapor's form decoder. Checkbox groups repeat their name, so every field is
    /// read as a list; no separator splits a value (free text has commas). On update every field of the form
    /// is sent, and an empty one clears the field.
    static func formFields(_ req: Request, clearing: Bool) throws -> (fields: [String: FieldValue?], version: Int?) {
        let values = try PostedForm.values(req)
        var fields: [String: FieldValue?] = [:]
        for field in HTCDS.fields {
            let sent = (values[field.name] ?? []).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            if case .many = field.kind {
                if !sent.isEmpty { fields[field.name] = .list(sent) } else if clearing { fields[field.name] = .some(nil) }
            } else if let first = sent.first {
                fields[field.name] = .text(first)
            } else if clearing {
                fields[field.name] = .some(nil)
            }
        }
        let version = try values["_version"]?.first.map { text in
            guard let number = Int(text), number >= 1 else {
                throw ValidationFailure([.init(field: "_version", message: "is not a version number")])
            }
            return number
        }
        return (fields, version)
    }
}
