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

    /// Draws records from the counts.
    struct Drawer {
        let counts: CombinationCounts
        let k: Int
        let length: Int
        let width: Int
        /// For each attribute, its values held by at least k records, with their counts.
        let singles: [[(code: UInt16, count: Int)]]
        /// How often each value has been drawn so far, by attribute and code.
        var drawn: [[UInt16: Int]]

        init(counts: CombinationCounts, k: Int, length: Int, width: Int) {
            self.counts = counts
            self.k = k
            self.length = length
            self.width = width
            var singles = [[(code: UInt16, count: Int)]](repeating: [], count: width)
            for (combination, count) in counts.counts where combination.length == 1 && count >= k {
                let item = combination.items[0]
                if item.attribute < width { singles[item.attribute].append((item.code, count)) }
            }
            self.singles = singles.map { $0.sorted { $0.code < $1.code } }
            drawn = [[UInt16: Int]](repeating: [:], count: width)
        }

        mutating func draw(using rng: inout some RandomNumberGenerator) -> [UInt16?] {
            var record = [UInt16?](repeating: nil, count: width)
            var chosen: [(attribute: Int, code: UInt16)] = []
            for a in (0..<width).shuffled(using: &rng) {
                var candidates: [(code: UInt16, weight: Int)] = []
                var fitting: [(code: UInt16, weight: Int)] = []
                for single in singles[a] {
                    guard let rarest = fits(a, single.code, with: chosen, single: single.count) else { continue }
                    fitting.append((single.code, rarest))
                    // What the value still lacks of its count, as a share of it, in thousandths.
                    let missing = max(0, single.count - drawn[a][single.code, default: 0])
                    let weight = rarest * (missing * 1000 / single.count)
                    if weight > 0 { candidates.append((single.code, weight)) }
                }
                // Every fitting value has reached its count: draw among them by their combinations alone.
                if candidates.isEmpty { candidates = fitting }
                let total = candidates.reduce(0) { $0 + $1.weight }
                guard total > 0 else { continue }
                var pick = Int.random(in: 0..<total, using: &rng)
                for candidate in candidates {
                    pick -= candidate.weight
                    if pick < 0 {
                        record[a] = candidate.code
                        chosen.append((a, candidate.code))
                        drawn[a][candidate.code, default: 0] += 1
                        break
                    }
                }
            }
            return record
        }

        /// The count of the rarest combination the value makes with those chosen (up to the reporting length),
        /// or nil when one of them is held by fewer than k records.
        func fits(_ attribute: Int, _ code: UInt16, with chosen: [(attribute: Int, code: UInt16)], single: Int) -> Int?
        {
            var rarest = single
            var subset: [(attribute: Int, code: UInt16)] = []
            func walk(_ start: Int) -> Bool {
                for i in start..<chosen.count {
                    subset.append(chosen[i])
                    let n = counts[CombinationCounts.Combination(subset + [(attribute, code)])]
                    if n < k { return false }
                    rarest = min(rarest, n)
                    if subset.count + 1 < length, !walk(i + 1) { return false }
                    subset.removeLast()
                }
                return true
            }
            return walk(0) ? rarest : nil
        }
    }
}
