/// One field of a case record, named as in HTCDS 2.0. The catalogue drives validation, encryption,
/// import and export, the case form and what aggregate roles may see, so a field is added in one place.
public struct HTCDSField: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case text(maxLength: Int)
        case date
        case boolean
        case country
        case one(picklist: String)
        case many(picklist: String)
    }

    public enum Section: String, Sendable, CaseIterable {
        case person, consent, victim, caseManagement = "case", referral, assessment
    }

    public let name: String
    public let label: String
    public let section: Section
    public let kind: Kind
    /// Identifies or locates a person, or is free text that can (reasons, details, organisation names typed
    /// by hand): encrypted at rest, never logged, never shown to aggregate roles. Only picklists, countries,
    /// dates and booleans stay in the clear, for statistics.
    public let personal: Bool
    /// Other spellings accepted on import (the standard's own spreadsheet has a typo in one name).
    public let aliases: [String]
    /// A form free text must have, so that an address or number can actually be used.
    public let format: TextFormat?

    /// Forms that text fields holding contact details must follow.
    public enum TextFormat: Sendable, Equatable {
        case email
        /// International form: a plus, the country code and number, spaces or dashes between groups.
        case phone
    }

    init(
        _ name: String, _ label: String, _ section: Section, _ kind: Kind, personal: Bool = false,
        aliases: [String] = [], format: TextFormat? = nil
    ) {
        self.name = name
        self.label = label
        self.section = section
        self.kind = kind
        self.personal = personal
        self.aliases = aliases
        self.format = format
    }
}

public enum HTCDS {
    private static let short = HTCDSField.Kind.text(maxLength: 200)
    private static let long = HTCDSField.Kind.text(maxLength: 10_000)

