import FluentKit
import SQLKit

public struct CreateCases: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(CaseModel.schema)
            .id()
            .field("organisation_id", .uuid, .required, .references(OrganisationModel.schema, "id"))
            .field("case_code", .string, .required)
            .field("record", .string, .required)
            .field("sealed", .string, .required)
            .field("search_tokens", .string, .required)
            .field("status", .string)
            .field("trafficking_status", .string)
            .field("gender", .string)
            .field("citizenship", .string)
            .field("age_group", .string)
            .field("exploitation", .string, .required)
            .field("country_of_exploitation", .string)
            .field("identified_on", .string)
            .field("version", .int, .required)
            .field("created_by", .uuid, .required)
            .field("updated_by", .uuid, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "case_code")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.raw("CREATE INDEX IF NOT EXISTS cases_by_organisation ON cases (organisation_id, updated_at)")
                .run()
        }
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(CaseModel.schema).delete()
    }
}
