/// How well synthetic records keep the sensitive data's counts, and whether they keep its secrets: the mean
/// error of the counts of combinations of one, two and three attributes; combinations held by fewer than `k`
/// sensitive records that appear in the synthetic data (none may, for k-synthesis); and combinations the
/// synthetic data has that no sensitive record has (made up).
public struct SynthesisUtility: Sendable, Codable, Equatable {
    public struct ErrorByLength: Sendable, Codable, Equatable {
        public let length: Int
        /// Combinations in either dataset, and the mean absolute difference of their counts.
        public let combinations: Int
        public let meanError: Double
        /// The mean count in the sensitive data, to read the error against.
        public let meanSensitiveCount: Double
    }

    public let errors: [ErrorByLength]
    public let rareCombinationsLeaked: Int
    public let fabricatedCombinations: Int
    public let sensitiveRecords: Int
    public let syntheticRecords: Int

    /// Errors for combinations of one to three attributes; leaks and made-up combinations up to the reporting
    /// length, which is as far as k-synthesis promises anything.
    public init(sensitive: Microdata, synthetic: Microdata, k: Int, reportingLength: Int) {
        // The synthetic data is coded against the sensitive data's values (plus ""), so codes compare directly.
        let length = max(3, reportingLength)
        let a = CombinationCounts(sensitive, length: length)
        let b = CombinationCounts(synthetic, length: length)
        var errors: [ErrorByLength] = []
        for l in 1...min(3, a.length) {
            let keys = Set(a.counts.keys.filter { $0.length == l }).union(b.counts.keys.filter { $0.length == l })
            let total = keys.reduce(0.0) { $0 + Double(abs(a[$1] - b[$1])) }
            let sensitiveTotal = a.counts.filter { $0.key.length == l }.reduce(0) { $0 + $1.value }
            let present = a.counts.keys.filter { $0.length == l }.count
            errors.append(
                ErrorByLength(
                    length: l, combinations: keys.count, meanError: keys.isEmpty ? 0 : total / Double(keys.count),
                    meanSensitiveCount: present == 0 ? 0 : Double(sensitiveTotal) / Double(present)))
        }
        self.errors = errors
        let promised = b.counts.keys.filter { $0.length <= reportingLength }
        rareCombinationsLeaked = promised.filter { (1..<k).contains(a[$0]) }.count
        fabricatedCombinations = promised.filter { a[$0] == 0 }.count
        sensitiveRecords = sensitive.count
        syntheticRecords = synthetic.count
    }
}
