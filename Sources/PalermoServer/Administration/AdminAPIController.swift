import Fluent
import Foundation
import PalermoCore
import PalermoStore
import Vapor

/// `/api/v1/organisations` and `/api/v1/users`: tenants and their people. A system admin manages all
/// of them; an organisation admin, the users of their own organisation.
struct AdminAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("organisations", use: organisations)
        routes.post("organisations", use: createOrganisation)
        routes.get("users", use: users)
        routes.post("users", use: createUser)
        routes.patch("users", ":userId", use: changeUser)
    }

    func organisations(_ req: Request) async throws -> [OrganisationDTO] {
        let principal = try req.requirePrincipal()
        var query = OrganisationModel.query(on: req.store.database).sort(\.$name)
        if ![.systemAdmin, .analyst, .nationalCoordinator].contains(principal.role) {
            query = query.filter(\.$id == principal.organisationID)
        }
        return try await query.all().map(OrganisationDTO.init)
    }

    func createOrganisation(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        guard principal.role == .systemAdmin else {
            throw Abort(.forbidden, reason: "only a system admin creates organisations")
        }
        let input = try req.content.decode(NewOrganisation.self)
        let model = try await Self.createOrganisation(input, by: principal, req: req)
        return try await OrganisationDTO(model).encodeResponse(status: .created, for: req)
    }

    /// A new tenant, audited.
    static func createOrganisation(
        _ input: NewOrganisation, by principal: Principal, req: Request
    ) async throws
        -> OrganisationModel
    {
        var issues: [ValidationIssue] = []
        if OrganisationKind(rawValue: input.kind) == nil {
            issues.append(
                .init(
                    field: "kind",
                    message: "must be one of \(OrganisationKind.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        let country = Countries.find(input.country)
        if country == nil {
            issues.append(.init(field: "country", message: "'\(input.country)' is not an ISO 3166-1 alpha-3 code"))
        }
        if input.name.trimmingCharacters(in: .whitespaces).isEmpty {
            issues.append(.init(field: "name", message: "is required"))
        }
        guard issues.isEmpty, let country else { throw ValidationFailure(issues) }
        let name = input.name.trimmingCharacters(in: .whitespaces)
        let db = req.store.database
        let taken = Abort(.conflict, reason: "an organisation named '\(name)' exists already")
        if try await OrganisationModel.query(on: db).filter(\.$name == name).first() != nil { throw taken }
        let model = OrganisationModel(name: name, kind: input.kind, country: country.alpha3)
        do { try await model.create(on: db) } catch let error as any DatabaseError where error.isConstraintFailure {
            throw taken
        }
        try await req.store.audit.record([
            AuditDraft(
                actor: principal, action: .create, detail: "organisation \(name) (\(input.kind), \(country.alpha3))")
        ])
        return model
    }

    func users(_ req: Request) async throws -> [UserDTO] {
        let principal = try req.requirePrincipal()
        guard principal.role.managesUsers else { throw Abort(.forbidden, reason: "only admins list users") }
        var query = UserModel.query(on: req.store.database).sort(\.$username)
        if principal.role != .systemAdmin { query = query.filter(\.$organisation.$id == principal.organisationID) }
        return try await query.all().map(UserDTO.init)
    }

    func createUser(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        guard principal.role.managesUsers else { throw Abort(.forbidden, reason: "only admins create users") }
        let input = try req.content.decode(NewUser.self)
        let organisationID =
            principal.role == .systemAdmin
            ? (input.organisationId ?? principal.organisationID) : principal.organisationID
        if principal.role != .systemAdmin, let role = Role(rawValue: input.role), !Role.organisationStaff.contains(role)
        {
            try await req.store.audit.record([
                AuditDraft(actor: principal, action: .denied, detail: "create user with role \(role.rawValue)")
            ])
            throw Abort(
                .forbidden,
                reason: "an organisation admin creates caseworkers, supervisors and organisation admins only")
        }
        let user = try await UserAccounts.create(
            username: input.username, displayName: input.displayName, role: input.role,
            password: input.password, organisationID: organisationID,
            allowSystemAdmin: principal.role == .systemAdmin, app: req.application)
        return try await UserDTO(user).encodeResponse(status: .created, for: req)
    }

    /// A new role, name or disabled state; the role is checked before the body is read.
    func changeUser(_ req: Request) async throws -> UserDTO {
        let principal = try req.requirePrincipal()
        guard principal.role.managesUsers else { throw Abort(.forbidden, reason: "only admins change users") }
        guard let id = req.parameters.get("userId", as: UUID.self) else {
            throw Abort(.notFound, reason: "no such user")
        }
        let change = try req.content.decode(UserChange.self)
        return UserDTO(try await UserAccounts.change(userID: id, change, by: principal, app: req.application))
    }
}
