import Foundation
import PalermoCore

/// Synthetic microdata by the method of Microsoft's synthetic-data-showcase (k-synthesis): records are drawn one
/// value at a time, and a value is taken only when every combination it makes with the values already drawn,
/// up to the reporting length, is held by at least `k` records of the sensitive data. So every short
/// combination in the synthetic data is common in the sensitive data: nothing rare about a person carries over,
/// and nothing is made up. A value is drawn in proportion to the rarest of those combinations, scaled by how far
/// the value still is from its count in the sensitive data (as pac-synth does with `use_synthetic_counts`), which
/// keeps the synthetic counts close to the sensitive ones. Where no value fits, the attribute is left empty.
///
/// `noisyCounts` gives counts to draw from noisy counts instead (Laplace noise on the counts of each length, the
/// privacy budget ε split over the lengths, combinations below a threshold that δ sets dropped), so the synthetic
/// data is (ε, δ)-differentially private; rare combinations may then be made up rather than carried over.
public struct KSynthesis: Sendable {
    public enum Problem: Error, Equatable {
        case kTooSmall(Int)
        case lengthOutOfRange(Int)
        case epsilonNotPositive
        case deltaOutOfRange
        case fewerRecordsThanK(records: Int, k: Int)
    }

    public let k: Int
    public let length: Int

    public init(k: Int, length: Int) throws(Problem) {
        guard k >= 2 else { throw .kTooSmall(k) }
        guard (1...CombinationCounts.longest).contains(length) else { throw .lengthOutOfRange(length) }
        self.k = k
        self.length = length
    }

    /// The synthetic records for data whose combinations were counted, as many as were counted.
    public func synthesise(
        _ counts: CombinationCounts, template data: Microdata, using rng: inout some RandomNumberGenerator
    ) -> Microdata {
        var drawer = Drawer(counts: counts, k: k, length: min(length, counts.length), width: data.width)
        var codes: [UInt16] = []
        codes.reserveCapacity(counts.records * data.width)
        // An empty value is coded as the attribute's "" when it has one, or as a new last code.
        var values = data.values
        let empty = values.indices.map { a in
            if let i = values[a].firstIndex(of: "") { return UInt16(i) }
            values[a].append("")
            return UInt16(values[a].count - 1)
        }
        for _ in 0..<counts.records {
            let record = drawer.draw(using: &rng)
            for a in 0..<data.width { codes.append(record[a] ?? empty[a]) }
        }
        return Microdata(attributes: data.attributes, values: values, codes: codes)
    }

    /// Counts with Laplace noise for (ε, δ)-differential privacy. Each record is in C(m, l) combinations of
    /// length l (m attributes), which is the sensitivity of that length's counts; 5 % of ε pays for the number
    /// of records, the rest is split evenly over the lengths. Of the combinations no one could have guessed,
    /// those under the threshold that keeps their chance of appearing within δ are dropped.
    public static func noisyCounts(
        _ data: Microdata, length: Int, epsilon: Double, delta: Double, using rng: inout some RandomNumberGenerator
    ) throws(Problem) -> CombinationCounts {
        guard epsilon > 0, epsilon.isFinite else { throw .epsilonNotPositive }
        guard delta > 0, delta < 1 else { throw .deltaOutOfRange }
        let exact = CombinationCounts(data, length: length)
        let perLength = 0.95 * epsilon / Double(exact.length)
        var noisy: [CombinationCounts.Combination: Int] = [:]
        for (combination, count) in exact.counts {
            let sensitivity = Double(binomial(data.width, combination.length))
            let scale = sensitivity / perLength
            let threshold = 1 + scale * log(sensitivity / (2 * delta / Double(exact.length)))
            let value = Double(count) + laplace(scale, using: &rng)
            // Within twice the records: a finite count no conversion can trap on, whatever the noise drew.
            if value >= threshold { noisy[combination] = Int(min(value, Double(2 * exact.records + 1)).rounded()) }
        }
        let noisyRecords = Double(exact.records) + laplace(1 / (0.05 * epsilon), using: &rng)
        let records = Int(
            max(0, min(noisyRecords.isFinite ? noisyRecords : 0, Double(2 * exact.records + 1))).rounded())
        var result = CombinationCounts(length: length)
        result.replace(noisy, records: records)
        return result
    }

    static func laplace(_ scale: Double, using rng: inout some RandomNumberGenerator) -> Double {
        let u = Double.random(in: -0.5..<0.5, using: &rng)
        return -scale * (u < 0 ? -1 : 1) * log(max(Double.leastNormalMagnitude, 1 - 2 * abs(u)))
    }

    static func binomial(_ n: Int, _ k: Int) -> Int {
        guard k >= 0, k <= n else { return 0 }
        var result = 1
        for i in 0..<k { result = result * (n - i) / (i + 1) }
        return result
    }

    /// Draws records from the counts. Which values may follow those already drawn is looked up, not searched: for
    /// every combination S of fewer than `length` items and an attribute a, `extensions` holds the values of a that
    /// extend S to a combination held by at least k records, with its count. A value fits when it extends every
    /// subset of the drawn values, which is as many look-ups as there are such subsets (29 for 8 attributes and
    /// length 3), whatever the number of values.
    ///
    /// Leaving an attribute empty is a choice like a value, as often as the sensitive data leaves it empty (or
    /// holds a value of it too rare to show): among the records of a drawn combination S, as many as S's count less
    /// the counts of S with each value of the attribute. An empty value is in no combination, so it changes
    /// nothing that k-synthesis promises; without it, an attribute most records leave empty (the labour industry
    /// of sexual exploitation) would be filled in and would pull the other attributes with it.
    struct Drawer {
        struct Key: Hashable {
            let combination: CombinationCounts.Combination
            let attribute: Int
        }

