import Foundation
import PalermoCore
import Vapor

/// UI strings from `Localization/<language>.json`. A missing string falls back to English, then to the key,
/// so adding Arabic, Chinese, Russian or Spanish is adding a file. Field labels default to the standard's.
struct Localizer: Sendable {
    static let languages = ["en", "fr"]
    private static let tables: [String: [String: String]] = Dictionary(uniqueKeysWithValues: languages.map { code in
        let url = Bundle.module.url(forResource: code, withExtension: "json", subdirectory: "Localization")
        let table = url.flatMap { try? Data(contentsOf: $0) }.flatMap { try? JSONDecoder().decode([String: String].self, from: $0) }
        return (code, table ?? [:])
    })

    let language: String

    func callAsFunction(_ key: String, _ values: [String: String] = [:]) -> String {
        var text = Self.tables[language]?[key] ?? Self.tables["en"]?[key] ?? key
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    func label(_ field: HTCDSField) -> String {
        Self.tables[language]?["field.\(field.name)"] ?? field.label
    }

    static let cookieName = "palermo-lang"

    /// The reader's choice (a cookie), else the browser's preference, else English.
    static func language(for request: Request) -> String {
        if let chosen = request.cookies[cookieName]?.string, languages.contains(chosen) { return chosen }
        let preferred = request.headers.first(name: .acceptLanguage)?.split(separator: ",").map { $0.prefix(2).lowercased() } ?? []
        return preferred.first(where: { languages.contains($0) }) ?? "en"
    }
}

extension Request {
    var localizer: Localizer { Localizer(language: Localizer.language(for: self)) }
}
