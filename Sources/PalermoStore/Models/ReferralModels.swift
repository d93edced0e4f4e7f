import FluentKit
import Foundation

/// A person's consent to one sharing of their case with another organisation (see `ConsentTerms`).
/// Days are stored as YYYY-MM-DD; a withdrawn consent keeps its row, with when and by whom.
public final class ConsentModel: Model, @unchecked Sendable {
    public static let schema = "consents"

    @ID(key: .id) public var id: UUID?
    @Field(key: "case_id") public var caseID: UUID
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "recipient_id") public var recipientID: UUID
    @Field(key: "purpose") public var purpose: String
    /// The shared groups, as " identity profile " so that one LIKE finds a group.
    @Field(key: "groups") public var groups: String
    @Field(key: "given_on") public var givenOn: String
    @Field(key: "valid_until") public var validUntil: String
    @Field(key: "method") public var method: String
    @OptionalField(key: "witness_id") public var witnessID: UUID?
    @Field(key: "informed_in") public var informedIn: String
    @Field(key: "created_by") public var createdBy: UUID
    @OptionalField(key: "withdrawn_at") public var withdrawnAt: Date?
    @OptionalField(key: "withdrawn_by") public var withdrawnBy: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}

/// A case referred by one organisation to another for a service.
public final class ReferralModel: Model, @unchecked Sendable {
    public static let schema = "referrals"

    @ID(key: .id) public var id: UUID?
    @Field(key: "case_id") public var caseID: UUID
    @Field(key: "sender_id") public var senderID: UUID
    @Field(key: "receiver_id") public var receiverID: UUID
    @Field(key: "service") public var service: String
    /// The consent the sharing rests on; nil for an emergency override.
    @OptionalField(key: "consent_id") public var consentID: UUID?
    @OptionalField(key: "override_reason") public var overrideReason: String?
    /// What an override shares (an override has no consent to name its groups).
    @OptionalField(key: "override_groups") public var overrideGroups: String?
    @Field(key: "state") public var state: String
    @OptionalField(key: "decline_reason") public var declineReason: String?
    @OptionalField(key: "outcome") public var outcome: String?
    @OptionalField(key: "linked_case_id") public var linkedCaseID: UUID?
    @Field(key: "created_by") public var createdBy: UUID
    @OptionalField(key: "responded_at") public var respondedAt: Date?
    @OptionalField(key: "responded_by") public var respondedBy: UUID?
    @OptionalField(key: "closed_at") public var closedAt: Date?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}