    /// The fields of a case, in the column order of the standard's Excel template
    /// (`HTCDS Excel Spreadsheet v2.0.xlsx`), followed by Palermo's extensions.
    public static let fields: [HTCDSField] = [
        .init("cas_CaseOwner", "Case Owner", .caseManagement, short, personal: true),
        .init("prs_Salutation", "Salutation", .person, short, personal: true),
        .init("prs_FirstName", "First Name", .person, short, personal: true, aliases: ["prs_First_Name"]),
        .init("prs_SecondName", "Second Name", .person, short, personal: true, aliases: ["prs_Second_Name"]),
        .init("con_Consent", "Consent", .consent, .boolean),
        .init("prs_Birthdate", "Birthdate", .person, .date, personal: true),
        .init("prs_Gender", "Gender", .person, .one(picklist: "gender")),
        .init("prs_Citizenship", "Citizenship", .person, .country),
        .init("prs_Title", "Title", .person, short, personal: true),
        .init("prs_Email", "Email", .person, short, personal: true, format: .email),
        .init("prs_HomePhone", "Home Phone", .person, short, personal: true, format: .phone),
        .init("prs_MobilePhone", "Mobile Phone", .person, short, personal: true, format: .phone),
        .init("prs_MailingCity", "Mailing City", .person, short, personal: true),
        .init("prs_MailingCountry", "Mailing Country", .person, .country, personal: true),
        .init("prs_MailingState", "Mailing State/Province", .person, short, personal: true),
        .init("prs_MailingStreet", "Mailing Street", .person, short, personal: true),
        .init("prs_MailingPostalCode", "Mailing Zip/Postal Code", .person, short, personal: true),
        .init("vic_TraffickingStatus", "Trafficking Status", .victim, .one(picklist: "traffickingstatus")),
        .init(
            "vic_TraffickingStatusDecisionMakingOrg", "Trafficking Status Decision Making Organization", .victim,
            .one(picklist: "traffickingstatusdecisionmakingorg"), aliases: ["vic_TraffickinStatusDecisionMakingOrg"]),
        .init("vic_MethodOfRecruitment", "Method of Recruitment", .victim, .many(picklist: "methodofrecruitment")),
        .init("vic_LocationOfRecruitment", "Location of Recruitment", .victim, .country),
        .init(
            "vic_MethodsOfControl", "Methods of Control", .victim, .many(picklist: "methodsofcontrol"),
            aliases: ["vic_Methods_of_Control"]),
        .init("vic_TypeOfExploitation", "Type of Exploitation", .victim, .many(picklist: "typeofexploitation")),
        .init("vic_ForcedLabourIndustry", "Forced Labour Industry", .victim, .many(picklist: "forcedlabourindustry")),
        .init(
            "vic_TypeOfSexExploitation", "Type of Sex Exploitation", .victim, .many(picklist: "typeofsexexploitation")),
        .init("vic_LocationOfExploitation", "Location of Exploitation", .victim, .country),
        .init("cas_Status", "Status", .caseManagement, .one(picklist: "status")),
        .init("cas_ReferringOrganisation", "Referring Organisation", .referral, short, personal: true),
        .init("cas_IncomingReferralDate", "Incoming Referral Date", .referral, .date),
        .init("cas_ReferringPrimaryCaseWorker", "Referring Primary Case Worker", .referral, short, personal: true),
        .init("cas_ReasonForIncomingReferral", "Reason for Incoming Referral", .referral, long, personal: true),
        .init("cas_IncomingReferralDetails", "Incoming Referral Details", .referral, long, personal: true),
        .init("cas_ReferredOrganisation", "Referred Organisation", .referral, short, personal: true),
        .init("cas_ReferredPrimaryCaseWorker", "Referred Primary Case Worker", .referral, short, personal: true),
        .init("cas_ReasonForOutgoingReferral", "Reason for Outgoing Referral", .referral, long, personal: true),
        .init("cas_OutgoingReferralDate", "Outgoing Referral Date", .referral, .date),
        .init("cas_OutgoingReferralDetails", "Outgoing Referral Details", .referral, long, personal: true),
        .init("cas_ReasonForCaseClosure", "Reason for Case Closure", .caseManagement, long, personal: true),
        // Palermo extensions: labour subdivisions listed by the field definitions but absent from the template,
        // and the assessment-and-planning section that HTCDS 2.0 describes without naming fields.
        .init(
            "vic_LabourIndustryTier2", "Labour Subdivision (Tier 2)", .victim, .many(picklist: "labourindustrytier2")),
        .init(
            "vic_LabourIndustryTier3", "Labour Subdivision (Tier 3)", .victim, .many(picklist: "labourindustrytier3")),
        // The minimum core of a case needs an age when the birth date is not known, the day the person was
        // identified (the referral date is when they came to this organisation) and when the case closed.
        .init("prs_AgeGroup", "Age Group", .person, .one(picklist: "agegroup")),
        .init("cas_IdentificationDate", "Identification Date", .caseManagement, .date),
        .init("cas_ClosureDate", "Case Closure Date", .caseManagement, .date),
        .init("asm_AssessmentDate", "Assessment Date", .assessment, .date),
        .init("asm_IndividualRisk", "Individual Risk and Vulnerability", .assessment, .one(picklist: "riskLevel")),
        .init("asm_HouseholdRisk", "Household Risk and Vulnerability", .assessment, .one(picklist: "riskLevel")),
        .init("asm_CommunityRisk", "Community Risk and Vulnerability", .assessment, .one(picklist: "riskLevel")),
        .init("asm_AssistancePlan", "Assistance Plan", .assessment, long, personal: true),
    ]

    private static let byName: [String: HTCDSField] = {
        var map: [String: HTCDSField] = [:]
        for field in fields {
            map[field.name.lowercased()] = field
            for alias in field.aliases { map[alias.lowercased()] = field }
        }
        return map
    }()
    private static let byLabel = Dictionary(fields.map { ($0.label.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })

    /// The field for a name or alias, ignoring case.
    public static func field(named name: String) -> HTCDSField? {
        byName[name.trimmed.lowercased()]
    }

    /// The field whose human label this is (the template's second header row).
    public static func field(labelled label: String) -> HTCDSField? {
        byLabel[label.trimmed.lowercased()]
    }

    public static let personalFieldNames: Set<String> = Set(fields.filter(\.personal).map(\.name))
}
