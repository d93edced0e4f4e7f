import FluentKit
import Foundation
import PalermoCore

/// When the audit chain was last re-computed, and what came of it: the system status page shows it, and an
/// operator sees at a glance whether anyone has looked lately.
public final class AuditVerificationModel: Model, @unchecked Sendable {
    public static let schema = "audit_verifications"

    @ID(key: .id) public var id: UUID?
    @Field(key: "at") public var at: Date
    @Field(key: "intact") public var intact: Bool
    @OptionalField(key: "problem") public var problem: String?
    @Field(key: "by") public var by: String

    public init() {}
}

public struct AddAuditVerifications: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(AuditVerificationModel.schema)
            .id()
            .field("at", .datetime, .required)
            .field("intact", .bool, .required)
            .field("problem", .string)
            .field("by", .string, .required)
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(AuditVerificationModel.schema).delete()
    }
}

extension AuditLog {
    /// Verifies the chain and keeps the result.
    public func verifyAndRecord(checkpoint: AuditCheckpoint? = nil, by who: String) async throws -> AuditChain.Break? {
        let broken = try await verify(checkpoint: checkpoint)
        let model = AuditVerificationModel()
        model.at = Date()
        model.intact = broken == nil
        model.problem = broken.map { "\($0)" }
        model.by = who
        try await model.create(on: store.database)
        return broken
    }

    /// The last verification, if any.
    public func lastVerification() async throws -> (at: Date, intact: Bool, problem: String?, by: String)? {
        try await AuditVerificationModel.query(on: store.database).sort(\.$at, .descending).first()
            .map { ($0.at, $0.intact, $0.problem, $0.by) }
    }
}
