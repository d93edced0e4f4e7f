import Foundation

/// What one save changed, for the case's history: old and new values of the fields that are not personal
/// (they are stored in the clear anyway); personal fields are only named, never copied into the audit log.
public struct FieldChanges: Sendable, Equatable {
    public struct Change: Sendable, Equatable {
        public let field: String
        /// Nil for a personal field, and for a value that was not set.
        public let old: String?
        public let new: String?
        public let personal: Bool
    }

    public let changes: [Change]

    public init(before: CaseFields, after: CaseFields, names: [String]) {
        changes = names.map { name in
            let personal = HTCDS.personalFieldNames.contains(name)
            return Change(
                field: name, old: personal ? nil : before[name]?.description,
                new: personal ? nil : after[name]?.description, personal: personal)
        }
    }

    init(changes: [Change]) { self.changes = changes }

    /// The audit entry's detail: `{"prs_Gender":["Feminine","Masculine"],"prs_FirstName":null}`.
    public var detail: String {
        var object: [String: Any] = [:]
        for change in changes {
            object[change.field] = change.personal ? NSNull() : [change.old ?? "", change.new ?? ""]
        }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Reads a detail written by `detail`; nil for an entry written before values were kept.
    public static func parse(_ detail: String) -> FieldChanges? {
        guard detail.hasPrefix("{"), let data = detail.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return nil }
        let changes = object.keys.sorted().map { field -> Change in
            guard let pair = object[field] as? [String], pair.count == 2 else {
                return Change(field: field, old: nil, new: nil, personal: true)
            }
            return Change(
                field: field, old: pair[0].isEmpty ? nil : pair[0], new: pair[1].isEmpty ? nil : pair[1],
                personal: false)
        }
        return FieldChanges(changes: changes)
    }
}
