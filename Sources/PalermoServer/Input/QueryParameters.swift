import PalermoCore
import Vapor

/// Numbers from the query string are hostile until checked: each is parsed into a range fixed by the
/// route, so no arithmetic on it can trap, and anything else is refused with a 422 naming the parameter.
extension Request {
    /// A whole-number parameter within `range`; `fallback` when it is absent or empty.
    func queryInt(_ name: String, in range: ClosedRange<Int>, default fallback: Int) throws -> Int {
        guard let text = queryText(name) else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw ValidationFailure([
                .init(field: name, message: "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            ])
        }
        return value
    }

    /// A text parameter, trimmed; nil when absent or blank.
    func queryText(_ name: String) -> String? {
        guard let raw = queryValues[name] else { return nil }
        let text = raw.trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? nil : text
    }

    private struct QueryValuesKey: StorageKey { typealias Value = [String: String] }

    /// The query string's parameters, read once per request: a list page asks for a dozen, and Vapor decodes
    /// the whole query again for each. The first value of a name counts; `+` is a space, as forms send it.
    /// A parameter whose percent-escapes do not decode is absent.
    var queryValues: [String: String] {
        if let known = storage[QueryValuesKey.self] { return known }
        var values: [String: String] = [:]
        for pair in (url.query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decoded(_ text: Substring) -> String? {
                text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
            }
            guard let name = decoded(parts[0]), values[name] == nil,
                let value = parts.count > 1 ? decoded(parts[1]) : ""
            else { continue }
            values[name] = value
        }
        storage[QueryValuesKey.self] = values
        return values
    }
}

extension Request {
    /// The query as typed, each parameter's text, to fill a form in again when its values were refused.
    var typedQuery: [String: String] { queryValues.mapValues { String($0.prefix(100)) } }
}
