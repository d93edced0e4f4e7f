import Foundation

/// Oversight of referrals, aggregate only: counts by service and by organisation, the share accepted, how long
/// answers and services take (median and 90th percentile), referrals waiting too long and consents withdrawn.
/// Any count from 1 to `threshold - 1` is shown only as "fewer than threshold", and a rate or duration resting
/// on fewer than `threshold` referrals is not shown, so no one person's path can be read from the figures.
public struct ReferralFigures: Sendable, Equatable {
    /// One referral as oversight reads it; no person, no case.
    public struct Referral: Sendable, Equatable {
        public let service: ServiceKind
        public let receiver: String
        public let state: ReferralState
        public let createdAt: Date
        public let respondedAt: Date?
        public let closedAt: Date?

        public init(
            service: ServiceKind, receiver: String, state: ReferralState, createdAt: Date, respondedAt: Date?,
            closedAt: Date?
        ) {
            self.service = service
            self.receiver = receiver
            self.state = state
            self.createdAt = createdAt
            self.respondedAt = respondedAt
            self.closedAt = closedAt
        }
    }

    public enum Count: Sendable, Equatable {
        case exact(Int)
        case fewerThan(Int)

        init(_ n: Int, threshold: Int) { self = n > 0 && n < threshold ? .fewerThan(threshold) : .exact(n) }
    }

    public struct Group: Sendable, Equatable {
        public let name: String
        public let referred: Count
        public let waiting: Count
        public let accepted: Count
        public let declined: Count
        public let completed: Count
        public let withdrawn: Count
        /// Accepted (or since completed) among those answered; nil below the threshold.
        public let acceptance: Double?
    }

    /// Median and 90th percentile, nil when resting on fewer referrals than the threshold.
    public struct Spread: Sendable, Equatable {
        public let median: Double
        public let p90: Double
        public let count: Int
    }

    public let byService: [Group]
    public let byReceiver: [Group]
    public let total: Group
    /// Hours from referral to the first answer (accepted or declined).
    public let hoursToAnswer: Spread?
    /// Days from referral to completion.
    public let daysToComplete: Spread?
    public let waitingPast: Count
    public let withdrawals: Count
    public let threshold: Int
    public let waitDays: Int

    public init(_ referrals: [Referral], withdrawals: Int, now: Date, waitDays: Int, threshold: Int) {
        self.threshold = threshold
        self.waitDays = waitDays
        func group(_ name: String, _ items: [Referral]) -> Group {
            func n(_ state: ReferralState) -> Int { items.filter { $0.state == state }.count }
            let yes = n(.accepted) + n(.completed), answered = yes + n(.declined)
            return Group(
                name: name, referred: Count(items.count, threshold: threshold),
                waiting: Count(n(.pending), threshold: threshold), accepted: Count(yes, threshold: threshold),
                declined: Count(n(.declined), threshold: threshold),
                completed: Count(n(.completed), threshold: threshold),
                withdrawn: Count(n(.withdrawn), threshold: threshold),
                acceptance: answered >= threshold ? Double(yes) / Double(answered) : nil)
        }
        byService = Dictionary(grouping: referrals, by: \.service.rawValue).map { group($0.key, $0.value) }
            .sorted { $0.name < $1.name }
        byReceiver = Dictionary(grouping: referrals, by: \.receiver).map { group($0.key, $0.value) }
            .sorted { $0.name < $1.name }
        total = group("", referrals)
        let answers = referrals.compactMap { r in r.respondedAt.map { $0.timeIntervalSince(r.createdAt) / 3_600 } }
        hoursToAnswer = Self.spread(answers, threshold: threshold)
        let completions = referrals.filter { $0.state == .completed }
            .compactMap { r in r.closedAt.map { $0.timeIntervalSince(r.createdAt) / 86_400 } }
        daysToComplete = Self.spread(completions, threshold: threshold)
        let limit = now.addingTimeInterval(-Double(waitDays) * 86_400)
        waitingPast = Count(
            referrals.filter { $0.state == .pending && $0.createdAt < limit }.count, threshold: threshold)
        self.withdrawals = Count(withdrawals, threshold: threshold)
    }

    static func spread(_ values: [Double], threshold: Int) -> Spread? {
        guard values.count >= threshold, !values.isEmpty else { return nil }
        let sorted = values.sorted()
        return Spread(median: quantile(sorted, 0.5), p90: quantile(sorted, 0.9), count: sorted.count)
    }

    /// The quantile with linear interpolation between order statistics (R's type 7, NumPy's default).
    public static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        guard let first = sorted.first else { return .nan }
        let position = p * Double(sorted.count - 1)
        let below = Int(position.rounded(.down))
        guard below + 1 < sorted.count else { return sorted[sorted.count - 1] }
        let weight = position - Double(below)
        return below < 0 ? first : sorted[below] + weight * (sorted[below + 1] - sorted[below])
    }
}
