import Fluent
import Foundation
import PalermoCore
import PalermoStore
import Vapor

extension UserAccounts {
    /// A user an admin may act on: of their own organisation (any, for a system admin), and staff unless the
    /// admin is a system admin. Others are as invisible as missing ones.
    static func managed(_ userID: UUID, by actor: Principal, app: Application) async throws -> UserModel {
        let notFound = Abort(.notFound, reason: "no such user")
        guard let user = try await UserModel.find(userID, on: app.palermo.store.database) else { throw notFound }
        guard actor.role == .systemAdmin || user.$organisation.id == actor.organisationID else { throw notFound }
        if actor.role != .systemAdmin, !Role.organisationStaff.contains(Role(rawValue: user.role) ?? .systemAdmin) {
            throw Abort(.forbidden, reason: "an organisation admin manages caseworkers, supervisors and admins only")
        }
        return user
    }

    /// Lets a locked-out user try again at once.
    static func unlock(_ userID: UUID, by actor: Principal, app: Application) async throws {
        let user = try await managed(userID, by: actor, app: app)
        user.failedLogins = 0
        user.lockedUntil = nil
        try await user.save(on: app.palermo.store.database)
        try await app.palermo.store.audit.record([
            AuditDraft(actor: actor, action: .update, detail: "user \(user.username): unlocked")
        ])
    }

    /// A new password chosen by the admin (to hand over in person); unlocks and ends the user's tokens.
    static func resetPassword(_ userID: UUID, to password: String, by actor: Principal, app: Application) async throws {
        let user = try await managed(userID, by: actor, app: app)
        try await resetPassword(username: user.username, password: password, app: app)
        try await HashedSessions.endAll(of: userID, store: app.palermo.store)
        try await app.palermo.store.audit.record([
            AuditDraft(actor: actor, action: .update, detail: "user \(user.username): password reset")
        ])
    }

    /// Ends every API token of the user, for a lost laptop or a leaked script.
    static func revokeTokens(_ userID: UUID, by actor: Principal, app: Application) async throws {
        let user = try await managed(userID, by: actor, app: app)
        try await APITokens.revokeAll(of: userID, app: app)
        try await app.palermo.store.audit.record([
            AuditDraft(actor: actor, action: .update, detail: "user \(user.username): API tokens revoked")
        ])
    }
}
