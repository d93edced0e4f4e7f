import Foundation
import PalermoCore

/// Runs a release request on the selected records: the risk audit of the records as they are, the method, and
/// what is published (the data's rows, the aggregate counts of a synthesis, a data dictionary), with the figures
/// its report shows. Nothing here writes anywhere: a preview and a release run the same code.
public struct ReleaseOutcome: Sendable {
    public struct TableSummary: Sendable, Codable, Equatable {
        public let cells: Int
        public let primary: Int
        public let suppressed: Int
        /// `safe`, `certified` (safe, shown by hypercube certificates on a table too large for the audit's solver),
        /// `rounded`, or `not audited` (too large for the solver, and not certified).
        public let audit: String
    }

    public struct AnonymitySummary: Sendable, Codable, Equatable {
        public let levels: [String: String]
        public let suppressed: Int
        public let loss: Double
        public let smallestClass: Int
    }

    public let request: ReleaseRequest
    public let records: Int
    /// The risk audit of the selected records and of what is published: nil when not asked for (a benchmark of
    /// the method alone).
    public let before: RiskAudit.Report?
    public let after: RiskAudit.Report?
    public let table: TableSummary?
    public let anonymity: AnonymitySummary?
    public let utility: SynthesisUtility?
    /// The published table: a header row, then rows; empty when records are published.
    public let data: [[String]]
    /// The published records (k-anonymous or synthetic), kept coded: a million of them would be large as text.
    public let publishedRecords: Microdata?
    public let aggregates: [[String]]?
    public let dictionary: [[String]]
}

extension ReleaseOutcome {
    /// A header and the first `limit` rows of what is published.
    public func sample(_ limit: Int) -> [[String]] {
        guard let records = publishedRecords else { return Array(data.prefix(limit + 1)) }
        return [records.attributes] + (0..<min(limit, records.count)).map(records.record)
    }
}

public enum ReleaseBuilder {
    public static func run(
        _ request: ReleaseRequest, on data: Microdata, known: [String] = ReleaseRequest.attributes.map(\.name),
        audited: Bool = true
    ) throws -> ReleaseOutcome {
        var rng = SeededGenerator(seed: request.seed)
        let problems = request.problems(known: known)
        guard problems.isEmpty else { throw ValidationFailure(problems) }
        let least = request.method == .table ? request.threshold : request.k
        guard data.count >= least else {
            throw ValidationFailure([
                .init(
                    field: "filters",
                    message: "the filters select \(data.count) records, fewer than \(least): nothing can be published",
                    code: "tooFewRecords", values: ["n": "\(data.count)", "k": "\(least)"])
            ])
        }
        let qi = Array(0..<data.width)
        let sensitive = request.sensitive.flatMap { data.attributes.firstIndex(of: $0) }
        let audit = RiskAudit(k: request.k)
        func risk(_ records: Microdata) -> RiskAudit.Report? {
            audited ? audit.audit(records, quasiIdentifiers: qi, sensitive: sensitive) : nil
        }
        let before = risk(data)
        let dictionary = Self.dictionary(request, data)
        switch request.method {
        case .table:
            let (rows, summary) = try table(request, data)
            return ReleaseOutcome(
                request: request, records: data.count, before: before, after: nil, table: summary, anonymity: nil,
                utility: nil, data: rows, publishedRecords: nil, aggregates: nil, dictionary: dictionary)
        case .kAnonymity:
            var method = KAnonymity(k: request.k)
            method.maxSuppressed = 0.05
            let result: KAnonymity.Result
            do {
                result = try method.anonymise(data, quasiIdentifiers: qi, hierarchies: request.hierarchies)
            } catch {
                throw ValidationFailure([
                    .init(
                        field: "k",
                        message: "no generalisation reaches k = \(request.k) leaving out at most 5 % of records",
                        code: "noGeneralisation", values: ["k": "\(request.k)"])
                ])
            }
            return ReleaseOutcome(
                request: request, records: data.count, before: before,
                after: risk(result.data), table: nil,
                anonymity: .init(
                    levels: result.levels, suppressed: result.suppressed, loss: result.loss,
                    smallestClass: result.smallestClass),
                utility: nil, data: [], publishedRecords: result.data, aggregates: nil,
                dictionary: dictionary)
        case .synthetic, .syntheticDP:
            let synthesis = try KSynthesis(k: request.k, length: request.length)
            let counts =
                request.method == .synthetic
                ? CombinationCounts(data, length: request.length)
                : try KSynthesis.noisyCounts(
                    data, length: request.length, epsilon: request.epsilon ?? 1,
                    delta: request.delta ?? ReleaseRequest.defaultDelta,
                    using: &rng)
            let synthetic = synthesis.synthesise(
                counts, template: data, limit: request.method == .syntheticDP ? counts.records : nil, using: &rng)
            let utility =
                audited
                ? SynthesisUtility(sensitive: data, synthetic: synthetic, k: request.k, reportingLength: request.length)
                : nil
            return ReleaseOutcome(
                request: request, records: data.count, before: before,
                after: risk(synthetic), table: nil, anonymity: nil,
                utility: utility, data: [], publishedRecords: synthetic,
                aggregates: aggregates(counts, data, k: request.k), dictionary: dictionary)
        }
    }

