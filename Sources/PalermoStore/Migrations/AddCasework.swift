import FluentKit
import SQLKit

/// Case management beyond the record: an owner and other assigned users per case, an organisation's own
/// minimum core, and the case's notes and tasks.
public struct AddCasework: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(OrganisationModel.schema).field("case_core", .string).update()
        // SQLite adds one column per ALTER TABLE.
        try await database.schema(CaseModel.schema).field("owner_id", .uuid).update()
        try await database.schema(CaseModel.schema).field("assignees", .string).update()
        try await database.schema(CaseNoteModel.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseModel.schema, "id"))
            .field("organisation_id", .uuid, .required)
            .field("author_id", .uuid, .required)
            .field("author_name", .string, .required)
            .field("sealed", .string, .required)
            .field("corrects", .uuid)
            .field("created_at", .datetime)
            .create()
        try await database.schema(CaseTaskModel.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseModel.schema, "id"))
            .field("organisation_id", .uuid, .required)
            .field("sealed_title", .string, .required)
            .field("due_on", .string)
            .field("assignee_id", .uuid)
            .field("created_by", .uuid, .required)
            .field("done_at", .datetime)
            .field("done_by", .uuid)
            .field("created_at", .datetime)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX IF NOT EXISTS cases_by_owner ON cases (organisation_id, owner_id)").run()
        try await sql.raw("CREATE INDEX IF NOT EXISTS case_notes_by_case ON case_notes (case_id, created_at)").run()
        try await sql.raw(
            "CREATE INDEX IF NOT EXISTS case_tasks_by_assignee ON case_tasks (organisation_id, assignee_id)"
        )
        .run()
        try await sql.raw("CREATE INDEX IF NOT EXISTS case_tasks_by_case ON case_tasks (case_id)").run()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(CaseTaskModel.schema).delete()
        try await database.schema(CaseNoteModel.schema).delete()
        try await database.schema(CaseModel.schema).deleteField("owner_id").update()
        try await database.schema(CaseModel.schema).deleteField("assignees").update()
        try await database.schema(OrganisationModel.schema).deleteField("case_core").update()
    }
}
