import Fluent
import Foundation
import PalermoCore
import PalermoStore
import Vapor

/// Creating users and resetting passwords, shared by the API, the CLI and the demo loader.
public enum UserAccounts {
    public static func create(
        username: String, displayName: String, role: String, password: String, organisationID: UUID,
        allowSystemAdmin: Bool, app: Application
    ) async throws -> UserModel {
        var issues: [ValidationIssue] = []
        let name = username.trimmingCharacters(in: .whitespaces).lowercased()
        if name.isEmpty || name.count > 64 || !name.allSatisfy({ $0.isLetter || $0.isNumber || "._-".contains($0) }) {
            issues.append(.init(field: "username", message: "use 1 to 64 letters, digits, '.', '_' or '-'"))
        }
        guard let parsedRole = Role(rawValue: role) else {
            throw ValidationFailure(
                issues + [
                    .init(
                        field: "role",
                        message: "must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
                ])
        }
        if parsedRole == .systemAdmin && !allowSystemAdmin {
            issues.append(.init(field: "role", message: "only a system admin creates system admins"))
        }
        for problem in PasswordPolicy.problems(password, username: name) {
            issues.append(.init(field: "password", message: problem))
        }
        let db = app.palermo.store.database
        let organisation = try await OrganisationModel.find(organisationID, on: db)
        if organisation == nil { issues.append(.init(field: "organisationId", message: "no such organisation")) }
        if parsedRole == .nationalCoordinator, let organisation,
            organisation.kind != OrganisationKind.governmentAgency.rawValue
        {
            issues.append(.init(field: "role", message: "a national coordinator belongs to a government agency"))
        }
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        let taken = Abort(.conflict, reason: "the username '\(name)' is taken")
        if try await UserModel.query(on: db).filter(\.$username == name).first() != nil { throw taken }
        let hash = try await PasswordHashing.hash(password, app: app)
        let user = UserModel(
            organisationID: organisationID, username: name, displayName: displayName, role: parsedRole,
            passwordHash: hash)
        // Two requests for the same name at once both pass the look-up; the unique index stops the second.
        do { try await user.create(on: db) } catch let error as any DatabaseError where error.isConstraintFailure {
            throw taken
        }
        return user
    }

    /// Sets a new password, unlocks the account and revokes every API token of the user.
    public static func resetPassword(username: String, password: String, app: Application) async throws {
        let db = app.palermo.store.database
        guard let user = try await UserModel.query(on: db).filter(\.$username == username.lowercased()).first() else {
            throw ValidationFailure([.init(field: "username", message: "no user '\(username)'")])
        }
        let problems = PasswordPolicy.problems(password, username: user.username)
        guard problems.isEmpty else { throw ValidationFailure(problems.map { .init(field: "password", message: $0) }) }
        user.passwordHash = try await PasswordHashing.hash(password, app: app)
        user.failedLogins = 0
        user.lockedUntil = nil
        try await user.save(on: db)
        try await APITokens.revokeAll(of: try user.requireID(), app: app)
    }
}
