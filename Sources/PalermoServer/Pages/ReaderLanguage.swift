import Foundation
import PalermoReport
import Vapor

/// The reader's language: their choice (a cookie of its own, so choosing one before sign-in creates no
/// session), else the browser's preference, else English.
enum ReaderLanguage {
    static let cookieName = "palermo-lang"

    static let timeZoneCookie = "palermo-tz"

    /// The reader's time zone, which the page's script reports in a cookie (an IANA name such as
    /// "Africa/Nairobi"); the server's own zone until it has.
    static func timeZone(of request: Request) -> TimeZone {
        guard let name = request.cookies[timeZoneCookie]?.string, name.count <= 64,
            name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "/_+-".contains($0)) }),
            let zone = TimeZone(identifier: name)
        else { return .current }
        return zone
    }

    static func of(_ request: Request) -> String {
        if let chosen = request.cookies[cookieName]?.string, Wording.languages.contains(chosen) { return chosen }
        let preferences = request.headers.first(name: .acceptLanguage)?.split(separator: ",") ?? []
        let ranked = preferences.enumerated().map { index, item -> (code: String, weight: Double, index: Int) in
            let parts = item.split(separator: ";")
            let code = String(parts.first?.trimmingCharacters(in: .whitespaces).prefix(2) ?? "").lowercased()
            let weight =
                parts.dropFirst().compactMap { part -> Double? in
                    let pair = part.trimmingCharacters(in: .whitespaces)
                    return pair.hasPrefix("q=") ? Double(pair.dropFirst(2)) : nil
                }.first ?? 1
            return (code, weight, index)
        }
        let best = ranked.filter { Wording.languages.contains($0.code) && $0.weight > 0 }
            .sorted { ($0.weight, -$0.index) > ($1.weight, -$1.index) }.first
        return best?.code ?? "en"
    }
}

extension Request {
    private struct WordingKey: StorageKey { typealias Value = Wording }

    /// The reader's wording, worked out once per request (the controller, the page and the frame all ask).
    var localizer: Wording {
        if let known = storage[WordingKey.self] { return known }
        let wording = Wording(ReaderLanguage.of(self), timeZone: ReaderLanguage.timeZone(of: self))
        storage[WordingKey.self] = wording
        return wording
    }
}
