import Foundation

/// Escapes text for HTML and SVG content and attribute values.
public func esc(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.count)
    for ch in text {
        switch ch {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(ch)
        }
    }
    return out
}

/// Shared drawing helpers: number formatting, a colour-blind-safe palette (Okabe–Ito), axis ticks.
enum SVG {
    static let palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]

    static func colour(_ index: Int) -> String { palette[index % palette.count] }

    static func n(_ value: Double) -> String { String(format: "%.1f", value) }

    /// Rounded tick values from zero to at least `maximum`.
    static func ticks(upTo maximum: Double, count: Int = 4) -> [Double] {
        guard maximum > 0 else { return [0, 1] }
        let raw = maximum / Double(count)
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        return (0...Int((maximum / step).rounded(.up))).map { Double($0) * step }
    }

    static func label(_ value: Double) -> String {
        value >= 1_000_000 ? String(format: "%.1fM", value / 1_000_000)
            : value >= 10_000 ? String(format: "%.0fk", value / 1_000) : String(format: "%.0f", value)
    }

    static func frame(width: Double, height: Double, title: String, _ body: String) -> String {
        """
        <svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-label="\(esc(title))" font-family="sans-serif" font-size="11">
        <title>\(esc(title))</title>\(body)</svg>
        """
    }

    static func legend(_ names: [String], x: Double, y: Double) -> String {
        var offset = x
        return names.enumerated().map { index, name in
            defer { offset += Double(name.count) * 6.2 + 28 }
            return "<rect x=\"\(n(offset))\" y=\"\(n(y - 9))\" width=\"10\" height=\"10\" fill=\"\(colour(index))\"/><text x=\"\(n(offset + 14))\" y=\"\(n(y))\">\(esc(name))</text>"
        }.joined()
    }
}
