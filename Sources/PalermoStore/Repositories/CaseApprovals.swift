import FluentKit
import Foundation
import PalermoCore

/// A request for a supervisor's decision, as its readers see it.
public struct CaseApproval: Sendable, Codable, Equatable {
    public let id: UUID
    public let caseID: UUID
    public var caseCode: String?
    public let kind: ApprovalKind
    /// The proposed values; a missing value clears the field.
    public let proposal: [String: FieldValue]
    public let requestedBy: String
    public let requestedAt: Date?
    /// "approved" or "returned"; nil while waiting.
    public let decision: String?
    public let decidedBy: String?
    public let decidedAt: Date?
    public let comment: String?
}

/// Requests for approval: made when a caseworker's change touches a decision that needs a second person,
/// decided by a supervisor or organisation admin of the same organisation. Both steps are audited.
public struct CaseApprovals: Sendable {
    let store: Store

    /// Writes the requests inside the caller's transaction. A kind already waiting for this case is refused:
    /// the supervisor decides on one proposal at a time.
    static func request(
        _ proposals: [(kind: ApprovalKind, fields: [String: FieldValue?])], caseID: UUID, by principal: Principal,
        on db: any Database, store: Store
    ) async throws {
        for (kind, fields) in proposals {
            let waiting = try await CaseApprovalModel.query(on: db).filter(\.$caseID == caseID)
                .filter(\.$kind == kind.rawValue).filter(\.$decision == nil).count()
            guard waiting == 0 else {
                throw ValidationFailure(
                    fields.keys.sorted().map {
                        .init(
                            field: $0, message: "a change to this already waits for a supervisor's decision",
                            code: "awaitingApproval")
                    })
            }
            let model = CaseApprovalModel()
            let id = UUID()
            model.id = id
            model.caseID = caseID
            model.organisationID = principal.organisationID
            model.kind = kind.rawValue
            model.sealed = try store.cipher.seal(fields.compactMapValues { $0 }, caseID: id)
            model.requestedBy = principal.userID
            model.requestedByName = principal.username
            try await model.create(on: db)
            try await AuditLog.append(
                [
                    AuditDraft(
                        actor: principal, action: .approvalRequested, caseID: caseID, fields: fields.keys.sorted(),
                        detail: kind.rawValue)
                ], on: db, isPostgres: store.isPostgres, keys: store.cipher.keys)
        }
    }

    /// Requests waiting for a decision in the principal's organisation (a case's, when given), oldest first.
    public func waiting(caseID: UUID? = nil, by principal: Principal) async throws -> [CaseApproval] {
        try await store.cases.requireCaseAccess(principal, caseID: caseID)
        var query = CaseApprovalModel.query(on: store.database).filter(\.$organisationID == principal.organisationID)
            .filter(\.$decision == nil)
        if let caseID { query = query.filter(\.$caseID == caseID) }
        return try await withCodes(query.sort(\.$createdAt).limit(500).all().map(decode))
    }

    /// The case a request waiting in the principal's organisation is about; nil for any other id.
    public func caseID(ofWaiting id: UUID, by principal: Principal) async throws -> UUID? {
        try await CaseApprovalModel.query(on: store.database).filter(\.$id == id)
            .filter(\.$organisationID == principal.organisationID).filter(\.$decision == nil)
            .field(\.$id).field(\.$caseID).first()?.caseID
    }

    /// A case's decided requests, newest first: what was approved or returned, and why.
    public func decided(caseID: UUID, by principal: Principal) async throws -> [CaseApproval] {
        try await CaseApprovalModel.query(on: store.database).filter(\.$organisationID == principal.organisationID)
            .filter(\.$caseID == caseID).filter(\.$decision != nil).sort(\.$decidedAt, .descending).limit(20).all()
            .map(decode)
    }

    /// Requests a user made that were returned lately: what she must look at again.
    public func returned(to principal: Principal, days: Int = 14) async throws -> [CaseApproval] {
        let since = Date().addingTimeInterval(-Double(days) * 86_400)
        return try await withCodes(
            CaseApprovalModel.query(on: store.database).filter(\.$organisationID == principal.organisationID)
                .filter(\.$requestedBy == principal.userID).filter(\.$decision == "returned")
                .filter(\.$decidedAt >= since).sort(\.$decidedAt, .descending).limit(50).all().map(decode))
    }

