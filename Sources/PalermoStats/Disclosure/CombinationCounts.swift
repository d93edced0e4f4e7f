/// How many records have each combination of attribute values, for every combination of one to `length`
/// attributes. An empty value is no value: it is in no combination. This is what synthetic-data-showcase calls
/// the aggregate data, and what its synthesis and its utility report both rest on.
public struct CombinationCounts: Sendable {
    /// A combination: up to six (attribute, value) items in order of attribute, 20 bits each, three to a word.
    public struct Combination: Hashable, Sendable, Comparable {
        var low: UInt64 = 0
        var high: UInt64 = 0
        public private(set) var length = 0

        public init() {}

        public init(_ items: [(attribute: Int, code: UInt16)]) {
            for item in items.sorted(by: { $0.attribute < $1.attribute }) { append(item.attribute, item.code) }
        }

        mutating func append(_ attribute: Int, _ code: UInt16) {
            let item = UInt64(attribute) << 16 | UInt64(code)
            if length < 3 { low |= item << UInt64(20 * length) } else { high |= item << UInt64(20 * (length - 3)) }
            length += 1
        }

        /// Item `i` as packed: the attribute in the high 4 bits, the code in the low 16.
        func word(_ i: Int) -> UInt64 {
            (i < 3 ? low >> UInt64(20 * i) : high >> UInt64(20 * (i - 3))) & 0xFFFFF
        }

        /// The combination with one more item, kept in order of attribute; nothing is allocated.
        public func adding(_ attribute: Int, _ code: UInt16) -> Combination {
            var result = Combination()
            var placed = false
            for i in 0..<length {
                let item = word(i)
                let a = Int(item >> 16)
                if !placed && attribute < a {
                    result.append(attribute, code)
                    placed = true
                }
                result.append(a, UInt16(item & 0xFFFF))
            }
            if !placed { result.append(attribute, code) }
            return result
        }

        /// The combination without item `i`; nothing is allocated.
        func removing(_ i: Int) -> Combination {
            var result = Combination()
            for j in 0..<length where j != i {
                let item = word(j)
                result.append(Int(item >> 16), UInt16(item & 0xFFFF))
            }
            return result
        }

        public var items: [(attribute: Int, code: UInt16)] {
            (0..<length).map { i in
                let word = i < 3 ? low >> UInt64(20 * i) : high >> UInt64(20 * (i - 3))
                return (Int(word >> 16 & 0xF), UInt16(word & 0xFFFF))
            }
        }

        public static func < (a: Combination, b: Combination) -> Bool {
            (a.length, a.high, a.low) < (b.length, b.high, b.low)
        }
    }

    public static let longest = 6

    public let length: Int
    public private(set) var counts: [Combination: Int] = [:]
    /// Records counted.
    public private(set) var records = 0

    public init(length: Int) { self.length = max(1, min(length, Self.longest)) }

    public init(_ data: Microdata, length: Int) {
        self.init(length: length)
        for r in 0..<data.count {
            add((0..<data.width).compactMap { a in data.value(r, a).isEmpty ? nil : (a, data.code(r, a)) })
        }
    }

    /// Counts one record given by its (attribute, value) items in order of attribute.
    public mutating func add(_ items: [(attribute: Int, code: UInt16)]) {
        records += 1
        var combination = Combination()
        func walk(_ start: Int) {
            for i in start..<items.count {
                let saved = combination
                combination.append(items[i].attribute, items[i].code)
                counts[combination, default: 0] += 1
                if combination.length < length { walk(i + 1) }
                combination = saved
            }
        }
        walk(0)
    }

    public subscript(_ combination: Combination) -> Int { counts[combination] ?? 0 }

    /// The counts a release may show: combinations of at least `k` records, each rounded down to a multiple of
    /// `resolution`, so that no count tells more than the resolution does.
    public func reportable(k: Int, resolution: Int) -> [(Combination, Int)] {
        let step = max(1, resolution)
        return counts.filter { $0.value >= k }.map { ($0.key, $0.value / step * step) }.sorted { $0.0 < $1.0 }
    }

    /// Replaces the counts (a differentially private release adds noise to them).
    mutating func replace(_ counts: [Combination: Int], records: Int) {
        self.counts = counts
        self.records = records
    }
}
