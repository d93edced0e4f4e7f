import FluentKit
import Foundation
import PalermoCore

/// A case that may be about the same person as another.
public struct DuplicateCase: Sendable, Codable, Equatable {
    public let id: UUID
    public let caseCode: String
}

extension CaseRepository {
    /// Cases of the principal's organisation about the same person: the same linkage key (names in any order,
    /// folded, and the birth date), the key Palermo already uses to link people for the hidden figure.
    public func possibleDuplicates(
        of fields: [String: FieldValue?], excluding: UUID? = nil, by principal: Principal
    ) async throws -> [DuplicateCase] {
        try await requireCaseAccess(principal, caseID: nil)
        guard let clean = try? Self.validated(fields, row: nil),
            let key = store.cipher.linkageKey(for: clean.compactMapValues { $0 })
        else { return [] }
        var query = CaseModel.query(on: store.database).filter(\.$organisationID == principal.organisationID)
            .filter(\.$linkageKey == key)
        if let excluding { query = query.filter(\.$id != excluding) }
        return try await query.field(\.$id).field(\.$caseCode).sort(\.$caseCode).limit(20).all().compactMap { model in
            model.id.map { DuplicateCase(id: $0, caseCode: model.caseCode) }
        }
    }

    /// New cases of one file about the same person as a stored case, or as an earlier row of the file.
    func duplicates(
        in models: [CaseModel], rows: [Int], by principal: Principal
    ) async throws
        -> [ImportPlan.Duplicate]
    {
        let keys = Set(models.compactMap(\.linkageKey))
        guard !keys.isEmpty else { return [] }
        var stored: [String: CaseModel] = [:]
        for chunk in Array(keys).chunked(500) {
            let rows = try await CaseModel.query(on: store.database)
                .filter(\.$organisationID == principal.organisationID).filter(\.$linkageKey ~~ Array(chunk))
                .field(\.$id).field(\.$linkageKey).field(\.$caseCode).all()
            for row in rows { if let key = row.linkageKey { stored[key] = row } }
        }
        var seen: [String: Int] = [:]
        var found: [ImportPlan.Duplicate] = []
        for (model, row) in zip(models, rows) {
            guard let key = model.linkageKey else { continue }
            if let match = stored[key] {
                found.append(.init(row: row, caseID: match.id?.uuidString, caseCode: match.caseCode, earlierRow: nil))
            } else if let earlier = seen[key] {
                found.append(.init(row: row, caseID: nil, caseCode: nil, earlierRow: earlier))
            } else {
                seen[key] = row
            }
        }
        return found
    }
}

extension Array {
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
