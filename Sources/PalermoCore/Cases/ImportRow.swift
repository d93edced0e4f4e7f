/// One row of an import file: its line number, the fields it gives (nil for an empty cell, which clears the
/// field of a case the row updates), and, for a file Palermo exported, the case it came from.
public struct ImportRow: Sendable, Equatable {
    public let row: Int
    public let fields: [String: FieldValue?]
    /// The case code: the row updates that case instead of adding one.
    public let caseCode: String?
    /// The case's version when it was exported: a case changed since is not overwritten.
    public let version: Int?

    public init(row: Int, fields: [String: FieldValue?], caseCode: String? = nil, version: Int? = nil) {
        self.row = row
        self.fields = fields
        self.caseCode = caseCode
        self.version = version
    }

    /// The columns Palermo adds to an export beside the HTCDS fields.
    public static let caseCodeColumn = "palermo_CaseCode"
    public static let versionColumn = "palermo_Version"
}

/// What an import will do, or did: found before anything is written, so a person can look first.
public struct ImportPlan: Sendable, Codable, Equatable {
    public struct Duplicate: Sendable, Codable, Equatable {
        public let row: Int
        /// The stored case about the same person, or nil when it is an earlier row of the same file.
        public let caseID: String?
        public let caseCode: String?
        public let earlierRow: Int?

        public init(row: Int, caseID: String?, caseCode: String?, earlierRow: Int?) {
            self.row = row
            self.caseID = caseID
            self.caseCode = caseCode
            self.earlierRow = earlierRow
        }
    }

    public var rows: Int
    public var created: Int
    public var updated: Int
    public var unchanged: Int
    public var issues: [ValidationIssue]
    public var duplicates: [Duplicate]
    public var caseCodes: [String]

    public init() {
        rows = 0
        created = 0
        updated = 0
        unchanged = 0
        issues = []
        duplicates = []
        caseCodes = []
    }
}
