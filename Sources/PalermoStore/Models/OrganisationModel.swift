import FluentKit
import Foundation

/// A tenant: an NGO, shelter, agency or other body whose caseworkers manage their own cases.
public final class OrganisationModel: Model, @unchecked Sendable {
    public static let schema = "organisations"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "kind") public var kind: String
    @Field(key: "country") public var country: String
    /// The organisation's minimum core (`CaseCore.stored`); nil for the standard one.
    @OptionalField(key: "case_core") public var caseCore: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(id: UUID? = nil, name: String, kind: String, country: String) {
        self.id = id
        self.name = name
        self.kind = kind
        self.country = country
    }
}
