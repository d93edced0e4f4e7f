import FluentKit
import Foundation
import PalermoCore

/// One row of the append-only, hash-chained audit log.
public final class AuditEntryModel: Model, @unchecked Sendable {
    public static let schema = "audit_log"

    @ID(custom: "seq", generatedBy: .user) public var id: Int?
    @Field(key: "at") public var at: Date
    @OptionalField(key: "actor_id") public var actorID: UUID?
    @Field(key: "actor_name") public var actorName: String
    @OptionalField(key: "organisation_id") public var organisationID: UUID?
    @Field(key: "action") public var action: String
    @OptionalField(key: "case_id") public var caseID: UUID?
    @Field(key: "fields") public var fields: String
    @Field(key: "detail") public var detail: String
    @Field(key: "previous_hash") public var previousHash: String
    @Field(key: "hash") public var hash: String

    public init() {}

    init(_ record: AuditRecord, previousHash: String, hash: String) {
        id = record.sequence
        at = record.at
        actorID = record.actorID
        actorName = record.actorName
        organisationID = record.organisationID
        action = record.action.rawValue
        caseID = record.caseID
        fields = record.fields.joined(separator: ",")
        detail = record.detail
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The entry as it reads back; an unknown action is kept visible so that verification fails on it.
    public var record: AuditRecord {
        AuditRecord(
            sequence: id ?? 0, at: at, actorID: actorID, actorName: actorName, organisationID: organisationID,
            action: AuditAction(rawValue: action) ?? .denied, caseID: caseID,
            fields: fields.isEmpty ? [] : fields.split(separator: ",").map(String.init),
            detail: AuditAction(rawValue: action) == nil ? "\(detail) [action '\(action)']" : detail)
    }
}

/// The single row holding the chain's last sequence number and hash; locking it serialises appends.
final class AuditHeadModel: Model, @unchecked Sendable {
    static let schema = "audit_head"

    @ID(custom: "id", generatedBy: .user) var id: Int?
    @Field(key: "seq") var sequence: Int
    @Field(key: "hash") var hash: String

    init() {}

    init(sequence: Int, hash: String) {
        id = 1
        self.sequence = sequence
        self.hash = hash
    }
}
