/// The disclosure risk of microdata over chosen quasi-identifiers: attributes a trafficker could know of a
/// person (age band, sex, citizenship, where and when they were exploited).
///
/// - Equivalence classes: records that share their values on every quasi-identifier; a record in a class of
///   fewer than `k` is at risk.
/// - Minimal sample uniques, as SUDA finds them: for each record, the smallest sets of attributes on which it is
///   the only one of its kind (no smaller set within them already singles it out). They say which combinations
///   make records rare, and the attributes they involve most are the ones to generalise.
/// - l-diversity of a sensitive attribute: how many different values it takes within each class; a class where
///   it takes one value tells everyone who can place a person in it that value.
public struct RiskAudit: Sendable {
    public struct ClassSize: Sendable, Codable, Equatable {
        /// The size of a class; `k` and more are counted together.
        public let size: Int
        public let records: Int
    }

    public struct RareCombination: Sendable, Codable, Equatable {
        public let attributes: [String]
        /// Records for which this set is a minimal sample unique.
        public let records: Int
    }

    public struct Diversity: Sendable, Codable, Equatable {
        public let attribute: String
        public let l: Int
        /// The fewest distinct values of the sensitive attribute in any class.
        public let smallest: Int
        /// Classes, and the records in them, with fewer than `l` distinct values.
        public let classesBelow: Int
        public let recordsBelow: Int
    }

    public struct Report: Sendable, Codable, Equatable {
        public let quasiIdentifiers: [String]
        public let k: Int
        public let records: Int
        public let classes: Int
        public let smallestClass: Int
        /// Records in classes of fewer than `k`, and of them those alone in their class.
        public let recordsAtRisk: Int
        public let uniques: Int
        public let classSizes: [ClassSize]
        /// The combinations that single records out, the most frequent first.
        public let rareCombinations: [RareCombination]
        /// For each quasi-identifier, how many minimal sample uniques involve it.
        public let attributeContributions: [String: Int]
        public let diversity: Diversity?
    }

    public let k: Int
    /// Minimal sample uniques are looked for among sets of at most this many attributes.
    public var largestSet = 4

    public init(k: Int) { self.k = k }

    public func audit(
        _ data: Microdata, quasiIdentifiers qi: [Int], sensitive: Int? = nil, l: Int = 2
    ) -> Report {
        let classes = data.classes(on: qi)
        var sizes: [Int: Int] = [:]
        for c in classes { sizes[min(c.count, k), default: 0] += c.count }
        let (combinations, contributions) = minimalUniques(data, qi)
        return Report(
            quasiIdentifiers: qi.map { data.attributes[$0] }, k: k, records: data.count, classes: classes.count,
            smallestClass: classes.map(\.count).min() ?? 0,
            recordsAtRisk: classes.filter { $0.count < k }.reduce(0) { $0 + $1.count },
            uniques: classes.filter { $0.count == 1 }.count,
            classSizes: sizes.keys.sorted().map { ClassSize(size: $0, records: sizes[$0] ?? 0) },
            rareCombinations: combinations, attributeContributions: contributions,
            diversity: sensitive.map { diversity(data, classes, sensitive: $0, l: l) })
    }

    func diversity(_ data: Microdata, _ classes: [[Int]], sensitive: Int, l: Int) -> Diversity {
        var smallest = Int.max, classesBelow = 0, recordsBelow = 0
        for members in classes {
            let distinct = Set(members.map { data.code($0, sensitive) }).count
            smallest = min(smallest, distinct)
            if distinct < l {
                classesBelow += 1
                recordsBelow += members.count
            }
        }
        return Diversity(
            attribute: data.attributes[sensitive], l: l, smallest: classes.isEmpty ? 0 : smallest,
            classesBelow: classesBelow, recordsBelow: recordsBelow)
    }

    /// Sets of quasi-identifiers in order of size; a record unique on a set is a minimal sample unique there
    /// unless a set it is already unique on lies within it. Each set's class of a record is found from the class
    /// of the set without its last attribute, so one pass over the records serves each set.
    func minimalUniques(_ data: Microdata, _ qi: [Int]) -> ([RareCombination], [String: Int]) {
        let m = qi.count
        var found = [[UInt32]](repeating: [], count: data.count)
        var tally: [UInt32: Int] = [:]
        var previous: [UInt32: [UInt32]] = [0: [UInt32](repeating: 0, count: data.count)]
        for size in 1...max(1, min(m, largestSet)) where m > 0 {
            var current: [UInt32: [UInt32]] = [:]
            for mask in UInt32(1)..<(UInt32(1) << m) where mask.nonzeroBitCount == size {
                let last = 31 - mask.leadingZeroBitCount
                guard let parent = previous[mask & ~(UInt32(1) << last)] else { continue }
                var ids = [UInt32](repeating: 0, count: data.count)
                var index: [UInt64: UInt32] = [:]
                var counts: [Int] = []
                for r in 0..<data.count {
                    let key = UInt64(parent[r]) << 16 | UInt64(data.code(r, qi[last]))
                    if let id = index[key] {
                        ids[r] = id
                        counts[Int(id)] += 1
                    } else {
                        let id = UInt32(counts.count)
                        index[key] = id
                        ids[r] = id
                        counts.append(1)
                    }
                }
                for r in 0..<data.count where counts[Int(ids[r])] == 1 {
                    if found[r].contains(where: { $0 & mask == $0 }) { continue }
                    found[r].append(mask)
                    tally[mask, default: 0] += 1
                }
                current[mask] = ids
            }
            previous = current
        }
        var contributions: [String: Int] = [:]
        for a in qi { contributions[data.attributes[a]] = 0 }
        let combinations = tally.map { mask, n in
            let names = (0..<m).filter { mask & (1 << $0) != 0 }.map { data.attributes[qi[$0]] }
            for name in names { contributions[name, default: 0] += n }
            return RareCombination(attributes: names, records: n)
        }.sorted { ($0.records, $1.attributes.joined()) > ($1.records, $0.attributes.joined()) }
        return (combinations, contributions)
    }
}
