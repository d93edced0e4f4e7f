/// k-anonymous microdata by full-domain generalisation and local suppression, the way ARX and sdcMicro do it:
/// every combination of hierarchy levels (one per quasi-identifier) is a candidate; under each, the records in
/// classes of fewer than `k` are suppressed (left out), and a candidate qualifies when that leaves at most
/// `maxSuppressed` of the records out. Of the qualifying candidates the one that loses least information wins.
///
/// Information loss is the loss metric (Iyengar 2002): a value generalised to a group of `g` of the attribute's
/// `n` values loses (g − 1) / (n − 1); a suppressed record loses everything. It is averaged over records and
/// quasi-identifiers, from 0 (nothing lost) to 1.
public struct KAnonymity: Sendable {
    public struct Result: Sendable {
        public let data: Microdata
        /// The level chosen for each quasi-identifier, by name ("subregion").
        public let levels: [String: String]
        public let suppressed: Int
        public let loss: Double
        public let smallestClass: Int
        public let candidatesTried: Int
    }

    public enum Problem: Error, Equatable {
        case kTooSmall(Int)
        /// No candidate leaves at most `maxSuppressed` of the records out.
        case noCandidate
        case fewerRecordsThanK(records: Int, k: Int)
    }

    public let k: Int
    /// The most of the records that may be suppressed, as a share (0.05: 5 %).
    public var maxSuppressed = 0.05

    public init(k: Int) { self.k = k }

    /// `hierarchies[i]` generalises `quasiIdentifiers[i]`.
    public func anonymise(
        _ data: Microdata, quasiIdentifiers qi: [Int], hierarchies: [Hierarchy]
    ) throws(Problem) -> Result {
        guard k >= 2 else { throw .kTooSmall(k) }
        guard data.count >= k else { throw .fewerRecordsThanK(records: data.count, k: k) }
        let levels = zip(qi, hierarchies).map { a, h in Level.all(data, attribute: a, hierarchy: h) }
        var best: (loss: Double, node: [Int], keep: [Bool], suppressed: Int, smallest: Int)?
        var feasible: [[Int]] = []
        var tried = 0
        // Candidates in order of total height; one that generalises a qualifying candidate loses more than it
        // does (the loss metric only grows), so it is not tried.
        for node in Self.lattice(levels.map(\.count)).sorted(by: { $0.reduce(0, +) < $1.reduce(0, +) }) {
            if feasible.contains(where: { f in zip(f, node).allSatisfy { $0 <= $1 } }) { continue }
            tried += 1
            let (keep, suppressed, smallest) = suppression(data, node, levels)
            guard Double(suppressed) <= maxSuppressed * Double(data.count) else { continue }
            feasible.append(node)
            let loss = self.loss(data, node, levels, keep: keep)
            if best == nil || loss < best?.loss ?? .infinity { best = (loss, node, keep, suppressed, smallest) }
        }
        guard let best else { throw .noCandidate }
        return Result(
            data: generalised(data, best.node, qi, hierarchies, keep: best.keep),
            levels: Dictionary(
                uniqueKeysWithValues: zip(qi, zip(hierarchies, best.node)).map { a, hn in
                    (data.attributes[a], hn.0.levels[hn.1])
                }), suppressed: best.suppressed, loss: best.loss, smallestClass: best.smallest, candidatesTried: tried)
    }

    /// One quasi-identifier at one level: each original code's generalised code, and how many original values
    /// share it.
    struct Level {
        let attribute: Int
        let code: [UInt32]
        let groupSize: [Int]
        let radix: Int
        let domain: Int

        static func all(_ data: Microdata, attribute: Int, hierarchy: Hierarchy) -> [Level] {
            let values = data.values[attribute]
            return (0..<hierarchy.levels.count).map { level in
                var index: [String: UInt32] = [:]
                let code = values.map { value in
                    let general = hierarchy.value(value, level: level)
                    if let c = index[general] { return c }
                    let c = UInt32(index.count)
                    index[general] = c
                    return c
                }
                var members = [Int](repeating: 0, count: index.count)
                for c in code { members[Int(c)] += 1 }
                return Level(
                    attribute: attribute, code: code, groupSize: code.map { members[Int($0)] }, radix: index.count,
                    domain: values.count)
            }
        }
    }

    static func lattice(_ heights: [Int]) -> [[Int]] {
        heights.reduce([[]]) { partial, height in partial.flatMap { p in (0..<height).map { p + [$0] } } }
    }

    /// Which records stay (those in classes of at least k), how many are suppressed, and the smallest class kept.
    func suppression(_ data: Microdata, _ node: [Int], _ levels: [[Level]]) -> ([Bool], Int, Int) {
        let chosen = node.enumerated().map { levels[$0.offset][$0.element] }
        // A class is a number in mixed radix when the product of the levels' sizes fits in 64 bits (it does for
        // any real set of quasi-identifiers); otherwise the generalised codes themselves.
        var product: UInt64 = 1
        var fits = true
        for l in chosen {
            let (p, overflow) = product.multipliedReportingOverflow(by: UInt64(max(1, l.radix)))
            product = p
            if overflow { fits = false }
        }
        var keep: [Bool]
        var sizes: [Int]
        if fits {
            var keys = [UInt64](repeating: 0, count: data.count)
            var counts: [UInt64: Int] = [:]
            for r in 0..<data.count {
                var key: UInt64 = 0
                for l in chosen { key = key * UInt64(l.radix) + UInt64(l.code[Int(data.code(r, l.attribute))]) }
                keys[r] = key
                counts[key, default: 0] += 1
            }
            keep = keys.map { (counts[$0] ?? 0) >= k }
            sizes = Array(counts.values)
        } else {
            var keys: [[UInt32]] = []
            var counts: [[UInt32]: Int] = [:]
            for r in 0..<data.count {
                let key = chosen.map { $0.code[Int(data.code(r, $0.attribute))] }
                keys.append(key)
                counts[key, default: 0] += 1
            }
            keep = keys.map { (counts[$0] ?? 0) >= k }
            sizes = Array(counts.values)
        }
        return (keep, keep.filter { !$0 }.count, sizes.filter { $0 >= k }.min() ?? 0)
    }

    func loss(_ data: Microdata, _ node: [Int], _ levels: [[Level]], keep: [Bool]) -> Double {
        guard data.count > 0, !node.isEmpty else { return 0 }
        var total = 0.0
        for r in 0..<data.count {
            guard keep[r] else {
                total += Double(node.count)
                continue
            }
            for (i, level) in node.enumerated() {
                let l = levels[i][level]
                guard l.domain > 1 else { continue }
                total += Double(l.groupSize[Int(data.code(r, l.attribute))] - 1) / Double(l.domain - 1)
            }
        }
        return total / Double(data.count * node.count)
    }

    func generalised(
        _ data: Microdata, _ node: [Int], _ qi: [Int], _ hierarchies: [Hierarchy], keep: [Bool]
    ) -> Microdata {
        var records: [[String]] = []
        for r in 0..<data.count where keep[r] {
            var record = data.record(r)
            for (i, a) in qi.enumerated() { record[a] = hierarchies[i].value(record[a], level: node[i]) }
            records.append(record)
        }
        // The same attributes as the input, so this cannot fail.
        return (try? Microdata(attributes: data.attributes, records: records))
            ?? Microdata(attributes: data.attributes, values: data.values.map { _ in [] }, codes: [])
    }
}
