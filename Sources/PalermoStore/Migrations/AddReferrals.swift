import FluentKit
import SQLKit

/// Consent records and referrals between organisations.
public struct AddReferrals: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(ConsentModel.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseModel.schema, "id"))
            .field("organisation_id", .uuid, .required)
            .field("recipient_id", .uuid, .required)
            .field("purpose", .string, .required)
            .field("groups", .string, .required)
            .field("given_on", .string, .required)
            .field("valid_until", .string, .required)
            .field("method", .string, .required)
            .field("witness_id", .uuid)
            .field("informed_in", .string, .required)
            .field("created_by", .uuid, .required)
            .field("withdrawn_at", .datetime)
            .field("withdrawn_by", .uuid)
            .field("created_at", .datetime)
            .create()
        try await database.schema(ReferralModel.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseModel.schema, "id"))
            .field("sender_id", .uuid, .required)
            .field("receiver_id", .uuid, .required)
            .field("service", .string, .required)
            .field("consent_id", .uuid)
            .field("override_reason", .string)
            .field("override_groups", .string)
            .field("state", .string, .required)
            .field("decline_reason", .string)
            .field("outcome", .string)
            .field("linked_case_id", .uuid)
            .field("created_by", .uuid, .required)
            .field("responded_at", .datetime)
            .field("responded_by", .uuid)
            .field("closed_at", .datetime)
            .field("created_at", .datetime)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX IF NOT EXISTS consents_by_case ON consents (case_id)").run()
        try await sql.raw("CREATE INDEX IF NOT EXISTS referrals_by_receiver ON referrals (receiver_id, state)").run()
        try await sql.raw("CREATE INDEX IF NOT EXISTS referrals_by_sender ON referrals (sender_id, state)").run()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(ReferralModel.schema).delete()
        try await database.schema(ConsentModel.schema).delete()
    }
}
