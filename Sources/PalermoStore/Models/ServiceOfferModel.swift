import FluentKit
import Foundation

/// An entry of the directory of services (see `ServiceOffer`); lists are stored as " a b c ".
public final class ServiceOfferModel: Model, @unchecked Sendable {
    public static let schema = "service_directory"

    @ID(key: .id) public var id: UUID?
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "kind") public var kind: String
    @Field(key: "country") public var country: String
    @Field(key: "area") public var area: String
    @Field(key: "for_sexes") public var forSexes: String
    @Field(key: "for_ages") public var forAges: String
    @Field(key: "for_nationalities") public var forNationalities: String
    @Field(key: "for_forms") public var forForms: String
    @Field(key: "capacity") public var capacity: Int
    @Field(key: "available") public var available: Int
    @Field(key: "languages") public var languages: String
    @Field(key: "hours") public var hours: String
    @Field(key: "contact") public var contact: String
    @Field(key: "last_checked") public var lastChecked: String
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}
}

/// The directory of services that referrals choose from.
public struct AddServiceDirectory: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(ServiceOfferModel.schema)
            .id()
            .field("organisation_id", .uuid, .required, .references(OrganisationModel.schema, "id"))
            .field("kind", .string, .required)
            .field("country", .string, .required)
            .field("area", .string, .required)
            .field("for_sexes", .string, .required)
            .field("for_ages", .string, .required)
            .field("for_nationalities", .string, .required)
            .field("for_forms", .string, .required)
            .field("capacity", .int, .required)
            .field("available", .int, .required)
            .field("languages", .string, .required)
            .field("hours", .string, .required)
            .field("contact", .string, .required)
            .field("last_checked", .string, .required)
            .field("updated_at", .datetime)
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(ServiceOfferModel.schema).delete()
    }
}
