import Foundation
import PalermoCore
import SQLKit

/// What a case list shows of a person: the name and the age when identified (else today).
enum ListedPerson {
    static let fields = ["prs_FirstName", "prs_SecondName", "prs_Birthdate"]

    /// The three sealed fields a list reads (see `FieldCipher.open(_:from:caseID:)`).
    struct Sealed: Decodable {
        let prs_FirstName, prs_SecondName, prs_Birthdate: FieldValue?
    }

    static func name(_ personal: Sealed) -> String? {
        let parts = [personal.prs_FirstName, personal.prs_SecondName].compactMap { $0?.description }
            .filter { !$0.isEmpty }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    /// Whole years from the birth date to identification (else `today`), from the stored YYYY-MM-DD days
    /// directly: a list computes 25 of these per page, and calendar arithmetic costs more than the page.
    static func age(_ personal: Sealed, identifiedOn: String?, today: Day?) -> Int? {
        guard let birth = personal.prs_Birthdate.flatMap({ Day($0.description) }) else { return nil }
        guard let reference = identifiedOn.flatMap(Day.init) ?? today else { return nil }
        let years = reference.year - birth.year - ((reference.month, reference.day) < (birth.month, birth.day) ? 1 : 0)
        return years >= 0 ? years : nil
    }

    /// A stored day, YYYY-MM-DD (stored values were validated on the way in).
    struct Day {
        let year, month, day: Int

        init?(_ text: String) {
            let parts = text.prefix(10).split(separator: "-")
            guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
            else { return nil }
            (self.year, self.month, self.day) = (year, month, day)
        }
    }
}

/// Display names of users, for owners and authors shown beside cases, notes and tasks.
public struct UserNames: Sendable {
    let store: Store

    /// The owner's display name beside a case in one query with it: a subquery (not a join), so that the
    /// case list's filters keep naming the case table's columns alone.
    static let ofOwner = SQLGroupExpression(
        SQLRaw(
            "SELECT display_name FROM \(UserModel.schema) WHERE \(UserModel.schema).id = \(CaseModel.schema).owner_id"))

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
