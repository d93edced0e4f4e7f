import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Streams the worksheet and shared-string parts of an XLSX file with Foundation's event-driven XMLParser.
/// A published statistics sheet runs to tens of megabytes of XML; decoding it into a tree first (as
/// XMLCoder does) is slow and fails on some real files, while a stream costs one pass and little memory.
final class SpreadsheetMLReader: NSObject, XMLParserDelegate {
    enum Part { case sharedStrings, worksheet }

    private let part: Part
    private let shared: [String]
    private(set) var strings: [String] = []
    private(set) var rows: [Table.Row] = []
    private(set) var failure: TableReadError?

    private var text = ""
    private var collecting = false
    private var inValue = false, inInline = false, inPhonetic = false
    private var cellReference: String?
    private var cellType: String?
    private var cellValue = ""
    private var rowNumber = 0
    private var cells: [String] = []
    private var paddedCells = 0
    /// Ten times the largest real file Palermo reads (GLOTIP: 46,556 rows of 13 cells).
    static let maxCells = 10_000_000

    private init(part: Part, shared: [String]) {
        self.part = part
        self.shared = shared
    }

    static func sharedStrings(_ data: Data) throws -> [String] {
        let reader = SpreadsheetMLReader(part: .sharedStrings, shared: [])
        try reader.parse(data, name: "the shared-string table")
        return reader.strings
    }

    static func worksheet(_ data: Data, shared: [String]) throws -> [Table.Row] {
        let reader = SpreadsheetMLReader(part: .worksheet, shared: shared)
        try reader.parse(data, name: "the worksheet")
        return reader.rows
    }

    private func parse(_ data: Data, name: String) throws {
        // Found by fuzzing: after an invalid UTF-8 byte, libxml2 reads on in another encoding and Foundation's
        // XMLParser traps on the next non-ASCII element name. SpreadsheetML parts are UTF-8; anything else is refused
        // before the parser sees it.
        guard String(validating: data, as: UTF8.self) != nil else {
            throw TableReadError(
                "\(name) is not UTF-8 text: the workbook is damaged (save it again from the spreadsheet program)")
        }
        // From a stream, XMLParser feeds libxml2 in chunks; given the whole Data at once it fails past
        // about 10 MB on one line, and real worksheets are one line of XML.
        let parser = XMLParser(stream: InputStream(data: data))
        parser.delegate = self
        let ok = parser.parse()
        if let failure { throw failure }
        guard ok else {
            throw TableReadError(
                row: part == .worksheet && rowNumber > 0 ? rowNumber : nil,
                "\(name) XML is unreadable or truncated (\(parser.parserError.map { "\($0.localizedDescription)" } ?? "parse error"))"
            )
        }
    }

    func parser(
        _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        guard failure == nil else { return }
        switch (part, element) {
        case (.sharedStrings, "si"):
            text = ""
        case (.sharedStrings, "rPh"):
            inPhonetic = true
        case (.sharedStrings, "t"):
            collecting = !inPhonetic
        case (.worksheet, "row"):
            let number = attributes["r"].map { Int($0) } ?? rowNumber + 1
            guard let number, (1...XLSXTable.maxRows).contains(number), number > rowNumber else {
                fail(
                    parser,
                    "row \(attributes["r"] ?? String(rowNumber + 1)) is not a row number after \(rowNumber) "
                        + "(rows run from 1 to \(XLSXTable.maxRows), in order)")
                return
            }
            rowNumber = number
            cells = []
        case (.worksheet, "c"):
            cellReference = attributes["r"]
            cellType = attributes["t"]
            cellValue = ""
        case (.worksheet, "v"):
            inValue = true
            collecting = true
            text = ""
        case (.worksheet, "is"):
            inInline = true
            text = ""
        case (.worksheet, "t") where inInline:
            collecting = true
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if collecting { text += string }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        guard failure == nil else { return }
        switch (part, element) {
        case (.sharedStrings, "t"):
            collecting = false
        case (.sharedStrings, "rPh"):
            inPhonetic = false
        case (.sharedStrings, "si"):
            strings.append(text)
        case (.worksheet, "v"):
            cellValue = text
            inValue = false
            collecting = false
        case (.worksheet, "t") where inInline:
            collecting = false
        case (.worksheet, "is"):
            cellValue = text
            inInline = false
        case (.worksheet, "c"):
            storeCell(parser)
        case (.worksheet, "row"):
            rows.append(Table.Row(number: rowNumber, cells: cells))
        default:
            break
        }
    }

    private func fail(_ parser: XMLParser, _ message: String) {
        failure = TableReadError(row: rowNumber > 0 ? rowNumber : nil, message)
        parser.abortParsing()
    }

    private func storeCell(_ parser: XMLParser) {
        let column: Int
        if let cellReference {
            guard let index = XLSXTable.columnIndex(cellReference) else {
                return fail(parser, "cell reference '\(cellReference.prefix(40))' is not a column from A to XFD")
            }
            column = index
        } else {
            column = cells.count
        }
        guard column < XLSXTable.maxColumns else {
            return fail(parser, "more than \(XLSXTable.maxColumns) cells in one row")
        }
        if column >= cells.count {
            // Cells padded out to a far column count too: a sheet of empty cells must not fill memory.
            paddedCells += column - cells.count + 1
            guard paddedCells <= Self.maxCells else {
                return fail(parser, "the sheet has more than \(Self.maxCells) cells")
            }
            cells.append(contentsOf: repeatElement("", count: column - cells.count + 1))
        }
        if cellType == "s" {
            guard let index = Int(cellValue), shared.indices.contains(index) else {
                return fail(
                    parser, "cell \(cellReference?.prefix(40) ?? "?") points at a shared string that does not exist")
            }
            cells[column] = shared[index]
        } else {
            cells[column] = cellValue
        }
    }
}
