import Foundation

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
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected a string, a boolean or a list of strings")
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
    /// Fields as Palermo stores them: one JSON object of strings and lists of strings. Read with
    /// JSONSerialization, which on every case read is some three times faster than Codable here (Codable
    /// must try each value as text and then as a list, and a failed try throws).
    public init(storedJSON data: Data) throws {
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: [], debugDescription: "stored fields are not a JSON object"))
        }
        self.init(minimumCapacity: object.count)
        for (name, value) in object {
            switch value {
            case let text as String: self[name] = .text(text)
            case let list as [String]: self[name] = .list(list)
            default:
                throw DecodingError.dataCorrupted(
                    .init(codingPath: [], debugDescription: "stored field \(name) is neither text nor a list"))
            }
        }
    }

    /// The fields an aggregate role or an unencrypted column may hold.
    public var withoutPersonalFields: CaseFields { filter { !HTCDS.personalFieldNames.contains($0.key) } }
    public var personalFields: CaseFields { filter { HTCDS.personalFieldNames.contains($0.key) } }
}
