import Foundation

extension StringProtocol {
    /// Without leading and trailing white space and newlines. Most values have none, and are returned without
    /// Foundation's NSString round trip, which costs more on an import than validating the value does.
    public var trimmed: String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last else { return "" }
        if !first.properties.isWhitespace && !last.properties.isWhitespace { return String(self) }
        return trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
