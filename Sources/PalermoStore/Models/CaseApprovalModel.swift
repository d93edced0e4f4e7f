import FluentKit
import Foundation

/// A change waiting for (or given) a supervisor's decision. The proposed values and the comment are sealed
/// with the request's own id, like a case's personal fields.
public final class CaseApprovalModel: Model, @unchecked Sendable {
    public static let schema = "case_approvals"

    @ID(key: .id) public var id: UUID?
    @Field(key: "case_id") public var caseID: UUID
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "kind") public var kind: String
    @Field(key: "sealed") public var sealed: String
    @Field(key: "requested_by") public var requestedBy: UUID
    @Field(key: "requested_by_name") public var requestedByName: String
    @OptionalField(key: "decision") public var decision: String?
    @OptionalField(key: "decided_by_name") public var decidedByName: String?
    @OptionalField(key: "decided_at") public var decidedAt: Date?
    @OptionalField(key: "sealed_comment") public var sealedComment: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}

/// Supervisors' approvals of trafficking-status decisions and closures.
public struct AddApprovals: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(CaseApprovalModel.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseModel.schema, "id"))
            .field("organisation_id", .uuid, .required)
            .field("kind", .string, .required)
            .field("sealed", .string, .required)
            .field("requested_by", .uuid, .required)
            .field("requested_by_name", .string, .required)
            .field("decision", .string)
            .field("decided_by_name", .string)
            .field("decided_at", .datetime)
            .field("sealed_comment", .string)
            .field("created_at", .datetime)
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(CaseApprovalModel.schema).delete()
    }
}
