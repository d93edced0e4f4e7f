import FluentKit
import Foundation
import PalermoCore
import SQLKit

extension CaseRepository {
    /// Whether the start about to run migrations must seal free text afterwards: the store has not yet done
    /// so (`SealFreeTextOnce` not applied). A store without a migration table yet is new, and gets it too.
    public func sealsFreeTextAtStart() async -> Bool {
        struct Row: Decodable { let n: Int }
        let name = SealFreeTextOnce().name
        guard let sql = try? store.sql,
            let row = try? await sql.select()
                .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("n")))
                .from("_fluent_migrations").where("name", .equal, name).first(decoding: Row.self)
        else { return true }
        return row.n == 0
    }

    /// Moves into the sealed box every field that is personal now but was stored in the clear by an earlier
    /// release (free-text reasons and referral fields), in one transaction with one audit entry. A LIKE on
    /// the stored JSON finds the rows: a scan of every case, so it runs once (see `sealsFreeTextAtStart`).
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