    /// Approves (the proposal is applied to the case as it is now, and must still make a valid case) or
    /// returns it with a comment. Only a supervisor or organisation admin decides, never on their own request.
    public func decide(
        _ id: UUID, approve: Bool, comment: String?, by principal: Principal
    ) async throws
        -> CaseApproval
    {
        guard principal.role.assignsCases else {
            try await store.audit.record([
                AuditDraft(
                    actor: principal, action: .denied, detail: "decide approval: role \(principal.role.rawValue)")
            ])
            throw StoreError.forbidden("approving needs the supervisor or organisation admin role")
        }
        let text = comment?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard text.count <= 2_000, approve || !text.isEmpty else {
            throw ValidationFailure([
                .init(
                    field: "comment", message: "say why it is returned, in at most 2,000 characters",
                    code: "commentRequired")
            ])
        }
        let cases = store.cases, store = self.store
        let rules = try await cases.rules(of: principal)
        let model: CaseApprovalModel = try await store.write { db in
            guard
                let model = try await CaseApprovalModel.query(on: db).filter(\.$id == id)
                    .filter(\.$organisationID == principal.organisationID).filter(\.$decision == nil).first(),
                let stored = try await cases.ownCase(model.caseID, of: principal, on: db)
            else { throw StoreError.notFound }
            guard model.requestedBy != principal.userID else {
                throw StoreError.forbidden("a second person decides: not the one who asked")
            }
            if approve {
                let before = try cases.decode(stored).fields
                var after = before
                let proposal = try store.cipher.open(model.sealed, caseID: id)
                let kind = ApprovalKind(rawValue: model.kind) ?? .closure
                for name in kind.fields { after[name] = proposal[name] }
                try rules.enforce(after, row: nil)
                let changed = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
                if !changed.isEmpty {
                    try cases.apply(
                        fields: after, to: stored, country: String(stored.caseCode.prefix(3)), by: principal)
                    stored.version += 1
                    try await stored.update(on: db)
                    try await AuditLog.append(
                        [
                            AuditDraft(
                                actor: principal, action: .update, caseID: stored.id, fields: changed,
                                detail: FieldChanges(before: before, after: after, names: changed).detail)
                        ], on: db, isPostgres: store.isPostgres, keys: store.cipher.keys)
                }
            }
            model.decision = approve ? "approved" : "returned"
            model.decidedByName = principal.username
            model.decidedAt = Date()
            model.sealedComment = text.isEmpty ? nil : try store.cipher.seal(["comment": .text(text)], caseID: id)
            try await model.update(on: db)
            try await AuditLog.append(
                [
                    AuditDraft(
                        actor: principal, action: approve ? .approve : .returned, caseID: model.caseID,
                        detail: model.kind)
                ], on: db, isPostgres: store.isPostgres, keys: store.cipher.keys)
            return model
        }
        return try decode(model)
    }

    func decode(_ model: CaseApprovalModel) throws -> CaseApproval {
        let id = try model.requireID()
        return CaseApproval(
            id: id, caseID: model.caseID, caseCode: nil, kind: ApprovalKind(rawValue: model.kind) ?? .closure,
            proposal: try store.cipher.open(model.sealed, caseID: id), requestedBy: model.requestedByName,
            requestedAt: model.createdAt, decision: model.decision, decidedBy: model.decidedByName,
            decidedAt: model.decidedAt,
            comment: try model.sealedComment.map { try store.cipher.open($0, caseID: id)["comment"]?.description ?? "" }
        )
    }

    private func withCodes(_ approvals: [CaseApproval]) async throws -> [CaseApproval] {
        let ids = Array(Set(approvals.map(\.caseID)))
        guard !ids.isEmpty else { return approvals }
        let models = try await CaseModel.query(on: store.database).filter(\.$id ~~ ids).field(\.$id).field(\.$caseCode)
            .all()
        let codes = Dictionary(
            models.compactMap { m in m.id.map { ($0, m.caseCode) } }, uniquingKeysWith: { a, _ in a })
        return approvals.map { approval in
            var approval = approval
            approval.caseCode = codes[approval.caseID]
            return approval
        }
    }
}

extension Store {
    public var approvals: CaseApprovals { CaseApprovals(store: self) }
}
