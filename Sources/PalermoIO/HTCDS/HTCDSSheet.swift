import Foundation
import PalermoCore

/// Maps between tables laid out like the standard's Excel template and case fields.
///
/// The template (`HTCDS Excel Spreadsheet v2.0.xlsx`) has field names on row 1, human labels on row 2,
/// row numbers in an unnamed column A, and data from row 3. It has two flaws an importer must live with:
/// the name of column AJ is missing on row 1 (row 2 says "Reason for Outgoing Referral"), and the labels
/// of columns N to R are in a different order from the names above them. Names win; a missing name is
/// taken from its label. A plain CSV with one header row of field names reads the same way.
public enum HTCDSSheet {
    /// Reads the rows of a table as field input, with every problem of the header and every row reported.
    public static func rows(from table: Table) throws -> [ImportRow] {
        guard let header = table.rows.first else {
            throw ValidationFailure([ValidationIssue(row: 1, field: "header", message: "the file is empty")])
        }
        let labels = table.rows.dropFirst().first
        let labelRow = labels.map(isLabelRow) ?? false
        var columns: [Int: HTCDSField] = [:]
        var codeColumn: Int?, versionColumn: Int?
        var issues: [ValidationIssue] = []
        let width = max(header.cells.count, labelRow ? (labels?.cells.count ?? 0) : 0)
        for column in 0..<width {
            let name = column < header.cells.count ? header.cells[column].trimmed : ""
            if name == ImportRow.caseCodeColumn {
                codeColumn = column
            } else if name == ImportRow.versionColumn {
                versionColumn = column
            } else if !name.isEmpty {
                guard let field = HTCDS.field(named: name) else {
                    issues.append(
                        ValidationIssue(
                            row: header.number, field: name,
                            message: "column \(XLSXTable.columnName(column)) is not a field of HTCDS 2.0"))
                    continue
                }
                columns[column] = field
            } else if labelRow, let labels, column < labels.cells.count,
                let field = HTCDS.field(labelled: labels.cells[column])
            {
                columns[column] = field
            }
        }
        if columns.isEmpty && issues.isEmpty {
            issues.append(
                ValidationIssue(
                    row: header.number, field: "header",
                    message: "no column is named after an HTCDS field (e.g. prs_Gender)"))
        }
        let seen = Dictionary(grouping: columns, by: { $0.value.name }).filter { $0.value.count > 1 }
        for (name, _) in seen {
            issues.append(ValidationIssue(row: header.number, field: name, message: "appears in more than one column"))
        }
        guard issues.isEmpty else { throw ValidationFailure(issues) }

        var result: [ImportRow] = []
        let known = Set(columns.keys).union([codeColumn, versionColumn].compactMap { $0 })
        for row in table.rows.dropFirst(labelRow ? 2 : 1) {
            let extra = row.cells.indices.filter {
                !known.contains($0) && !row.cells[$0].trimmed.isEmpty
                    && $0 >= header.cells.count
            }
            if let column = extra.first {
                issues.append(
                    ValidationIssue(
                        row: row.number, field: "column \(XLSXTable.columnName(column))",
                        message:
                            "the row has \(row.cells.count) cells but the header names only \(header.cells.count) columns"
                    ))
                continue
            }
            func cell(_ column: Int?) -> String? {
                guard let column, column < row.cells.count else { return nil }
                let text = row.cells[column].trimmed
                return text.isEmpty ? nil : text
            }
            // An empty cell of a named column is kept as nil: for a row that updates a case, it clears the field.
            var fields: [String: FieldValue?] = [:]
            for (column, field) in columns { fields[field.name] = .some(cell(column).map { .text($0) }) }
            let code = cell(codeColumn)
            let versionText = cell(versionColumn)
            let version = versionText.flatMap { Int($0) }.flatMap { (1...1_000_000_000).contains($0) ? $0 : nil }
            if versionText != nil && version == nil {
                issues.append(
                    ValidationIssue(row: row.number, field: ImportRow.versionColumn, message: "is not a version number")
                )
                continue
            }
            if code != nil || fields.values.contains(where: { $0 != nil }) {
                result.append(ImportRow(row: row.number, fields: fields, caseCode: code, version: version))
            }
        }
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        return result
    }

    /// The template's layout: names, then labels, then one numbered row per case. List values are
    /// space-separated codes, as XLSForm writes select_multiple.
    /// The case code and version follow the fields, so that the file read back updates these cases.
    public static func table(for records: [CaseRecord]) -> [[String]] {
        var rows: [[String]] = [
            [""] + HTCDS.fields.map(\.name) + [ImportRow.caseCodeColumn, ImportRow.versionColumn],
            [""] + HTCDS.fields.map(\.label) + ["Case Code", "Version"],
        ]
        for (index, record) in records.enumerated() {
            rows.append(
                [String(index + 1)] + HTCDS.fields.map { record.fields[$0.name]?.description ?? "" }
                    + [record.caseCode, String(record.version)])
        }
        return rows
    }

    /// Row 2 of the template holds labels; a data row would not match most of them.
    private static func isLabelRow(_ row: Table.Row) -> Bool {
        let filled = row.cells.filter { !$0.trimmed.isEmpty }
        guard !filled.isEmpty else { return false }
        return filled.filter { HTCDS.field(labelled: $0) != nil }.count * 2 > filled.count
    }
}

/// The file formats of case import and export.
public enum SheetFormat: String, Sendable, CaseIterable {
    case csv, xlsx

    public var contentType: String {
        switch self {
        case .csv: "text/csv; charset=utf-8"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        }
    }

    /// Recognises the format by its first bytes: XLSX is a ZIP archive.
    public init(sniffing data: Data) {
        self = data.starts(with: [0x50, 0x4B, 0x03, 0x04]) ? .xlsx : .csv
    }

    public func read(_ data: Data) throws -> Table {
        switch self {
        case .csv: try CSVTable.read(data)
        case .xlsx: try XLSXTable.read(data)
        }
    }

    public func write(_ rows: [[String]]) throws -> Data {
        switch self {
        case .csv: try CSVTable.write(rows)
        case .xlsx: try XLSXTable.write(rows, sheetName: "HTCDS")
        }
    }
}
