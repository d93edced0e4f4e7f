import Foundation
import PalermoCore
import Vapor

/// The case list as JSON, written directly. Foundation's `JSONEncoder` took a sixth of the list's time (its
/// generic containers, most of all for each row's list of forms of exploitation); this writes the same
/// document as the `Codable` form Vapor would: the same keys, absent optionals left out, ISO 8601 dates.
enum CasePageJSON {
    static func response(_ page: CasePage) -> Response {
        var out = "{\"items\":["
        out.reserveCapacity(400 * page.items.count + 64)
        for (index, item) in page.items.enumerated() {
            if index > 0 { out += "," }
            out += "{\"id\":\"\(item.id.uuidString)\",\"caseCode\":"
            string(item.caseCode, into: &out)
            optional("name", item.name, into: &out)
            if let age = item.age { out += ",\"age\":\(age)" }
            if let owner = item.ownerID { out += ",\"ownerID\":\"\(owner.uuidString)\"" }
            optional("ownerName", item.ownerName, into: &out)
            optional("identifiedOn", item.identifiedOn, into: &out)
            optional("status", item.status, into: &out)
            optional("traffickingStatus", item.traffickingStatus, into: &out)
            optional("gender", item.gender, into: &out)
            optional("ageGroup", item.ageGroup, into: &out)
            optional("citizenship", item.citizenship, into: &out)
            out += ",\"exploitation\":["
            for (position, form) in item.exploitation.enumerated() {
                if position > 0 { out += "," }
                string(form, into: &out)
            }
            out += "]"
            if let updated = item.updatedAt { out += ",\"updatedAt\":\"\(updated.formatted(iso8601))\"" }
            out += "}"
        }
        out += "],\"total\":\(page.total),\"page\":\(page.page),\"perPage\":\(page.perPage)}"
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(string: out))
    }

    static let iso8601 = Date.ISO8601FormatStyle()

    static func optional(_ key: String, _ value: String?, into out: inout String) {
        guard let value else { return }
        out += ",\"\(key)\":"
        string(value, into: &out)
    }

    /// A JSON string: quotes, backslashes and control characters escaped, everything else as it is.
    static func string(_ text: String, into out: inout String) {
        out += "\""
        // Most values need no escaping: copied whole, they cost a fraction of going scalar by scalar.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out += text
            out += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += "\\u00" + String(scalar.value, radix: 16).leftPadded(to: 2)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
