/// One problem with input, naming the field (and, for a file, the row) so the user can fix it.
public struct ValidationIssue: Error, Sendable, Equatable, Codable, CustomStringConvertible {
    public let row: Int?
    public let field: String
    /// The English message, for the API and the logs.
    public let message: String
    /// What kind of problem it is, and the values its message names, so a page can say it in the
    /// reader's language (`validation.<code>` in the strings); nil for problems only the API meets.
    public let code: String?
    public let values: [String: String]?

    public init(row: Int? = nil, field: String, message: String, code: String? = nil, values: [String: String]? = nil) {
        self.row = row
        self.field = field
        self.message = message
        self.code = code
        self.values = values
    }

    /// The position in `list` the field names (`2` for `indicators[2].source` in `indicators`), if it names one.
    public func position(in list: String) -> Int? {
        guard field.hasPrefix(list + "["), let end = field.firstIndex(of: "]") else { return nil }
        return Int(field[field.index(field.startIndex, offsetBy: list.count + 1)..<end])
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
