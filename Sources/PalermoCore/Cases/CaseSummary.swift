import Foundation

/// Facts about a case that may be stored unencrypted and shown to aggregate roles:
/// derived from the fields, never identifying a person.
public struct CaseFacets: Sendable, Equatable {
    public var status: String?
    public var traffickingStatus: String?
    public var gender: String?
    public var citizenship: String?
    public var ageGroup: AgeGroup?
    public var exploitationTypes: [String]
    public var countryOfExploitation: String?
    public var identifiedOn: String?

    public init(fields: CaseFields, recordedAt: Date) {
        status = fields["cas_Status"]?.description
        traffickingStatus = fields["vic_TraffickingStatus"]?.description
        gender = fields["prs_Gender"]?.description
        citizenship = fields["prs_Citizenship"]?.description
        exploitationTypes = fields["vic_TypeOfExploitation"]?.values ?? []
        countryOfExploitation = fields["vic_LocationOfExploitation"]?.description
        identifiedOn = (fields["cas_IdentificationDate"] ?? fields["cas_IncomingReferralDate"])?.description
        let reference = identifiedOn.flatMap(CaseValidator.parseDate) ?? recordedAt
        ageGroup =
            fields["prs_Birthdate"].flatMap { CaseValidator.parseDate($0.description) }
            .map { AgeGroup(birth: $0, at: reference) }
            ?? fields["prs_AgeGroup"].flatMap { AgeGroup(rawValue: $0.description.lowercased()) }
    }
}

/// Age at identification, in the bands UNODC reports (children are under 18).
public enum AgeGroup: String, Sendable, Codable, CaseIterable {
    case child, adult

    public init(birth: Date, at reference: Date) {
        let years = Calendar(identifier: .gregorian).dateComponents([.year], from: birth, to: reference).year ?? 0
        self = years < 18 ? .child : .adult
    }
}
