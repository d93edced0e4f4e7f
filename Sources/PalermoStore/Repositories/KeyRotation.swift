import FluentKit
import Foundation
import PalermoCore

extension CaseRepository {
    /// Re-seals every case whose personal fields were sealed with an older key, in one transaction.
    /// The store's cipher must hold both the old keys (to open) and the new active key (to seal).
    public func resealAll(by actorName: String) async throws -> Int {
        let cipher = store.cipher, isPostgres = store.isPostgres
        return try await store.write { db in
            let stale = try await CaseModel.query(on: db).all().filter { cipher.needsResealing($0.sealed) }
            for model in stale {
                let id = try model.requireID()
                model.sealed = try cipher.seal(try cipher.open(model.sealed, caseID: id), caseID: id)
                try await model.update(on: db)
            }
            try await AuditLog.append(
                [
                    AuditDraft(
                        actor: nil, actorName: actorName, action: .rotateKeys,
                        detail: "re-sealed \(stale.count) case(s) with key \(cipher.keys.active)")
                ],
                on: db, isPostgres: isPostgres, keys: cipher.keys)
            return stale.count
        }
    }
}
