import FluentKit
import Foundation
import PalermoCore

extension CaseRepository {
    /// Makes two cases about one person one. The kept case takes, field by field, the values chosen from the
    /// other (`take` names those fields); the other case's notes, tasks and requests move to it, and the other
    /// case goes. Its history stays in the audit log under its own id, and the kept case's history shows it.
    public func merge(
        _ keptID: UUID, absorbing otherID: UUID, take: Set<String>, by principal: Principal
    ) async throws -> CaseRecord {
        guard principal.role.assignsCases else {
            try await store.audit.record([
                AuditDraft(
                    actor: principal, action: .denied, caseID: keptID, detail: "merge: role \(principal.role.rawValue)")
            ])
            throw StoreError.forbidden("merging cases needs the supervisor or organisation admin role")
        }
        if let unknown = take.first(where: { HTCDS.field(named: $0) == nil }) {
            throw ValidationFailure([
                .init(field: unknown, message: "is not a field of HTCDS 2.0", code: "unknownField")
            ])
        }
        guard keptID != otherID else {
            throw ValidationFailure([
                .init(field: "other", message: "a case cannot be merged with itself", code: "sameCase")
            ])
        }
        let rules = try await rules(of: principal)
        let store = self.store, isPostgres = store.isPostgres
        let kept: CaseModel = try await store.write { db in
            guard let kept = try await ownCase(keptID, of: principal, on: db),
                let other = try await ownCase(otherID, of: principal, on: db)
            else { throw StoreError.notFound }
            let before = try decode(kept).fields
            let theirs = try decode(other).fields
            var after = before
            for name in take { after[name] = theirs[name] }
            try rules.enforce(after, row: nil)
            let changed = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
            try apply(fields: after, to: kept, country: String(kept.caseCode.prefix(3)), by: principal)
            kept.version += 1
            if kept.ownerID == nil { kept.ownerID = other.ownerID }
            let assignees = Set(
                Assignees.parse(kept.assignees) + Assignees.parse(other.assignees) + [other.ownerID].compactMap { $0 })
            kept.assignees = Assignees.stored(
                assignees.filter { $0 != kept.ownerID }.sorted { $0.uuidString < $1.uuidString })
            try await kept.update(on: db)
            try await CaseNoteModel.query(on: db).set(\.$caseID, to: keptID).filter(\.$caseID == otherID).update()
            try await CaseTaskModel.query(on: db).set(\.$caseID, to: keptID).filter(\.$caseID == otherID).update()
            try await CaseApprovalModel.query(on: db).set(\.$caseID, to: keptID).filter(\.$caseID == otherID).update()
            try await SupportPlanModel.query(on: db).set(\.$caseID, to: keptID).filter(\.$caseID == otherID).update()
            try await other.delete(on: db)
            try await AuditLog.append(
                [
                    AuditDraft(
                        actor: principal, action: .merge, caseID: otherID,
                        detail: "merged into \(keptID.uuidString) \(kept.caseCode)"),
                    AuditDraft(
                        actor: principal, action: .merge, caseID: keptID, fields: changed,
                        detail: "absorbed \(otherID.uuidString) \(other.caseCode)"),
                    AuditDraft(
                        actor: principal, action: .update, caseID: keptID, fields: changed,
                        detail: FieldChanges(before: before, after: after, names: changed).detail),
                ], on: db, isPostgres: isPostgres, keys: store.cipher.keys)
            return kept
        }
        return try decode(kept)
    }
}

extension AuditLog {
    /// A case's history with the histories of the cases merged into it, in the order things happened.
    public func history(ofCase id: UUID) async throws -> [AuditRecord] {
        var entries = try await entries(forCase: id)
        var seen: Set<UUID> = [id]
        var pending = Self.absorbed(entries)
        while let next = pending.popLast() {
            guard seen.insert(next).inserted else { continue }
            let more = try await self.entries(forCase: next)
            entries += more
            pending += Self.absorbed(more)
        }
        return entries.sorted { $0.sequence < $1.sequence }
    }

    static func absorbed(_ entries: [AuditRecord]) -> [UUID] {
        entries.compactMap { entry in
            guard entry.action == .merge, entry.detail.hasPrefix("absorbed ") else { return nil }
            return UUID(uuidString: String(entry.detail.dropFirst(9).prefix(36)))
        }
    }
}
