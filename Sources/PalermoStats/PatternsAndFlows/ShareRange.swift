import PalermoCore

/// A share of a total when both parts may be ranges: the lowest and highest share the ranges allow,
/// and the share of the midpoints.
public struct ShareRange: Sendable, Codable, Equatable {
    public let low: Double
    public let point: Double
    public let high: Double

    /// The share of `part` in `part + rest`.
    public init?(part: CountRange, rest: CountRange) {
        let pointTotal = part.midpoint + rest.midpoint
        guard pointTotal > 0 else { return nil }
        func ratio(_ a: Double, _ b: Double) -> Double { a + b == 0 ? 0 : a / (a + b) }
        low = ratio(Double(part.low), Double(rest.high))
        high = ratio(Double(part.high), Double(rest.low))
        point = part.midpoint / pointTotal
    }

    /// A ratio of two counts (convicted per prosecuted), which may exceed one.
    public init?(numerator: CountRange, denominator: CountRange) {
        guard denominator.midpoint > 0 else { return nil }
        low = Double(numerator.low) / Double(max(denominator.high, 1))
        high = denominator.low == 0 ? .infinity : Double(numerator.high) / Double(denominator.low)
        point = numerator.midpoint / denominator.midpoint
    }

    public var isExact: Bool { low == high }

    /// "62.1 %" or "61.8 % (61.5–62.4 %)".
    public func percent(digits: Int = 1) -> String {
        func f(_ x: Double) -> String { x.isFinite ? String(format: "%.\(digits)f", x * 100) : "∞" }
        return isExact || f(low) == f(high) ? "\(f(point)) %" : "\(f(point)) % (\(f(low))–\(f(high)) %)"
    }
}
