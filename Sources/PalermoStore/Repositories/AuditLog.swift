import Crypto
import FluentKit
import Foundation
import PalermoCore
import SQLKit

/// What to record; the log adds the sequence number, the time and the hashes.
public struct AuditDraft: Sendable {
    public var actor: Principal?
    public var actorName: String
    public var action: AuditAction
    public var caseID: UUID?
    public var fields: [String]
    public var detail: String

    public init(
        actor: Principal?, actorName: String? = nil, action: AuditAction, caseID: UUID? = nil, fields: [String] = [],
        detail: String = ""
    ) {
        self.actor = actor
        self.actorName = actorName ?? actor?.username ?? "system"
        self.action = action
        self.caseID = caseID
        self.fields = fields
        self.detail = detail
    }
}

/// The append-only, hash-chained audit log.
public struct AuditLog: Sendable {
    let store: Store

    /// Records entries that go with no other change, committed (with any others waiting) before it returns.
    public func record(_ drafts: [AuditDraft]) async throws {
        try await store.groupCommit.record(drafts)
    }

    /// Appends inside the caller's transaction, so the audit entry and the change it records commit together.
    static func append(_ drafts: [AuditDraft], on db: any Database, isPostgres: Bool, keys: KeyRing) async throws {
        guard !drafts.isEmpty, let sql = db as? any SQLDatabase else { return }
        struct Head: Decodable { let seq: Int; let hash: String }
        let lock = isPostgres ? " FOR UPDATE" : ""
        guard
            let head = try await sql.raw("SELECT seq, hash FROM audit_head WHERE id = 1\(unsafeRaw: lock)").first(
                decoding: Head.self)
        else {
            throw AuditChain.Break(sequence: 0, reason: "the audit head row is missing")
        }
        let key = keys.auditKey
        let now = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 * 1000).rounded() / 1000)
        var sequence = head.seq, previous = head.hash
        var rows: [[any SQLExpression]] = []
        rows.reserveCapacity(drafts.count)
        for draft in drafts {
            sequence += 1
            let record = AuditRecord(
                sequence: sequence, at: now, actorID: draft.actor?.userID, actorName: draft.actorName,
                organisationID: draft.actor?.organisationID, action: draft.action, caseID: draft.caseID,
                fields: draft.fields, detail: draft.detail)
            let hash = record.hash(previous: previous, key: key)
            rows.append([
                SQLBind(record.sequence), SQLBind(record.at), SQLBind(record.actorID), SQLBind(record.actorName),
                SQLBind(record.organisationID), SQLBind(record.action.rawValue), SQLBind(record.caseID),
                SQLBind(record.fields.joined(separator: ",")), SQLBind(record.detail), SQLBind(previous), SQLBind(hash),
            ])
            previous = hash
        }
        // Plain SQL rather than Fluent models: this runs for every audited read, and the rows are written once.
        for chunk in stride(from: 0, to: rows.count, by: 500) {
            try await sql.insert(into: AuditEntryModel.schema)
                .columns(
                    "seq", "at", "actor_id", "actor_name", "organisation_id", "action", "case_id", "fields", "detail",
                    "previous_hash", "hash"
                )
                .rows(Array(rows[chunk..<min(chunk + 500, rows.count)]))
                .run()
        }
        try await sql.raw("UPDATE audit_head SET seq = \(bind: sequence), hash = \(bind: previous) WHERE id = 1").run()
    }

    /// Re-computes the whole chain; returns the first entry that does not fit, or nil when all is intact.
    /// With a checkpoint (see `checkpoint()`), also proves that nothing up to it was cut off or rewritten.
    public func verify(checkpoint: AuditCheckpoint? = nil) async throws -> AuditChain.Break? {
        let sql = try store.sql
        struct Head: Decodable { let seq: Int; let hash: String; let keyed_from: Int }
        guard
            let head = try await sql.raw("SELECT seq, hash, keyed_from FROM audit_head WHERE id = 1").first(
                decoding: Head.self)
        else {
            return AuditChain.Break(sequence: 0, reason: "the chain's head row is missing (deleted)")
        }
        var entries: [(record: AuditRecord, previousHash: String, hash: String)] = []
        var after = 0
        while true {
            let batch = try await AuditEntryModel.query(on: store.database).filter(\.$id > after).sort(\.$id).limit(
                5000
            ).all()
            if batch.isEmpty { break }
            entries.append(contentsOf: batch.map { ($0.record, $0.previousHash, $0.hash) })
            after = batch.last?.id ?? after
        }
        let keys = store.cipher.keys
        if let broken = AuditChain.verify(entries, key: keys.auditKey, keyedFrom: head.keyed_from) { return broken }
        // The head must agree with the last entry, or entries were cut off the end.
        let last = entries.last?.record.sequence ?? 0
        if head.seq != last || head.hash != (entries.last?.hash ?? AuditChain.genesis) {
            return AuditChain.Break(
                sequence: last + 1,
                reason:
                    "the log ends at entry \(last) but the chain head says \(head.seq): entries were deleted from the end"
            )
        }
        if let checkpoint {
            guard checkpoint.isSigned(by: keys.checkpointKey) else {
                return AuditChain.Break(
                    sequence: checkpoint.sequence, reason: "the checkpoint's signature does not match this key ring")
            }
            guard checkpoint.sequence <= last else {
                return AuditChain.Break(
                    sequence: last + 1,
                    reason: "the log ends at entry \(last), before the checkpoint at "
                        + "\(checkpoint.sequence): entries were cut off the end and the head rewound")
            }
            if checkpoint.sequence > 0, entries[checkpoint.sequence - 1].hash != checkpoint.hash {
                return AuditChain.Break(
                    sequence: checkpoint.sequence,
                    reason: "differs from the checkpoint: the log was rewritten up to here")
            }
        }
        return nil
    }

    /// A signed statement of the chain's head now, for an operator to keep outside the database.
    public func checkpoint() async throws -> AuditCheckpoint {
        let head = try await AuditHeadModel.find(1, on: store.database)
        guard let head else { throw AuditChain.Break(sequence: 0, reason: "the chain's head row is missing (deleted)") }
        return AuditCheckpoint(
            sequence: head.sequence, hash: head.hash, at: Date(), key: store.cipher.keys.checkpointKey)
    }

    /// The entries about one case, oldest first: its history.
    public func entries(forCase id: UUID) async throws -> [AuditRecord] {
        try await AuditEntryModel.query(on: store.database).filter(\.$caseID == id).sort(\.$id).all().map(\.record)
    }

    public func recent(limit: Int) async throws -> [AuditRecord] {
        try await AuditEntryModel.query(on: store.database).sort(\.$id, .descending).limit(limit).all().map(\.record)
    }
}
