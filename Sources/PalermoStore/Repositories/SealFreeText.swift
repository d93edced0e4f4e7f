import FluentKit
import Foundation
import PalermoCore
import SQLKit

extension CaseRepository {
    /// Moves into the sealed box every field that is personal now but was stored in the clear by an earlier
    /// release (free-text reasons and referral fields), in one transaction with one audit entry. Runs on every
    /// start; a LIKE on the stored JSON finds the rows, so a store with none left costs one scan.
    public func sealFieldsStoredInTheClear() async throws -> Int {
        let sql = try store.sql
        let names = HTCDS.personalFieldNames.sorted()
        let found = try await sql.select().column("id").from(CaseModel.schema)
            .where { group in
                for name in names { group.orWhere("record", .like, "%\"\(name)\"%") }
                return group
            }
            .all(decodingColumn: "id", as: UUID.self)
        guard !found.isEmpty else { return 0 }
        let store = self.store, repository = self
        return try await store.write { db in
            for id in found {
                guard let model = try await CaseModel.find(id, on: db) else { continue }
                let fields = try repository.decode(model).fields
                model.record = String(
                    decoding: try JSONEncoder.sorted.encode(fields.withoutPersonalFields), as: UTF8.self)
                model.sealed = try store.cipher.seal(fields.personalFields, caseID: id)
                try await model.update(on: db)
            }
            try await AuditLog.append(
                [
                    AuditDraft(
                        actor: nil, actorName: "system", action: .rotateKeys,
                        detail: "sealed free-text fields of \(found.count) case(s) stored in the clear")
                ],
                on: db, isPostgres: store.isPostgres, keys: store.cipher.keys)
            return found.count
        }
    }
}
