import Fluent
import Foundation
import PalermoCore
import PalermoStore
import SQLKit
import Vapor

/// `/admin`: an organisation admin's users and profile; a system admin's organisations and system status.
/// Roles are checked before a form is read; every change is audited by the functions it calls.
struct AdminPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("admin", "users", use: users)
        routes.post("admin", "users", use: createUser)
        routes.post("admin", "users", ":userId", use: changeUser)
        routes.get("admin", "organisation", use: profile)
        routes.post("admin", "organisation", use: saveProfile)
        routes.get("admin", "organisations", use: organisations)
        routes.post("admin", "organisations", use: createOrganisation)
        routes.get("admin", "status", use: status)
        routes.post("admin", "status", "verify", use: verify)
    }

    func admin(_ req: Request) throws -> Principal {
        let principal = try req.signedIn()
        guard principal.role.managesUsers else { throw Abort(.forbidden) }
        return principal
    }

    func systemAdmin(_ req: Request) throws -> Principal {
        let principal = try req.signedIn()
        guard principal.role == .systemAdmin else { throw Abort(.forbidden) }
        return principal
    }

    func users(_ req: Request) async throws -> Response {
        try await usersPage(req, principal: admin(req), problems: [])
    }

    func usersPage(
        _ req: Request, principal: Principal, problems: [ValidationIssue], status: HTTPStatus = .ok
    )
        async throws -> Response
    {
        let users = try await UserModel.query(on: req.store.database)
            .filter(\.$organisation.$id == principal.organisationID).sort(\.$username).all()
        let w = req.localizer
        let notice = req.queryText("done").map { w("admin.done.\($0)") }
        let view = UsersPage(
            w, users: users, me: principal, csrf: CSRF.token(for: req), notice: notice,
            problems: problems.map(ValidationText(w).describe))
        return req.page(title: view.title, status: problems.isEmpty ? status : .unprocessableEntity, view.view)
    }

    func createUser(_ req: Request) async throws -> Response {
        let principal = try admin(req)
        let form = try PostedForm.fields(req)
        let role = form["role"] ?? ""
        guard principal.role == .systemAdmin || Role(rawValue: role).map(Role.organisationStaff.contains) == true else {
            throw Abort(.forbidden, reason: "an organisation admin creates caseworkers, supervisors and admins only")
        }
        do {
            _ = try await UserAccounts.create(
                username: form["username"] ?? "", displayName: form["displayName"] ?? "", role: role,
                password: form["password"] ?? "", organisationID: principal.organisationID,
                allowSystemAdmin: principal.role == .systemAdmin, app: req.application)
            return req.redirect(to: "/admin/users?done=created")
        } catch let failure as ValidationFailure {
            return try await usersPage(req, principal: principal, problems: failure.issues)
        }
    }

    func changeUser(_ req: Request) async throws -> Response {
        let principal = try admin(req)
        guard let id = req.parameters.get("userId", as: UUID.self) else { throw Abort(.notFound) }
        let form = try PostedForm.fields(req)
        let app = req.application
        do {
            switch form["action"] {
            case "role"?:
                _ = try await UserAccounts.change(userID: id, UserChange(role: form["role"]), by: principal, app: app)
            case "disable"?:
                _ = try await UserAccounts.change(userID: id, UserChange(disabled: true), by: principal, app: app)
            case "enable"?:
                _ = try await UserAccounts.change(userID: id, UserChange(disabled: false), by: principal, app: app)
            case "unlock"?: try await UserAccounts.unlock(id, by: principal, app: app)
            case "revoke"?: try await UserAccounts.revokeTokens(id, by: principal, app: app)
            case "reset"?: try await UserAccounts.resetPassword(id, to: form["password"] ?? "", by: principal, app: app)
            default: throw ValidationFailure([.init(field: "action", message: "is not an action on a user")])
            }
            return req.redirect(to: "/admin/users?done=\(form["action"] ?? "")")
        } catch let failure as ValidationFailure {
            return try await usersPage(req, principal: principal, problems: failure.issues)
        }
    }

    func profile(_ req: Request) async throws -> Response {
        let principal = try admin(req)
        let organisation = try await req.organisation(of: principal)
        let w = req.localizer
        let view = OrganisationProfilePage(
            w, organisation: organisation, csrf: CSRF.token(for: req),
            notice: req.queryText("saved").map { _ in w("admin.saved") })
        return req.page(title: view.title, view.view)
    }

    func saveProfile(_ req: Request) async throws -> Response {
        let principal = try admin(req)
        let form = try PostedForm.values(req)
        let organisation = try await req.organisation(of: principal)
        let name = form["name"]?.last?.trimmingCharacters(in: .whitespaces) ?? ""
        var issues: [ValidationIssue] = []
        if name.isEmpty || name.count > 200 { issues.append(.init(field: "name", message: "use 1 to 200 characters")) }
        guard let kind = form["kind"]?.last.flatMap(OrganisationKind.init(rawValue:)) else {
            throw ValidationFailure(issues + [.init(field: "kind", message: "is not a kind of organisation")])
        }
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        let core = CaseCore(items: (form["core"] ?? []).compactMap(CaseCore.Item.init(rawValue:)))
        let before = (organisation.name, organisation.kind, CaseCore(stored: organisation.caseCore))
        organisation.name = name
        organisation.kind = kind.rawValue
        organisation.caseCore = core.stored
        try await organisation.save(on: req.store.database)
        try await req.store.audit.record([
            AuditDraft(
                actor: principal, action: .update,
                detail: "organisation profile: \(before.0) → \(name); \(before.1) → \(kind.rawValue); core "
                    + "\(before.2.stored) → \(core.stored)")
        ])
        return req.redirect(to: "/admin/organisation?saved=1")
    }

    func organisations(_ req: Request) async throws -> Response {
        _ = try systemAdmin(req)
        let db = req.store.database
        let all = try await OrganisationModel.query(on: db).sort(\.$name).all()
        var counted: [(OrganisationModel, Int)] = []
        for organisation in all {
            counted.append(
                (
                    organisation,
                    try await UserModel.query(on: db).filter(\.$organisation.$id == organisation.requireID()).count()
                ))
        }
        let w = req.localizer
        let view = OrganisationsPage(
            w, organisations: counted, csrf: CSRF.token(for: req),
            notice: req.queryText("created").map { _ in w("admin.saved") })
        return req.page(title: view.title, view.view)
    }

    func createOrganisation(_ req: Request) async throws -> Response {
        let principal = try systemAdmin(req)
        let form = try PostedForm.fields(req)
        let input = NewOrganisation(name: form["name"] ?? "", kind: form["kind"] ?? "", country: form["country"] ?? "")
        _ = try await AdminAPIController.createOrganisation(input, by: principal, req: req)
        return req.redirect(to: "/admin/organisations?created=1")
    }

    func status(_ req: Request) async throws -> Response {
        _ = try systemAdmin(req)
        let store = req.store
        let reachable = (try? await store.sql.raw("SELECT 1 AS one").first()) != nil
        let view = StatusPage(
            req.localizer, database: store.isPostgres ? "PostgreSQL" : "SQLite", reachable: reachable,
            last: try await store.audit.lastVerification(), csrf: CSRF.token(for: req))
        return req.page(title: view.title, view.view)
    }

    func verify(_ req: Request) async throws -> Response {
        let principal = try systemAdmin(req)
        _ = try await req.store.audit.verifyAndRecord(by: principal.username)
        return req.redirect(to: "/admin/status")
    }
}
