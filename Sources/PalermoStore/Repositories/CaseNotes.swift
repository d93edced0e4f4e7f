import FluentKit
import Foundation
import PalermoCore

/// A note as its reader sees it.
public struct CaseNote: Sendable, Codable, Equatable {
    public let id: UUID
    public let caseID: UUID
    public let author: String
    public let text: String
    public let corrects: UUID?
    public let createdAt: Date?
}

/// Notes on a case: append-only, sealed at rest, every write and every reading audited.
public struct CaseNotes: Sendable {
    let store: Store
    static let maxLength = 10_000

    public func add(_ text: String, to caseID: UUID, corrects: UUID?, by principal: Principal) async throws -> CaseNote
    {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...Self.maxLength).contains(trimmed.count) else {
            throw ValidationFailure([
                .init(
                    field: "text", message: "must be 1 to \(Self.maxLength) characters", code: "noteLength",
                    values: ["max": String(Self.maxLength)])
            ])
        }
        let cases = store.cases
        try await cases.requireCaseAccess(principal, caseID: caseID)
        let model = CaseNoteModel()
        let id = UUID()
        model.id = id
        model.caseID = caseID
        model.organisationID = principal.organisationID
        model.authorID = principal.userID
        model.authorName = principal.username
        model.sealed = try store.cipher.seal(["text": .text(trimmed)], caseID: id)
        model.corrects = corrects
        let store = self.store, isPostgres = store.isPostgres
        try await store.write { db in
            guard try await cases.ownCase(caseID, of: principal, on: db) != nil else { throw StoreError.notFound }
            if let corrects {
                let earlier = try await CaseNoteModel.query(on: db).filter(\.$id == corrects)
                    .filter(\.$caseID == caseID).first()
                guard earlier != nil else {
                    throw ValidationFailure([
                        .init(field: "corrects", message: "is not a note of this case", code: "notANote")
                    ])
                }
            }
            try await model.create(on: db)
            try await AuditLog.append(
                [AuditDraft(actor: principal, action: .note, caseID: caseID, detail: "note \(id)")], on: db,
                isPostgres: isPostgres, keys: store.cipher.keys)
        }
        return try decode(model)
    }

    /// The case's notes, oldest first. The caller has read the case (which checked access); the notes'
    /// reading is an audit entry of its own.
    public func list(of caseID: UUID, by principal: Principal) async throws -> [CaseNote] {
        let models = try await CaseNoteModel.query(on: store.database).filter(\.$caseID == caseID)
            .filter(\.$organisationID == principal.organisationID).sort(\.$createdAt).all()
        if !models.isEmpty {
            try await store.audit.record([
                AuditDraft(actor: principal, action: .read, caseID: caseID, fields: ["notes"])
            ])
        }
        return try models.map(decode)
    }

    func decode(_ model: CaseNoteModel) throws -> CaseNote {
        let id = try model.requireID()
        let text = try store.cipher.open(model.sealed, caseID: id)["text"]?.description ?? ""
        return CaseNote(
            id: id, caseID: model.caseID, author: model.authorName, text: text, corrects: model.corrects,
            createdAt: model.createdAt)
    }
}
