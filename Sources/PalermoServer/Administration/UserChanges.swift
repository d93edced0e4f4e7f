import Fluent
import Foundation
import PalermoCore
import PalermoStore
import Vapor

/// What an admin may change of a user: the role, the name shown, and whether the account is disabled.
public struct UserChange: Sendable, Content {
    public var role: String?
    public var displayName: String?
    public var disabled: Bool?

    public init(role: String? = nil, displayName: String? = nil, disabled: Bool? = nil) {
        self.role = role
        self.displayName = displayName
        self.disabled = disabled
    }
}

extension UserAccounts {
    /// Applies a change made by `actor` (nil: the operator at the command line). A new role or a disabled
    /// account ends every session and API token of the user at once on this server; other servers drop
    /// their memory of a token within `BearerTokenMiddleware.memory`, and re-read sessions on every request.
    public static func change(
        userID: UUID, _ change: UserChange, by actor: Principal?,
        app: Application
    ) async throws -> UserModel {
        let db = app.palermo.store.database
        let notFound = Abort(.notFound, reason: "no such user")
        guard let user = try await UserModel.query(on: db).filter(\.$id == userID).with(\.$organisation).first()
        else { throw notFound }
        if let actor, actor.role != .systemAdmin {
            // Another organisation's users are as invisible as missing ones.
            guard user.$organisation.id == actor.organisationID else { throw notFound }
            let current = Role(rawValue: user.role)
            guard let current, Role.organisationStaff.contains(current) else {
                throw Abort(
                    .forbidden,
                    reason: "an organisation admin changes caseworkers, supervisors and organisation admins only")
            }
        }
        let issues = problems(of: change, for: user, by: actor)
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        let before = (role: user.role, disabled: user.disabledAt != nil)
        if let role = change.role { user.role = role }
        if let name = change.displayName?.trimmingCharacters(in: .whitespaces) { user.displayName = name }
        if let disabled = change.disabled { user.disabledAt = disabled ? (user.disabledAt ?? Date()) : nil }
        try await user.save(on: db)
        let ended = before.role != user.role || (!before.disabled && user.disabledAt != nil)
        if ended {
            try await APITokens.revokeAll(of: userID, app: app)
            try await HashedSessions.endAll(of: userID, store: app.palermo.store)
        }
        var detail = "user \(user.username)"
        if before.role != user.role { detail += ": role \(before.role) → \(user.role)" }
        if before.disabled != (user.disabledAt != nil) { detail += user.disabledAt == nil ? ": enabled" : ": disabled" }
        try await app.palermo.store.audit.record([
            AuditDraft(
                actor: actor, actorName: actor == nil ? "operator" : nil,
                action: .update, detail: detail)
        ])
        return user
    }

    private static func problems(of change: UserChange, for user: UserModel, by actor: Principal?) -> [ValidationIssue]
    {
        var issues: [ValidationIssue] = []
        if let name = change.displayName?.trimmingCharacters(in: .whitespaces), name.isEmpty || name.count > 200 {
            issues.append(.init(field: "displayName", message: "use 1 to 200 characters"))
        }
        let isSelf = actor?.userID == user.id
        if isSelf, change.disabled == true {
            issues.append(.init(field: "disabled", message: "you cannot disable your own account"))
        }
        guard let text = change.role else { return issues }
        guard let role = Role(rawValue: text) else {
            return issues + [
                .init(field: "role", message: "must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            ]
        }
        if isSelf, text != user.role { issues.append(.init(field: "role", message: "you cannot change your own role")) }
        if let actor, actor.role != .systemAdmin, !Role.organisationStaff.contains(role) {
            issues.append(
                .init(
                    field: "role",
                    message: "an organisation admin gives caseworker, supervisor or organisation admin only"))
        }
        if role == .nationalCoordinator, user.organisation.kind != OrganisationKind.governmentAgency.rawValue {
            issues.append(.init(field: "role", message: "a national coordinator belongs to a government agency"))
        }
        return issues
    }
}
