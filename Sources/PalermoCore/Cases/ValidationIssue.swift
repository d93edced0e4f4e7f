/// One problem with input, naming the field (and, for a file, the row) so the user can fix it.
public struct ValidationIssue: Error, Sendable, Equatable, Codable, CustomStringConvertible {
    public let row: Int?
    public let field: String
    public let message: String

    public init(row: Int? = nil, field: String, message: String) {
        self.row = row
        self.field = field
        self.message = message
    }

    public var description: String {
        (row.map { "row \($0), " } ?? "") + "\(field): \(message)"
    }
}

/// Input that failed validation; carries every issue found, not only the first.
public struct ValidationFailure: Error, Sendable, CustomStringConvertible {
    public let issues: [ValidationIssue]
    public init(_ issues: [ValidationIssue]) { self.issues = issues }
    public var description: String { issues.map(\.description).joined(separator: "; ") }
}
