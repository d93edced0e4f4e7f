import FluentKit
import PalermoCore
import SQLKit

public struct CreateAuditLog: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(AuditEntryModel.schema)
            .field("seq", .int, .identifier(auto: false))
            .field("at", .datetime, .required)
            .field("actor_id", .uuid)
            .field("actor_name", .string, .required)
            .field("organisation_id", .uuid)
            .field("action", .string, .required)
            .field("case_id", .uuid)
            .field("fields", .string, .required)
            .field("detail", .string, .required)
            .field("previous_hash", .string, .required)
            .field("hash", .string, .required)
            .create()
        try await database.schema(AuditHeadModel.schema)
            .field("id", .int, .identifier(auto: false))
            .field("seq", .int, .required)
            .field("hash", .string, .required)
            .create()
        try await AuditHeadModel(sequence: 0, hash: AuditChain.genesis).create(on: database)
        if let sql = database as? any SQLDatabase {
            try await sql.raw("CREATE INDEX IF NOT EXISTS audit_by_case ON audit_log (case_id)").run()
        }
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(AuditHeadModel.schema).delete()
        try await database.schema(AuditEntryModel.schema).delete()
    }
}
