import Foundation
import PalermoCore
import SQLKit

/// What a case list shows of a person: the name and the age when identified (else today).
enum ListedPerson {
    static let fields = ["prs_FirstName", "prs_SecondName", "prs_Birthdate"]

    static func name(_ personal: CaseFields) -> String? {
        let parts = ["prs_FirstName", "prs_SecondName"].compactMap { personal[$0]?.description }.filter { !$0.isEmpty }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    static func age(_ personal: CaseFields, identifiedOn: String?) -> Int? {
        guard let birth = personal["prs_Birthdate"].flatMap({ CaseValidator.parseDate($0.description) }) else {
            return nil
        }
        let reference = identifiedOn.flatMap(CaseValidator.parseDate) ?? Date()
        return Calendar(identifier: .gregorian).dateComponents([.year], from: birth, to: reference).year
    }
}

/// Display names of users, for owners and authors shown beside cases, notes and tasks.
public struct UserNames: Sendable {
    let store: Store

    public func names(_ ids: Set<UUID>) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        struct Row: Decodable {
            let id: UUID
            let display_name: String
        }
        let rows = try await store.sql.select().columns("id", "display_name").from(UserModel.schema)
            .where(SQLIdentifier("id"), .in, SQLBind.group(Array(ids))).all(decoding: Row.self)
        return Dictionary(rows.map { ($0.id, $0.display_name) }, uniquingKeysWith: { a, _ in a })
    }
}
