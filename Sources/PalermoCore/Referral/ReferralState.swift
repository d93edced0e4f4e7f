/// Where a referral stands. The sender refers; the receiver accepts or declines, then completes; the sender
/// may withdraw until it is completed.
public enum ReferralState: String, Sendable, Codable, CaseIterable {
    case pending
    case accepted
    case declined
    case completed
    case withdrawn

    /// The state after a step, or nil when the step cannot be taken from here.
    public func after(_ step: ReferralStep) -> ReferralState? {
        switch (self, step) {
        case (.pending, .accept): .accepted
        case (.pending, .decline): .declined
        case (.accepted, .complete): .completed
        case (.pending, .withdraw), (.accepted, .withdraw): .withdrawn
        default: nil
        }
    }

    /// Whether the receiving organisation may read the shared fields (while the consent runs, too).
    /// A declined or withdrawn referral leaves the receiver with nothing.
    public var sharesWithReceiver: Bool { [.pending, .accepted, .completed].contains(self) }
}

public enum ReferralStep: String, Sendable, Codable, CaseIterable {
    case accept
    case decline
    case complete
    case withdraw

    /// Withdrawing is the sender's step; the others are the receiver's.
    public var bySender: Bool { self == .withdraw }
}

/// Why a receiver declines.
public enum DeclineReason: String, Sendable, Codable, CaseIterable {
    case noCapacity = "no_capacity"
    case notEligible = "not_eligible"
    case serviceUnavailable = "service_unavailable"
    case personDeclined = "person_declined"
    case other
}

/// What came of an accepted referral.
public enum ReferralOutcome: String, Sendable, Codable, CaseIterable {
    case delivered
    case partlyDelivered = "partly_delivered"
    case notDelivered = "not_delivered"
    case personLeft = "person_left"
}

/// Why a referral goes ahead without the person's consent: only to protect life or a child, and only by a
/// supervisor or an organisation admin, which the server checks.
public enum OverrideReason: String, Sendable, Codable, CaseIterable {
    case immediateDanger = "immediate_danger"
    case medicalEmergency = "medical_emergency"
    case childAtRisk = "child_at_risk"

    public static func allowed(for role: Role) -> Bool { [.supervisor, .organisationAdmin].contains(role) }
}
