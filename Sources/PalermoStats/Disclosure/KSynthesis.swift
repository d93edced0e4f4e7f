import Foundation
import PalermoCore

/// Synthetic microdata by the method of Microsoft's synthetic-data-showcase (k-synthesis): records are drawn one
/// value at a time, and a value is taken only when every combination it makes with the values already drawn,
/// up to the reporting length, is held by at least `k` records of the sensitive data. So every short
/// combination in the synthetic data is common in the sensitive data: nothing rare about a person carries over,
/// and nothing is made up. Each value has a budget, its count rounded down to the reporting resolution (so the
/// synthetic data tells no more than the published aggregates), and records are drawn until the budgets are
/// spent, as synthetic-data-showcase consolidates. A value is drawn in proportion to the rarest of those
/// combinations, scaled by what is left of its budget. Where no value fits, the attribute is left empty.
///
/// `noisyCounts` gives counts to draw from noisy counts instead (Gaussian noise on the counts of each length, the
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

    /// The synthetic records for data whose combinations were counted. Each value is drawn as often as its count,
    /// rounded down to the reporting resolution, allows; records are drawn until every value has been used up,
    /// so the synthetic data holds about as many records as were counted (more where values met dead ends), or
    /// until `limit` records. Noisy counts keep few long combinations, so their values meet dead ends everywhere:
    /// drawn to the end, they would make a crowd of one-value records, and the counted records are their limit.
    public func synthesise(
        _ counts: CombinationCounts, template data: Microdata, resolution: Int? = nil, limit: Int? = nil,
        using rng: inout some RandomNumberGenerator
    ) -> Microdata {
        var drawer = Drawer(
            counts: counts, k: k, length: min(length, counts.length), width: data.width,
            resolution: max(1, resolution ?? k))
        var codes: [UInt16] = []
        codes.reserveCapacity(counts.records * data.width)
        // An empty value is coded as the attribute's "" when it has one, or as a new last code.
        var values = data.values
        let empty = values.indices.map { a in
            if let i = values[a].firstIndex(of: "") { return UInt16(i) }
            values[a].append("")
            return UInt16(values[a].count - 1)
        }
        // Every draw spends a value or an empty value from a budget, so this ends; the limit only guards against a
        // budget gone wrong. A record left with no value at all is not kept.
        var draws = drawer.valuesLeft + drawer.emptySingles.reduce(0, +)
        var kept = 0
        while drawer.valuesLeft > 0, draws > 0, kept < limit ?? Int.max {
            draws -= 1
            let record = drawer.draw(using: &rng)
            guard record.contains(where: { $0 != nil }) else { continue }
            for a in 0..<data.width { codes.append(record[a] ?? empty[a]) }
            kept += 1
        }
        return Microdata(attributes: data.attributes, values: values, codes: codes)
    }

    /// Counts with Gaussian noise for (ε, δ)-differential privacy. A record is in at most C(m, l) combinations of
    /// length l (m attributes), each count moving by one: an L2 sensitivity of √C(m, l), far below the L1 one that
    /// Laplace noise would need. 5 % of ε pays for the number of records (Laplace); the rest, and δ, are split
    /// evenly over the lengths, and each length's share of δ half to the Gaussian mechanism (its σ found exactly,
    /// as Balle and Wang's analytic Gaussian mechanism does) and half to the threshold: a combination that only
    /// one record holds is shown with a chance of at most that half over the record's C(m, l) combinations.
    public static func noisyCounts(
        _ data: Microdata, length: Int, epsilon: Double, delta: Double, using rng: inout some RandomNumberGenerator
    ) throws(Problem) -> CombinationCounts {
        guard epsilon > 0, epsilon.isFinite else { throw .epsilonNotPositive }
        guard delta > 0, delta < 1 else { throw .deltaOutOfRange }
        let exact = CombinationCounts(data, length: length)
        let perLength = 0.95 * epsilon / Double(exact.length)
        let deltaPerLength = delta / Double(exact.length)
        let scales = (1...exact.length).map { l in
            let combinations = Double(max(1, binomial(data.width, l)))
            let sigma = gaussianSigma(
                epsilon: perLength, delta: deltaPerLength / 2, sensitivity: combinations.squareRoot())
            return (sigma: sigma, threshold: 1 + sigma * normalQuantile(1 - deltaPerLength / 2 / combinations))
        }
        var noisy: [CombinationCounts.Combination: Int] = [:]
        for (combination, count) in exact.counts {
            let (sigma, threshold) = scales[combination.length - 1]
            let value = Double(count) + sigma * gaussian(using: &rng)
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

    /// The least σ for which Gaussian noise on a query of this L2 sensitivity is (ε, δ)-differentially private,
    /// by bisection: the privacy loss falls as σ grows.
    static func gaussianSigma(epsilon: Double, delta: Double, sensitivity: Double) -> Double {
        func privacyLoss(_ sigma: Double) -> Double {
            gaussianPrivacyLoss(sigma: sigma, epsilon: epsilon, sensitivity: sensitivity)
        }
        var low = 1e-6 * sensitivity, high = sensitivity
        for _ in 0..<200 where privacyLoss(high) > delta { high *= 2 }
        for _ in 0..<100 {
            let middle = (low + high) / 2
            if privacyLoss(middle) > delta { low = middle } else { high = middle }
        }
        return high
    }

    /// Balle and Wang's exact condition, Φ(Δ/2σ − εσ/Δ) − e^ε Φ(−Δ/2σ − εσ/Δ): the δ that σ gives.
    static func gaussianPrivacyLoss(sigma: Double, epsilon: Double, sensitivity: Double) -> Double {
        let a = sensitivity / (2 * sigma), b = epsilon * sigma / sensitivity
        return normalCDF(a - b) - exp(epsilon) * normalCDF(-a - b)
    }

    static func normalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

    /// The p-quantile of the standard normal distribution, by bisection on its distribution function.
    static func normalQuantile(_ p: Double) -> Double {
        var low = -40.0, high = 40.0
        for _ in 0..<200 {
            let middle = (low + high) / 2
            if normalCDF(middle) < p { low = middle } else { high = middle }
        }
        return high
    }

    /// A standard normal draw (Box–Muller).
    static func gaussian(using rng: inout some RandomNumberGenerator) -> Double {
        let u = Double.random(in: Double.leastNormalMagnitude..<1, using: &rng)
        let v = Double.random(in: 0..<1, using: &rng)
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
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
        /// How often each value may be drawn, by attribute and code: its count rounded down to the resolution; and
        /// what is left of it. An attribute's empty value may be drawn as often as `emptySingles` says.
        let budgets: [[Int]]
        var left: [[Int]]
        var emptyLeft: [Int]
        /// The values left to draw, over all attributes, empty values aside.
        private(set) var valuesLeft: Int
        /// How many synthetic records hold each combination in `extensions`, keyed the same way.
        var used: [Key: [UInt16: Int]] = [:]

        /// The code that stands for an empty value while drawing: no attribute has this many values.
        static let empty = UInt16.max

        init(counts: CombinationCounts, k: Int, length: Int, width: Int, resolution: Int) {
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
            budgets = singles.map { values in
                var budget = [Int](repeating: 0, count: Int(values.map(\.code).max() ?? 0) + 1)
                for value in values { budget[Int(value.code)] = value.count / resolution * resolution }
                return budget
            }
            left = budgets
            emptyLeft = emptySingles
            valuesLeft = budgets.reduce(0) { $0 + $1.reduce(0, +) }
        }

        /// A record, its values spent from the budgets.
        mutating func draw(using rng: inout some RandomNumberGenerator) -> [UInt16?] {
            let (record, empty) = propose(using: &rng)
            for a in 0..<width {
                if let code = record[a] {
                    left[a][Int(code)] -= 1
                    valuesLeft -= 1
                } else if empty[a] {
                    emptyLeft[a] -= 1
                }
            }
            count(record)
            return record
        }

        /// A record drawn against the budgets as they are (each attribute spends from its own, so one record needs
        /// no account of itself), with the attributes it left empty by choice.
        func propose(using rng: inout some RandomNumberGenerator) -> (record: [UInt16?], empty: [Bool]) {
            var record = [UInt16?](repeating: nil, count: width)
            var empty = [Bool](repeating: false, count: width)
            // Every non-empty subset of the values drawn so far with fewer than `length` items.
            var subsets: [CombinationCounts.Combination] = []
            var pending = (0..<width).shuffled(using: &rng)
            // What fits each pending attribute, narrowed by each value drawn instead of worked out again.
            var fits = pending.map { fitting($0) }
            while !pending.isEmpty {
                // The attribute with the fewest values that fit goes first: left for later, it would be the first
                // to meet a dead end.
                var options: [[(code: UInt16, weight: Int)]] = []
                var chosen = 0
                var fewest = Int.max
                for (index, a) in pending.enumerated() {
                    options.append(candidates(a, fits[index]))
                    let values = options[index].count { $0.code != Self.empty }
                    if values < fewest {
                        fewest = values
                        chosen = index
                    }
                }
                let a = pending[chosen]
                var candidates = options[chosen]
                pending.remove(at: chosen)
                options.remove(at: chosen)
                fits.remove(at: chosen)
                // A value that would leave another attribute no value at all is drawn only when every value would.
                let open = candidates.filter { candidate in
                    candidate.code == Self.empty
                        || zip(pending, options).allSatisfy { b, values in
                            keepsOpen(b, values, after: (a, candidate.code), subsets)
                        }
                }
                if !open.isEmpty { candidates = open }
                let total = candidates.reduce(0) { $0 + $1.weight }
                guard total > 0 else { continue }
                var pick = Int.random(in: 0..<total, using: &rng)
                for candidate in candidates {
                    pick -= candidate.weight
                    if pick < 0 {
                        guard candidate.code != Self.empty else {
                            empty[a] = true
                            break
                        }
                        record[a] = candidate.code
                        let longer = subsets.filter { $0.length + 1 < length }.map { $0.adding(a, candidate.code) }
                        let added =
                            (length > 1 ? [CombinationCounts.Combination().adding(a, candidate.code)] : []) + longer
                        subsets += added
                        for index in pending.indices { narrow(&fits[index], pending[index], by: added) }
                        break
                    }
                }
            }
            return (record, empty)
        }

        /// Whether some value of `b` that may be drawn now may still be drawn once `value` is: it must extend `value`
        /// and each drawn value with it. An attribute that has no value now, or may be left empty, stays open.
        func keepsOpen(
            _ b: Int, _ values: [(code: UInt16, weight: Int)], after value: (attribute: Int, code: UInt16),
            _ subsets: [CombinationCounts.Combination]
        ) -> Bool {
            guard length > 1, !values.isEmpty, !values.contains(where: { $0.code == Self.empty }) else { return true }
            let single = CombinationCounts.Combination().adding(value.attribute, value.code)
            let keys =
                [Key(combination: single, attribute: b)]
                + (length > 2
                    ? subsets.filter { $0.length == 1 }.map {
                        Key(combination: $0.adding(value.attribute, value.code), attribute: b)
                    } : [])
            let extending = keys.map { extensions[$0] }
            return values.contains { candidate in extending.allSatisfy { $0?[candidate.code] != nil } }
        }

        /// The values of `a` that may be drawn next, with their weights: the fewest records any combination a value
        /// makes still lacks in the synthetic data, scaled by what is left of its budget.
        func candidates(_ a: Int, _ fitting: Fitting) -> [(code: UInt16, weight: Int)] {
            var candidates: [(code: UInt16, weight: Int)] = []
            var fallback: [(code: UInt16, weight: Int)] = []
            let empty = fitting.emptyShare > 0 ? [(Self.empty, fitting.emptyShare, fitting.emptyShare)] : []
            for (code, rarest, spare) in fitting.values + empty {
                // What is left of the value's budget, as a share of it, in thousandths.
                let (remaining, budget) =
                    code == Self.empty
                    ? (emptyLeft[a], emptySingles[a]) : (left[a][Int(code)], budgets[a][Int(code)])
                guard remaining > 0 else { continue }
                let share = remaining * 1000 / budget
                if spare > 0 { candidates.append((code, spare * share)) }
                fallback.append((code, rarest * share))
            }
            // Every fitting value's combinations are as common in the synthetic data as in the sensitive data
            // already: one more is better than a dead end.
            return candidates.isEmpty ? fallback : candidates
        }

        /// The values of an attribute that extend every combination of the values drawn, each with the count of
        /// the rarest combination it makes and the fewest records any of those combinations still lacks in the
        /// synthetic data; and the fewest records any of those combinations has without a value of it shown.
        struct Fitting {
            var values: [(code: UInt16, rarest: Int, spare: Int)]
            var emptyShare: Int
        }

        /// What fits an attribute before any value is drawn: its values held by at least k records.
        func fitting(_ attribute: Int) -> Fitting {
            Fitting(
                values: singles[attribute].map { (code: $0.code, rarest: $0.count, spare: $0.count) },
                emptyShare: emptySingles[attribute])
        }

        /// Narrows what fits an attribute by the combinations a value just drawn makes with those before it.
        func narrow(_ fitting: inout Fitting, _ attribute: Int, by subsets: [CombinationCounts.Combination]) {
            for subset in subsets {
                let key = Key(combination: subset, attribute: attribute)
                fitting.emptyShare = min(
                    fitting.emptyShare, max(0, (subsetCounts[subset] ?? 0) - (extensionTotals[key] ?? 0)))
                guard !fitting.values.isEmpty else { continue }
                guard let extending = extensions[key] else {
                    fitting.values = []
                    continue
                }
                let taken = used[key]
                fitting.values = fitting.values.compactMap { value in
                    extending[value.code].map { count in
                        let spare = count - (taken?[value.code] ?? 0)
                        return (value.code, min(value.rarest, count), min(value.spare, spare))
                    }
                }
            }
        }

        /// Counts the record's combinations of two or more items into `used`, under each way `extensions` keys them.
        mutating func count(_ record: [UInt16?]) {
            let items = record.indices.compactMap { a in record[a].map { (attribute: a, code: $0) } }
            var combination = CombinationCounts.Combination()
            func walk(_ start: Int) {
                for i in start..<items.count {
                    let saved = combination
                    combination = combination.adding(items[i].attribute, items[i].code)
                    if combination.length > 1 {
                        for (n, item) in combination.items.enumerated() {
                            let key = Key(combination: combination.removing(n), attribute: item.attribute)
                            used[key, default: [:]][item.code, default: 0] += 1
                        }
                    }
                    if combination.length < length { walk(i + 1) }
                    combination = saved
                }
            }
            walk(0)
        }
    }
}
