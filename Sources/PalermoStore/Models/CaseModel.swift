import FluentKit
import Foundation

/// A case row. Personal fields live only in `sealed` (AES-GCM); `record` holds the other HTCDS fields as
/// JSON, and the facet columns repeat a few of them so lists, filters and statistics need no decryption.
public final class CaseModel: Model, @unchecked Sendable {
    public static let schema = "cases"

    @ID(key: .id) public var id: UUID?
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "case_code") public var caseCode: String
    @Field(key: "record") public var record: String
    @Field(key: "sealed") public var sealed: String
    @Field(key: "search_tokens") public var searchTokens: String
    @OptionalField(key: "status") public var status: String?
    @OptionalField(key: "trafficking_status") public var traffickingStatus: String?
    @OptionalField(key: "gender") public var gender: String?
    @OptionalField(key: "citizenship") public var citizenship: String?
    @OptionalField(key: "age_group") public var ageGroup: String?
    @Field(key: "exploitation") public var exploitation: String
    @OptionalField(key: "country_of_exploitation") public var countryOfExploitation: String?
    @OptionalField(key: "identified_on") public var identifiedOn: String?
    @OptionalField(key: "linkage_key") public var linkageKey: String?
    /// The user of the organisation responsible for the case; nil until a supervisor assigns an imported case.
    @OptionalField(key: "owner_id") public var ownerID: UUID?
    /// Other users working on the case, as " id id " so that one LIKE finds a user's cases.
    @OptionalField(key: "assignees") public var assignees: String?
    @Field(key: "version") public var version: Int
    @Field(key: "created_by") public var createdBy: UUID
    @Field(key: "updated_by") public var updatedBy: UUID
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}
}
