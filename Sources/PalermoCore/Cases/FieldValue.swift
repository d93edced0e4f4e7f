/// A field's value: one string (text, date, code, country, TRUE/FALSE) or a list of codes.
public enum FieldValue: Sendable, Equatable, Codable, CustomStringConvertible {
    case text(String)
    case list([String])

    public init(from decoder: Decoder) throws {
        // Most fields are text: trying that first saves a thrown type mismatch per field on every read.
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .text(text)
        } else if let list = try? container.decode([String].self) {
            self = .list(list)
        } else if let bool = try? container.decode(Bool.self) {
            self = .text(bool ? "TRUE" : "FALSE")
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a string, a boolean or a list of strings")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let value): try container.encode(value)
        case .list(let values): try container.encode(values)
        }
    }

    /// The value as one cell of a spreadsheet: lists are space-separated, as XLSForm writes select_multiple.
    public var description: String {
        switch self {
        case .text(let value): value
        case .list(let values): values.joined(separator: " ")
        }
    }

    public var values: [String] {
        switch self {
        case .text(let value): [value]
        case .list(let values): values
        }
    }
}

/// A case's fields by HTCDS name.
public typealias CaseFields = [String: FieldValue]

extension Dictionary where Key == String, Value == FieldValue {
    /// The fields an aggregate role or an unencrypted column may hold.
    public var withoutPersonalFields: CaseFields { filter { !HTCDS.personalFieldNames.contains($0.key) } }
    public var personalFields: CaseFields { filter { HTCDS.personalFieldNames.contains($0.key) } }
}
