import XMLCoder

// The worksheet and shared-string parts of SpreadsheetML, as much of them as tables need.

struct Worksheet: Codable {
    let sheetData: SheetData
}

struct SheetData: Codable {
    let rows: [SheetRow]?
    enum CodingKeys: String, CodingKey { case rows = "row" }
}

struct SheetRow: Codable, DynamicNodeEncoding {
    let r: Int?
    let c: [SheetCell]?
    static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding {
        key.stringValue == "r" ? .attribute : .element
    }
}

struct SheetCell: Codable, DynamicNodeEncoding {
    let r: String?
    let t: String?
    let v: String?
    let inline: InlineString?
    enum CodingKeys: String, CodingKey { case r, t, v, inline = "is" }
    static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding {
        key.stringValue == "r" || key.stringValue == "t" ? .attribute : .element
    }
}

/// `<si>` or `<is>`: plain text in `<t>`, or rich text as runs `<r><t>…</t></r>`.
struct InlineString: Codable {
    let t: TextNode?
    let runs: [Run]?
    enum CodingKeys: String, CodingKey { case t, runs = "r" }

    init(t: String) {
        self.t = TextNode(value: t)
        runs = nil
    }

    var text: String { t?.value ?? runs?.map { $0.t?.value ?? "" }.joined() ?? "" }

    struct Run: Codable { let t: TextNode? }
}

/// A `<t>` element, which may carry `xml:space="preserve"`.
struct TextNode: Codable {
    let value: String
    enum CodingKeys: String, CodingKey { case value = "" }

    init(value: String) { self.value = value }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        value = (try? container.decode(String.self, forKey: .value)) ?? ""
    }
}

/// The fixed parts of a one-sheet workbook.
enum WorkbookParts {
    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>
        """
    static let rootRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
        """
    static let workbookRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>
        """
    static func workbook(sheetName: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="\(sheetName)" sheetId="1" r:id="rId1"/></sheets></workbook>
        """
    }
}
