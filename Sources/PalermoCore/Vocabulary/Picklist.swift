import Foundation

/// One HTCDS controlled vocabulary: the codes a select field accepts, with their English labels.
public struct Picklist: Sendable, Codable, Equatable {
    public struct Entry: Sendable, Codable, Equatable {
        public let code: String
        public let label: String
        public let parent: String?
    }

    public let name: String
    public let entries: [Entry]
    private let byKey: [String: String]

    public init(name: String, entries: [Entry]) {
        self.name = name
        self.entries = entries
        var keys: [String: String] = [:]
        for entry in entries {
            keys[entry.code.lowercased()] = entry.code
            keys[entry.label.lowercased()] = entry.code
        }
        byKey = keys
    }

    /// The canonical code for a code or a label, compared case-insensitively; nil when it is not in the list.
    public func code(for input: String) -> String? {
        byKey[input.trimmed.lowercased()]
    }

    public func label(for code: String) -> String {
        entries.first { $0.code == code }?.label ?? code
    }

    enum CodingKeys: String, CodingKey { case name, entries }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(name: try c.decode(String.self, forKey: .name), entries: try c.decode([Entry].self, forKey: .entries))
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(entries, forKey: .entries)
    }
}

/// The picklists of HTCDS 2.0, generated from the standard by `scripts/generate-picklists.py`.
public enum Picklists {
    public static let all: [String: Picklist] = {
        guard let url = Bundle.module.url(forResource: "htcds-picklists", withExtension: "json"),
            let data = try? Data(contentsOf: url),
            let raw = try? JSONDecoder().decode([String: [Picklist.Entry]].self, from: data)
        else { fatalError("htcds-picklists.json is missing from PalermoCore's resources") }
        return raw.reduce(into: [:]) { $0[$1.key] = Picklist(name: $1.key, entries: $1.value) }
    }()

    public static func named(_ name: String) -> Picklist {
        guard let list = all[name] else { fatalError("no picklist named \(name)") }
        return list
    }
}
