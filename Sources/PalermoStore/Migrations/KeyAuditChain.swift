import FluentKit
import SQLKit

/// From now on the audit chain is keyed (HMAC with the key ring's audit key). Entries already written keep
/// their SHA-256 links; `keyed_from` says where the keyed part of the chain begins.
public struct KeyAuditChain: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema("audit_head").field("keyed_from", .int, .required, .sql(.default(1))).update()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("UPDATE audit_head SET keyed_from = seq + 1").run()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema("audit_head").deleteField("keyed_from").update()
    }
}
