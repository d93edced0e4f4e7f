import Foundation

/// The users assigned to a case beside its owner, stored as " id id " so one LIKE finds a user's cases.
enum Assignees {
    static func parse(_ stored: String?) -> [UUID] {
        (stored ?? "").split(separator: " ").compactMap { UUID(uuidString: String($0)) }
    }

    static func stored(_ ids: [UUID]) -> String? {
        ids.isEmpty ? nil : " " + ids.map(\.uuidString).joined(separator: " ") + " "
    }
}
