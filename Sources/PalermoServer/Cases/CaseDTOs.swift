import Foundation
import PalermoCore
import PalermoStore
import Vapor

extension CaseRecord: Content {}
extension CasePage: Content {}

struct CaseInput: Content {
    let fields: [String: FieldValue?]
    /// On update: the version the client last read; a stale one gets 409 Conflict.
    let version: Int?
}

struct HistoryEntry: Content {
    let sequence: Int
    let at: Date
    let actor: String
    let action: String
    let fields: [String]
    let detail: String

    init(_ record: AuditRecord) {
        sequence = record.sequence
        at = record.at
        actor = record.actorName
        action = record.action.rawValue
        fields = record.fields
        detail = record.detail
    }
}
