/// A path on this site to send the browser back to. Anything that could leave the site (`//host`, `/\host`,
/// `/<tab>/host`) or reach a header (CR, LF) is refused; the caller falls back to the home page.
enum SameSitePath {
    /// Letters, digits and the punctuation of paths and query strings; no backslash, no control character.
    private static let allowed = Set(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/-._~?=&%+,;:@!*'()".unicodeScalars)

    static func validated(_ text: String?) -> String? {
        guard let text, text.utf8.count <= 2048, text.hasPrefix("/"), !text.hasPrefix("//"),
            text.unicodeScalars.allSatisfy(allowed.contains)
        else { return nil }
        // A percent sign may only start an escape that stays within the site's path (no encoded slash or backslash
        // that a browser might read as a host, no encoded control character).
        let lower = text.lowercased()
        for banned in ["%2f", "%5c", "%0d", "%0a", "%09", "%00"] where lower.contains(banned) { return nil }
        return text
    }
}
