import FluentKit
import SQLKit

/// The linkage key of each case, for multiple systems estimation across organisations.
public struct AddLinkageKey: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(CaseModel.schema).field("linkage_key", .string).update()
        if let sql = database as? any SQLDatabase {
            try await sql.raw("CREATE INDEX IF NOT EXISTS cases_by_linkage ON cases (linkage_key)").run()
        }
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(CaseModel.schema).deleteField("linkage_key").update()
    }
}
