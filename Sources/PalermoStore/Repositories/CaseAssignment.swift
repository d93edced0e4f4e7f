import FluentKit
import Foundation
import PalermoCore
import SQLKit

/// Who works on which case. Supervisors and organisation admins give cases an owner (one user of the
/// organisation who handles cases) and other assigned users, one case or many at a time.
public struct CaseAssignment: Sendable {
    let store: Store

    /// Sets the owner (nil: unassigned) of every case listed, and, when given, its other assigned users.
    /// All or nothing: a case of another organisation or an unknown user refuses the whole request.
    public func assign(
        _ caseIDs: [UUID], owner: UUID?, assignees: [UUID]?, by principal: Principal
    ) async throws -> Int {
        guard principal.role.assignsCases else {
            try await store.audit.record([
                AuditDraft(actor: principal, action: .denied, detail: "assign: role \(principal.role.rawValue)")
            ])
            throw StoreError.forbidden("assigning cases needs the supervisor or organisation admin role")
        }
        let people = Set([owner].compactMap { $0 } + (assignees ?? []))
        let staff = try await caseStaff(of: principal.organisationID)
        if let stranger = people.first(where: { staff[$0] == nil }) {
            throw ValidationFailure([
                .init(
                    field: owner == stranger ? "owner" : "assignees",
                    message: "\(stranger) is not an active caseworker, supervisor or admin of this organisation",
                    code: "notStaff")
            ])
        }
        let unique = Array(Set(caseIDs))
        let store = self.store, isPostgres = store.isPostgres
        let stored = assignees.map { Assignees.stored($0.filter { $0 != owner }) }
        return try await store.write { db in
            let models = try await CaseModel.query(on: db).filter(\.$id ~~ unique)
                .filter(\.$organisationID == principal.organisationID).all()
            guard models.count == unique.count else { throw StoreError.notFound }
            for model in models {
                model.ownerID = owner
                if let stored { model.assignees = stored }
                try await model.update(on: db)
            }
            let who = owner.flatMap { staff[$0] } ?? ""
            try await AuditLog.append(
                models.map {
                    AuditDraft(actor: principal, action: .assign, caseID: $0.id, detail: "owner: \(who)")
                }, on: db, isPostgres: isPostgres, keys: store.cipher.keys)
            return models.count
        }
    }

    /// The same staff as a list by name, as pickers and lists show them.
    public func staffByName(of organisationID: UUID) async throws -> [(id: UUID, name: String)] {
        try await caseStaff(of: organisationID).map { (id: $0.key, name: $0.value) }.sorted { $0.name < $1.name }
    }

    /// Active users of the organisation who handle cases, by id, with their display names.
    public func caseStaff(of organisationID: UUID) async throws -> [UUID: String] {
        // Read with SQLKit: the case list asks on every page, and Fluent's model decoding was most of its cost.
        struct Row: Decodable {
            let id: UUID
            let display_name: String
            let role: String
        }
        let users = try await store.sql.select().columns("id", "display_name", "role").from(UserModel.schema)
            .where("organisation_id", .equal, organisationID).where("disabled_at", .is, SQLLiteral.null)
            .all(decoding: Row.self)
        return Dictionary(
            users.compactMap { Role(rawValue: $0.role)?.handlesCases == true ? ($0.id, $0.display_name) : nil },
            uniquingKeysWith: { a, _ in a })
    }
}

extension Store {
    public var assignment: CaseAssignment { CaseAssignment(store: self) }
    public var notes: CaseNotes { CaseNotes(store: self) }
    public var tasks: CaseTasks { CaseTasks(store: self) }
}
