import Foundation

/// Finds the country a free-text name refers to. Statistical files name countries, not codes, in their
/// categories (citizenship, country of repatriation), in the UN's official form ("Republic of Moldova"),
/// in short forms, in other languages and sometimes with broken encoding ("TÃ¼rkiye"). Matching ignores
/// letter case, accents and punctuation, repairs UTF-8 read as Latin-1, and knows the aliases in
/// `Resources/country-aliases.csv`. Names it cannot place return nil; callers count them, never guess.
public struct CountryNames: Sendable {
    private var byName: [String: String]

    public static let standard = CountryNames()

    /// The standard names and aliases, and each country's name in the six UN languages as the locale data
    /// gives them ("Kenia", "Кения", "肯尼亚", "كينيا"): what a caseworker types or a partner's file
    /// holds.
    public static let anyLanguage: CountryNames = {
        var names = CountryNames()
        for language in ["en", "fr", "es", "ru", "zh", "ar"] {
            let locale = Locale(identifier: language)
            for country in Countries.all {
                if let name = locale.localizedString(forRegionCode: country.alpha2) {
                    names.learn(name: name, alpha3: country.alpha3)
                }
            }
        }
        return names
    }()

    public init() {
        var names: [String: String] = [:]
        for country in Countries.all { names[Self.normalise(country.name)] = country.alpha3 }
        if let url = Bundle.module.url(forResource: "country-aliases", withExtension: "csv"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        {
            for line in text.split(separator: "\n").dropFirst() {
                guard let comma = line.lastIndex(of: ",") else { continue }
                let alias = line[..<comma].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                names[Self.normalise(alias)] = String(line[line.index(after: comma)...])
            }
        }
        byName = names
    }

    /// Teaches a name→code pair, such as a data file's own country column beside its code column.
    public mutating func learn(name: String, alpha3: String) {
        let key = Self.normalise(name)
        if !key.isEmpty && byName[key] == nil { byName[key] = alpha3 }
    }

    public func alpha3(for name: String) -> String? {
        byName[Self.normalise(name)]
    }

    static func normalise(_ name: String) -> String {
        var text = name
        // "TÃ¼rkiye": UTF-8 bytes that were decoded as Latin-1 once; undo it when that yields valid UTF-8.
        if text.contains("Ã"), let bytes = text.data(using: .isoLatin1),
            let repaired = String(data: bytes, encoding: .utf8)
        {
            text = repaired
        }
        text = text.replacingOccurrences(of: "’", with: "'")
            .folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        let kept = text.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) ? Character($0) : " " }
        return String(kept).split(separator: " ").joined(separator: " ")
    }
}
