/// A count known to lie between two bounds. GLOTIP publishes counts of 1 to 4 as `<5`; such a cell is
/// kept as the range 0...4, never as 0 or 5, and every sum that includes one carries the range forward.
public struct CountRange: Sendable, Codable, Hashable, CustomStringConvertible {
    public var low: Int
    public var high: Int

    public init(low: Int, high: Int) {
        precondition(low <= high, "a count range needs low <= high")
        self.low = low
        self.high = high
    }

    public init(exactly value: Int) { self.init(low: value, high: value) }

    public static let zero = CountRange(exactly: 0)
    /// The published `<5`.
    public static let suppressed = CountRange(low: 0, high: 4)

    public var isExact: Bool { low == high }

    /// The middle of the range, for charts that need one number; tables show both bounds.
    public var midpoint: Double { Double(low + high) / 2 }

    public static func + (a: CountRange, b: CountRange) -> CountRange {
        CountRange(low: a.low + b.low, high: a.high + b.high)
    }

    public static func += (a: inout CountRange, b: CountRange) { a = a + b }

    /// Parses a published value: a whole number, possibly with thousands separators ("1,173"), or `<5`.
    /// Returns nil for anything else.
    public init?(published text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed == "<5" { self = .suppressed; return }
        let digits = trimmed.replacingOccurrences(of: ",", with: "")
        // A thousands separator must sit before a group of exactly three digits.
        if trimmed.contains(",") {
            let groups = trimmed.split(separator: ",", omittingEmptySubsequences: false)
            guard groups.dropFirst().allSatisfy({ $0.count == 3 }), let first = groups.first, !first.isEmpty,
                first.count <= 3
            else { return nil }
        }
        // XLSX stores some whole numbers as "12.0".
        let whole = digits.hasSuffix(".0") ? String(digits.dropLast(2)) : digits
        guard !whole.isEmpty, whole.allSatisfy(\.isASCIIDigit), let value = Int(whole), value <= Self.largestCount
        else { return nil }
        self.init(exactly: value)
    }

    /// No count of people exceeds the world's population; the bound keeps every sum of counts far from overflow.
    public static let largestCount = 10_000_000_000

    /// The published form: `<5` for a suppressed cell.
    public var published: String { self == .suppressed ? "<5" : isExact ? String(low) : "\(low)–\(high)" }

    /// "1,173" or "1,170–1,178".
    public var description: String {
        isExact ? Self.grouped(low) : "\(Self.grouped(low))–\(Self.grouped(high))"
    }

    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return n < 0 ? "-" + out : out
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
