import FluentKit
import Foundation
import PalermoCore
import SQLKit

public final class UserModel: Model, @unchecked Sendable {
    public static let schema = "users"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "organisation_id") public var organisation: OrganisationModel
    @Field(key: "username") public var username: String
    @Field(key: "display_name") public var displayName: String
    @Field(key: "role") public var role: String
    @Field(key: "password_hash") public var passwordHash: String
    @Field(key: "failed_logins") public var failedLogins: Int
    @OptionalField(key: "locked_until") public var lockedUntil: Date?
    @OptionalField(key: "disabled_at") public var disabledAt: Date?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(
        id: UUID? = nil, organisationID: UUID, username: String, displayName: String, role: Role, passwordHash: String
    ) {
        self.id = id
        self.$organisation.id = organisationID
        self.username = username
        self.displayName = displayName
        self.role = role.rawValue
        self.passwordHash = passwordHash
        self.failedLogins = 0
    }

    /// Nil for a disabled user: whatever reads the principal (sessions, tokens) then refuses them.
    public var principal: Principal? {
        guard let id, disabledAt == nil, let role = Role(rawValue: role) else { return nil }
        return Principal(userID: id, username: username, organisationID: $organisation.id, role: role)
    }
}

extension Store {
    /// The principal of an enabled user, read with SQLKit: every page signed in by session asks for it, and
    /// Fluent's model decoding cost more than the query.
    public func activePrincipal(of userID: UUID) async throws -> Principal? {
        struct Row: Decodable {
            let id: UUID
            let username: String
            let organisation_id: UUID
            let role: String
        }
        let row = try await sql.select().columns("id", "username", "organisation_id", "role").from(UserModel.schema)
            .where("id", .equal, userID).where("disabled_at", .is, SQLLiteral.null).first(decoding: Row.self)
        guard let row, let role = Role(rawValue: row.role) else { return nil }
        return Principal(userID: row.id, username: row.username, organisationID: row.organisation_id, role: role)
    }
}
