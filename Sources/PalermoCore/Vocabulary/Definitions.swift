import Foundation

/// What the standard says each choice of a picklist means, from the HTCDS 2.0 field definitions
/// (`Resources/htcds-definitions.json`, made by `scripts/generate-field-help.py`). The text is the standard's
/// own, in English.
public enum Definitions {
    private static let byList: [String: [String: String]] = {
        guard let url = Bundle.module.url(forResource: "htcds-definitions", withExtension: "json"),
            let data = try? Data(contentsOf: url),
            let table = try? JSONDecoder().decode([String: [String: String]].self, from: data)
        else { return [:] }
        return table
    }()

    /// The definitions of a picklist's choices, in the picklist's order; empty when the standard gives none.
    public static func of(_ list: String) -> [(code: String, definition: String)] {
        guard let definitions = byList[list] else { return [] }
        return Picklists.named(list).entries.compactMap { entry in definitions[entry.code].map { (entry.code, $0) } }
    }
}
