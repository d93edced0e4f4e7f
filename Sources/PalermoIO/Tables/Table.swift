/// A rectangular sheet of text cells as read from a CSV or XLSX file, with each row's number in the file
/// (1-based, as a spreadsheet shows it) so that problems can be reported where the user will look.
public struct Table: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public let number: Int
        public let cells: [String]
        public init(number: Int, cells: [String]) {
            self.number = number
            self.cells = cells
        }
    }

    public var rows: [Row]

    public init(rows: [Row]) { self.rows = rows }

    /// Builds a table from plain rows numbered from 1.
    public init(_ cells: [[String]]) {
        rows = cells.enumerated().map { Row(number: $0.offset + 1, cells: $0.element) }
    }
}

/// A file that could not be read as a table at all.
public struct TableReadError: Error, Sendable, Equatable, CustomStringConvertible {
    public let row: Int?
    public let message: String
    public init(row: Int? = nil, _ message: String) {
        self.row = row
        self.message = message
    }
    public var description: String { (row.map { "row \($0): " } ?? "") + message }
}
