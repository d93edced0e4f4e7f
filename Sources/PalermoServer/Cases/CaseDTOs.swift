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

/// A new case, with the cases that may be about the same person (the same names and birth date).
struct CreatedCase: Content {
    let record: CaseRecord
    let possibleDuplicates: [DuplicateCase]

    private enum Keys: String, CodingKey { case possibleDuplicates }

    init(record: CaseRecord, possibleDuplicates: [DuplicateCase]) {
        self.record = record
        self.possibleDuplicates = possibleDuplicates
    }

    init(from decoder: any Decoder) throws {
        record = try CaseRecord(from: decoder)
        possibleDuplicates =
            try decoder.container(keyedBy: Keys.self).decodeIfPresent([DuplicateCase].self, forKey: .possibleDuplicates)
            ?? []
    }

    func encode(to encoder: any Encoder) throws {
        try record.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(possibleDuplicates, forKey: .possibleDuplicates)
    }
}

extension DuplicateCase: Content {}
