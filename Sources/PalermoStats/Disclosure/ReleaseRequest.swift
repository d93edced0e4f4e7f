import Foundation
import PalermoCore

/// What a statistician asks to publish from case records: which records (country, years), which attributes,
/// and the method with its parameters. Every number is bounded here, and every problem names its field.
public struct ReleaseRequest: Sendable, Codable, Equatable {
    public enum Method: String, Sendable, Codable, CaseIterable {
        /// A table of counts over one to three attributes, small counts suppressed (or every count rounded).
        case table
        /// The records, generalised and locally suppressed until every class has at least k.
        case kAnonymity = "k-anonymity"
        /// Synthetic records whose every short combination is held by at least k sensitive records.
        case synthetic
        /// Synthetic records from noisy counts: (ε, δ)-differentially private.
        case syntheticDP = "synthetic-dp"
    }

    /// The attributes case records can be published by, each with its generalisation hierarchy.
    public static let attributes: [(name: String, hierarchy: Hierarchy)] = [
        ("sex", .flat("sex")), ("ageGroup", .flat("ageGroup")), ("citizenship", .country("citizenship")),
        ("countryOfExploitation", .country("countryOfExploitation")), ("year", .year("year")),
        ("exploitation", .exploitation("exploitation")), ("labourIndustry", .flat("labourIndustry")),
        ("traffickingStatus", .flat("traffickingStatus")),
    ]

    /// δ of the differentially private synthesis when none is given.
    public static let defaultDelta = 1e-6

    public var country: String?
    public var from: Int?
    public var to: Int?
    public var attributes: [String]
    public var method: Method
    public var k: Int
    /// Reporting length of the synthesis: combinations of up to this many attributes.
    public var length: Int
    /// For a table: counts below this are suppressed; with `rounding`, the rounding base.
    public var threshold: Int
    public var rounding: Bool
    public var epsilon: Double?
    public var delta: Double?
    /// For the risk audit: the attribute whose diversity within classes is measured.
    public var sensitive: String?
    /// The random stream of a synthesis: a preview and the release made from it draw the same records.
    public var seed: UInt64

    public init(
        country: String? = nil, from: Int? = nil, to: Int? = nil, attributes: [String], method: Method, k: Int = 10,
        length: Int = 3, threshold: Int = 5, rounding: Bool = false, epsilon: Double? = nil, delta: Double? = nil,
        sensitive: String? = nil, seed: UInt64 = 1
    ) {
        self.country = country
        self.from = from
        self.to = to
        self.attributes = attributes
        self.method = method
        self.k = k
        self.length = length
        self.threshold = threshold
        self.rounding = rounding
        self.epsilon = epsilon
        self.delta = delta
        self.sensitive = sensitive
        self.seed = seed
    }

    /// The problems with the request, each naming its field; empty when it can be run.
    public var problems: [ValidationIssue] { problems(known: Self.attributes.map(\.name)) }

    /// The problems, with `known` the attributes the records have (a file's columns, for `palermo publish`).
    public func problems(known: [String]) -> [ValidationIssue] {
        var problems: [ValidationIssue] = []
        if attributes.isEmpty {
            problems.append(.init(field: "attributes", message: "choose at least one attribute", code: "required"))
        }
        for name in attributes where !known.contains(name) {
            problems.append(
                .init(
                    field: "attributes",
                    message: "'\(name)' is not an attribute; attributes: \(known.joined(separator: ", "))",
                    code: "unknownAttribute", values: ["value": name]))
        }
        if Set(attributes).count != attributes.count {
            problems.append(.init(field: "attributes", message: "an attribute is chosen twice", code: "duplicate"))
        }
        if method == .table && attributes.count > 3 {
            problems.append(
                .init(
                    field: "attributes", message: "a table has at most 3 attributes", code: "tooMany",
                    values: ["max": "3"]))
        }
        if !(2...1_000).contains(k) {
            problems.append(.init(field: "k", message: "must be a whole number from 2 to 1000", code: "kRange"))
        }
        if !(1...4).contains(length) {
            problems.append(.init(field: "length", message: "must be from 1 to 4", code: "lengthRange"))
        }
        if !(2...100).contains(threshold) {
            problems.append(.init(field: "threshold", message: "must be from 2 to 100", code: "thresholdRange"))
        }
        if method == .syntheticDP {
            // Below 0.01 the noise would swamp every count (and its scale would overflow long before 0).
            if let epsilon, !(epsilon >= 0.01 && epsilon <= 100) {
                problems.append(
                    .init(field: "epsilon", message: "must be positive: from 0.01 to 100", code: "epsilonPositive"))
            }
            if epsilon == nil {
                problems.append(.init(field: "epsilon", message: "is needed for synthetic-dp", code: "required"))
            }
            if let delta, !(delta >= 1e-12 && delta < 0.01) {
                problems.append(
                    .init(field: "delta", message: "must be from 1e-12 up to (not including) 0.01", code: "deltaRange"))
            }
        }
        if let sensitive, !known.contains(sensitive) {
            problems.append(
                .init(
                    field: "sensitive", message: "'\(sensitive)' is not an attribute", code: "unknownAttribute",
                    values: ["value": sensitive]))
        }
        if let country, Countries.find(country) == nil {
            problems.append(
                .init(
                    field: "country", message: "is not a country code", code: "notACountry", values: ["value": country])
            )
        }
        let years = Observation.plausibleYears()
        for (field, year) in [("from", from), ("to", to)] {
            if let year, !years.contains(year) {
                problems.append(
                    .init(
                        field: field, message: "is not a year from 2000", code: "notAYear", values: ["value": "\(year)"]
                    ))
            }
        }
        if let from, let to, from > to {
            problems.append(.init(field: "from", message: "must not be after 'to'", code: "fromAfterTo"))
        }
        return problems
    }

    public var hierarchies: [Hierarchy] {
        attributes.map { name in Self.attributes.first { $0.name == name }?.hierarchy ?? .flat(name) }
    }
}
