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

    public init(actor: Principal?, actorName: String? = nil, action: AuditAction, caseID: UUID? = nil, fields: [String] = [], detail: String = "") {
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
    static func append(_ drafts: [AuditDraft], on db: any Database, isPostgres: Bool) async throws {
        guard !drafts.isEmpty, let sql = db as? any SQLDatabase else { return }
        struct Head: Decodable { let seq: Int; let hash: String }
        let lock = isPostgres ? " FOR UPDATE" : ""
        guard let head = try await sql.raw("SELECT seq, hash FROM audit_head WHERE id = 1\(unsafeRaw: lock)").first(decoding: Head.self) else {
            throw AuditChain.Break(sequence: 0, reason: "the audit head row is missing")
        }
        let now = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 * 1000).rounded() / 1000)
        var sequence = head.seq, previous = head.hash
        var rows: [[any SQLExpression]] = []
        rows.reserveCapacity(drafts.count)
        for draft in drafts {
            sequence += 1
            let record = AuditRecord(sequence: sequence, at: now, actorID: draft.actor?.userID, actorName: draft.actorName,
                                     organisationID: draft.actor?.organisationID, action: draft.action, caseID: draft.caseID,
                                     fields: draft.fields, detail: draft.detail)
            let hash = record.hash(previous: previous)
            rows.append([SQLBind(record.sequence), SQLBind(record.at), SQLBind(record.actorID), SQLBind(record.actorName),
                         SQLBind(record.organisationID), SQLBind(record.action.rawValue), SQLBind(record.caseID),
                         SQLBind(record.fields.joined(separator: ",")), SQLBind(record.detail), SQLBind(previous), SQLBind(hash)])
            previous = hash
        }
        // Plain SQL rather than Fluent models: this runs for every audited read, and the rows are written once.
        for chunk in stride(from: 0, to: rows.count, by: 500) {
            try await sql.insert(into: AuditEntryModel.schema)
                .columns("seq", "at", "actor_id", "actor_name", "organisation_id", "action", "case_id", "fields", "detail", "previous_hash", "hash")
                .rows(Array(rows[chunk..<min(chunk + 500, rows.count)]))
                .run()
        }
        try await sql.raw("UPDATE audit_head SET seq = \(bind: sequence), hash = \(bind: previous) WHERE id = 1").run()
    }

    /// Re-computes the whole chain; returns the first entry that does not fit, or nil when all is intact.
    public func verify() async throws -> AuditChain.Break? {
        var entries: [(record: AuditRecord, previousHash: String, hash: String)] = []
        var after = 0
        while true {
            let batch = try await AuditEntryModel.query(on: store.database).filter(\.$id > after).sort(\.$id).limit(5000).all()
            if batch.isEmpty { break }
            entries.append(contentsOf: batch.map { ($0.record, $0.previousHash, $0.hash) })
            after = batch.last?.id ?? after
        }
        if let broken = AuditChain.verify(entries) { return broken }
        // The head must agree with the last entry, or entries were cut off the end.
        let head = try await AuditHeadModel.find(1, on: store.database)
        if let head, head.sequence != (entries.last?.record.sequence ?? 0) || head.hash != (entries.last?.hash ?? AuditChain.genesis) {
            return AuditChain.Break(sequence: (entries.last?.record.sequence ?? 0) + 1,
                                    reason: "the log ends at entry \(entries.last?.record.sequence ?? 0) but the chain head says \(head.sequence): entries were deleted from the end")
        }
        return nil
    }

    /// The entries about one case, oldest first: its history.
    public func entries(forCase id: UUID) async throws -> [AuditRecord] {
        try await AuditEntryModel.query(on: store.database).filter(\.$caseID == id).sort(\.$id).all().map(\.record)
    }

    public func recent(limit: Int) async throws -> [AuditRecord] {
        try await AuditEntryModel.query(on: store.database).sort(\.$id, .descending).limit(limit).all().map(\.record)
    }
}