        let k: Int
        let length: Int
        let width: Int
        /// For each attribute, its values held by at least k records, with their counts.
        let singles: [[(code: UInt16, count: Int)]]
        let extensions: [Key: [UInt16: Int]]
        /// The count of each combination of fewer than `length` items held by at least k records, and for each
        /// such combination and attribute the total of its extensions: their difference is the empty share.
        let subsetCounts: [CombinationCounts.Combination: Int]
        let extensionTotals: [Key: Int]
        /// For each attribute, the records that leave it empty or hold a value of it too rare to show.
        let emptySingles: [Int]
        /// How often each value has been drawn so far, by attribute and code (`empty` for none).
        var drawn: [[UInt16: Int]]

        /// The code that stands for an empty value while drawing: no attribute has this many values.
        static let empty = UInt16.max

        init(counts: CombinationCounts, k: Int, length: Int, width: Int) {
            self.k = k
            self.length = length
            self.width = width
            var singles = [[(code: UInt16, count: Int)]](repeating: [], count: width)
            var extensions: [Key: [UInt16: Int]] = [:]
            var subsetCounts: [CombinationCounts.Combination: Int] = [:]
            var extensionTotals: [Key: Int] = [:]
            for (combination, count) in counts.counts where count >= k && combination.length <= length {
                let items = combination.items
                guard items.allSatisfy({ $0.attribute < width }) else { continue }
                if combination.length < length { subsetCounts[combination] = count }
                if items.count == 1 {
                    singles[items[0].attribute].append((items[0].code, count))
                    continue
                }
                for (i, item) in items.enumerated() {
                    var rest = items
                    rest.remove(at: i)
                    let key = Key(combination: CombinationCounts.Combination(rest), attribute: item.attribute)
                    extensions[key, default: [:]][item.code] = count
                    extensionTotals[key, default: 0] += count
                }
            }
            self.singles = singles.map { $0.sorted { $0.code < $1.code } }
            self.extensions = extensions
            self.subsetCounts = subsetCounts
            self.extensionTotals = extensionTotals
            emptySingles = singles.map { max(0, counts.records - $0.reduce(0) { $0 + $1.count }) }
            drawn = [[UInt16: Int]](repeating: [:], count: width)
        }

        mutating func draw(using rng: inout some RandomNumberGenerator) -> [UInt16?] {
            var record = [UInt16?](repeating: nil, count: width)
            // Every non-empty subset of the values drawn so far with fewer than `length` items.
            var subsets: [CombinationCounts.Combination] = []
            for a in (0..<width).shuffled(using: &rng) {
                let fitting = fitting(a, subsets)
                var candidates: [(code: UInt16, weight: Int)] = []
                for (code, rarest, single) in fitting {
                    // What the value still lacks of its count, as a share of it, in thousandths.
                    let missing = max(0, single - drawn[a][code, default: 0])
                    let weight = rarest * (missing * 1000 / single)
                    if weight > 0 { candidates.append((code, weight)) }
                }
                // Every fitting value has reached its count: draw among them by their combinations alone.
                if candidates.isEmpty { candidates = fitting.map { ($0.code, $0.rarest) } }
                let total = candidates.reduce(0) { $0 + $1.weight }
                guard total > 0 else { continue }
                var pick = Int.random(in: 0..<total, using: &rng)
                for candidate in candidates {
                    pick -= candidate.weight
                    if pick < 0 {
                        drawn[a][candidate.code, default: 0] += 1
                        guard candidate.code != Self.empty else { break }
                        record[a] = candidate.code
                        let longer = subsets.filter { $0.length + 1 < length }.map { $0.adding(a, candidate.code) }
                        if length > 1 { subsets.append(CombinationCounts.Combination().adding(a, candidate.code)) }
                        subsets += longer
                        break
                    }
                }
            }
            return record
        }

        /// The values of `attribute` that extend every subset, with the count of the rarest combination each makes
        /// and its own count; and `empty`, with the fewest records any subset has without a value shown.
        func fitting(
            _ attribute: Int, _ subsets: [CombinationCounts.Combination]
        ) -> [(code: UInt16, rarest: Int, single: Int)] {
            var fitting = singles[attribute].map { (code: $0.code, rarest: $0.count, single: $0.count) }
            var empty = emptySingles[attribute]
            for subset in subsets {
                let key = Key(combination: subset, attribute: attribute)
                empty = min(empty, max(0, (subsetCounts[subset] ?? 0) - (extensionTotals[key] ?? 0)))
                guard !fitting.isEmpty else { continue }
                guard let extending = extensions[key] else {
                    fitting = []
                    continue
                }
                fitting = fitting.compactMap { value in
                    extending[value.code].map { (value.code, min(value.rarest, $0), value.single) }
                }
            }
            if empty > 0 { fitting.append((Self.empty, empty, emptySingles[attribute])) }
            return fitting
        }
    }
}
