import Fluent
import Foundation
import PalermoCore
import PalermoStore
import Vapor

/// `/api/v1/auth/token` issues API tokens for scripts; `/api/v1/me` says who the token belongs to.
struct AuthAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("auth", "token", use: token)
        routes.get("me", use: me)
    }

    func token(_ req: Request) async throws -> TokenResponse {
        let input = try req.content.decode(TokenRequest.self)
        let user = try await Login.authenticate(username: input.username, password: input.password, on: req)
        let issued = try await APITokens.issue(for: user, name: input.name ?? "api", lifetime: req.application.palermo.config.tokenLifetime,
                                               on: req.store.database)
        return TokenResponse(token: issued.token, expiresAt: issued.expires)
    }

    func me(_ req: Request) async throws -> UserDTO {
        let principal = try req.requirePrincipal()
        guard let user = try await UserModel.find(principal.userID, on: req.store.database) else { throw Abort(.unauthorized) }
        return UserDTO(user)
    }
}

/// `/api/v1/organisations` and `/api/v1/users`: tenants and their people. A system admin manages all
/// of them; an organisation admin, the users of their own organisation.
struct AdminAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("organisations", use: organisations)
        routes.post("organisations", use: createOrganisation)
        routes.get("users", use: users)
        routes.post("users", use: createUser)
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
        guard try req.requirePrincipal().role == .systemAdmin else { throw Abort(.forbidden, reason: "only a system admin creates organisations") }
        let input = try req.content.decode(NewOrganisation.self)
        var issues: [ValidationIssue] = []
        if OrganisationKind(rawValue: input.kind) == nil {
            issues.append(.init(field: "kind", message: "must be one of \(OrganisationKind.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        if Countries.find(input.country) == nil { issues.append(.init(field: "country", message: "'\(input.country)' is not an ISO 3166-1 alpha-3 code")) }
        if input.name.trimmingCharacters(in: .whitespaces).isEmpty { issues.append(.init(field: "name", message: "is required")) }
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        let model = OrganisationModel(name: input.name, kind: input.kind, country: Countries.find(input.country)!.alpha3)
        try await model.create(on: req.store.database)
        return try await OrganisationDTO(model).encodeResponse(status: .created, for: req)
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
        let organisationID = principal.role == .systemAdmin ? (input.organisationId ?? principal.organisationID) : principal.organisationID
        let user = try await UserAccounts.create(username: input.username, displayName: input.displayName, role: input.role,
                                                 password: input.password, organisationID: organisationID,
                                                 allowSystemAdmin: principal.role == .systemAdmin, app: req.application)
        return try await UserDTO(user).encodeResponse(status: .created, for: req)
    }
}

/// Creating users, shared by the API, the CLI and the demo loader.
public enum UserAccounts {
    public static let minimumPasswordLength = 10

    public static func create(username: String, displayName: String, role: String, password: String, organisationID: UUID,
                              allowSystemAdmin: Bool, app: Application) async throws -> UserModel {
        var issues: [ValidationIssue] = []
        let name = username.trimmingCharacters(in: .whitespaces).lowercased()
        if name.isEmpty || !name.allSatisfy({ $0.isLetter || $0.isNumber || "._-".contains($0) }) {
            issues.append(.init(field: "username", message: "use letters, digits, '.', '_' or '-'"))
        }
        guard let parsedRole = Role(rawValue: role) else {
            throw ValidationFailure(issues + [.init(field: "role", message: "must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")])
        }
        if parsedRole == .systemAdmin && !allowSystemAdmin { issues.append(.init(field: "role", message: "only a system admin creates system admins")) }
        if password.count < minimumPasswordLength { issues.append(.init(field: "password", message: "must have at least \(minimumPasswordLength) characters")) }
        let db = app.palermo.store.database
        if try await UserModel.query(on: db).filter(\.$username == name).first() != nil {
            issues.append(.init(field: "username", message: "'\(name)' is taken"))
        }
        if try await OrganisationModel.find(organisationID, on: db) == nil {
            issues.append(.init(field: "organisationId", message: "no such organisation"))
        }
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        let hash = try await app.password.async(on: app.threadPool, hopTo: app.eventLoopGroup.next()).hash(password).get()
        let user = UserModel(organisationID: organisationID, username: name, displayName: displayName, role: parsedRole, passwordHash: hash)
        try await user.create(on: db)
        return user
    }

    public static func resetPassword(username: String, password: String, app: Application) async throws {
        guard password.count >= minimumPasswordLength else {
            throw ValidationFailure([.init(field: "password", message: "must have at least \(minimumPasswordLength) characters")])
        }
        guard let user = try await UserModel.query(on: app.palermo.store.database).filter(\.$username == username.lowercased()).first() else {
            throw ValidationFailure([.init(field: "username", message: "no user '\(username)'")])
        }
        user.passwordHash = try await app.password.async(on: app.threadPool, hopTo: app.eventLoopGroup.next()).hash(password).get()
        user.failedLogins = 0
        user.lockedUntil = nil
        try await user.save(on: app.palermo.store.database)
    }
}
