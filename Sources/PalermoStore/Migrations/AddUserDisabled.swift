import FluentKit

/// When a user was disabled; a disabled user signs in no more and their sessions and tokens stop working.
public struct AddUserDisabled: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(UserModel.schema).field("disabled_at", .datetime).update()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(UserModel.schema).deleteField("disabled_at").update()
    }
}