    /// The aggregate counts published beside synthetic data: every combination held by at least k records,
    /// rounded down to a multiple of k (the reporting resolution), as `attribute:value;attribute:value`.
    static func aggregates(_ counts: CombinationCounts, _ data: Microdata, k: Int) -> [[String]] {
        [["selections", "count"]]
            + counts.reportable(k: k, resolution: k).map { combination, count in
                let text = combination.items.map { item in
                    data.attributes[item.attribute] + ":" + data.values[item.attribute][Int(item.code)]
                }
                return [text.joined(separator: ";"), String(count)]
            }
    }

    static func table(_ request: ReleaseRequest, _ data: Microdata) throws -> ([[String]], ReleaseOutcome.TableSummary)
    {
        let categories = (0..<data.width).map { a in data.values[a].sorted() }
        let position = categories.map { list in Dictionary(uniqueKeysWithValues: list.enumerated().map { ($1, $0) }) }
        let shape = categories.map(\.count)
        var inner = [Int](repeating: 0, count: shape.reduce(1, *))
        for r in 0..<data.count {
            var index = 0
            for a in 0..<data.width { index = index * shape[a] + (position[a][data.value(r, a)] ?? 0) }
            inner[index] += 1
        }
        let table: MarginalTable
        do { table = try MarginalTable(shape: shape, cells: inner) } catch {
            throw ValidationFailure([
                .init(field: "attributes", message: "the table would be too large", code: "tooLarge")
            ])
        }
        var released: [Int?]
        let summary: ReleaseOutcome.TableSummary
        if request.rounding {
            guard let rounded = try? ControlledRounding(base: request.threshold).round(table) else {
                throw ValidationFailure([
                    .init(
                        field: "rounding", message: "controlled rounding works on tables of one or two attributes",
                        code: "roundingTwoWays")
                ])
            }
            released = rounded
            summary = .init(cells: table.values.count, primary: 0, suppressed: 0, audit: "rounded")
        } else {
            let (result, _) = CellSuppression(threshold: request.threshold).protectAudited(table)
            released = table.values.indices.map { result.released($0) }
            let verdict: String =
                switch SuppressionAudit().audit(result) {
                case .safe: "safe"
                case .certified: "certified"
                case .exposed: "exposed"
                case .tooLarge: "not audited"
                }
            summary = .init(
                cells: table.values.count, primary: result.primary.count, suppressed: result.suppressedCells.count,
                audit: verdict)
        }
        let rows = table.values.indices.map { index in
            table.coordinates(of: index).enumerated().map { a, c in c < shape[a] ? categories[a][c] : "Total" }
                + [released[index].map(String.init) ?? ""]
        }
        return ([data.attributes + ["count"]] + rows, summary)
    }

    static func dictionary(_ request: ReleaseRequest, _ data: Microdata) -> [[String]] {
        [["attribute", "levels", "values in the selected records"]]
            + zip(data.attributes, request.hierarchies).enumerated().map { a, pair in
                [pair.0, pair.1.levels.joined(separator: " > "), "\(data.values[a].count)"]
            }
    }
}
