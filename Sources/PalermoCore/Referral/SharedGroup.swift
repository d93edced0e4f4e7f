/// What a consent lets another organisation read of a case: groups of HTCDS fields in terms a person can be
/// told ("your name and date of birth", "how to reach you"), rather than field codes.
/// The owner, the consent flag and the referral section are the sending organisation's own and never shared.
public enum SharedGroup: String, Sendable, Codable, CaseIterable {
    case identity
    case contact
    case profile
    case exploitation
    case assessment
    case caseStatus = "case_status"

    /// The fields of the group, in the standard's order.
    public var fields: [String] { HTCDS.fields.filter { Self.group(of: $0.name) == self }.map(\.name) }

    /// The group a field belongs to; nil for fields no consent can share.
    public static func group(of field: String) -> SharedGroup? {
        switch field {
        case "prs_Salutation", "prs_FirstName", "prs_SecondName", "prs_Title", "prs_Birthdate": .identity
        case "prs_Gender", "prs_Citizenship", "prs_AgeGroup": .profile
        case "cas_Status", "cas_IdentificationDate", "cas_ClosureDate": .caseStatus
        case _ where field.hasPrefix("prs_"): .contact
        case _ where field.hasPrefix("vic_"): .exploitation
        case _ where field.hasPrefix("asm_"): .assessment
        default: nil
        }
    }

    /// The fields of a case that the groups cover; all others are left out.
    public static func shared(_ fields: CaseFields, groups: Set<SharedGroup>) -> CaseFields {
        fields.filter { field, _ in group(of: field).map(groups.contains) ?? false }
    }
}

/// How the person gave consent.
public enum ConsentMethod: String, Sendable, Codable, CaseIterable {
    case signed
    /// Said aloud, with a second member of staff as witness.
    case verbalWithWitness = "verbal_witnessed"
    /// Given by a child's guardian.
    case guardian
}
