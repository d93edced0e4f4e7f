import Foundation

/// What a user may do. Aggregate roles see statistics only, never a case record or a personal field.
public enum Role: String, Sendable, Codable, CaseIterable {
    case caseworker
    case supervisor
    case organisationAdmin = "organisation_admin"
    case nationalCoordinator = "national_coordinator"
    case analyst
    case systemAdmin = "system_admin"

    /// Reads and writes case records of the user's own organisation.
    public var handlesCases: Bool { [.caseworker, .supervisor, .organisationAdmin].contains(self) }
    /// Gives cases an owner and other assigned users, and sees the team's workload.
    public var assignsCases: Bool { [.supervisor, .organisationAdmin].contains(self) }
    /// Bulk import and export of the organisation's cases.
    public var movesCasesInBulk: Bool { [.supervisor, .organisationAdmin].contains(self) }
    /// Aggregate statistics across organisations.
    public var seesAggregates: Bool {
        [.nationalCoordinator, .analyst, .supervisor, .organisationAdmin, .systemAdmin].contains(self)
    }
    /// Aggregates of the reader's own organisation or country are exact; across organisations (analysts, system
    /// admins) small counts are suppressed.
    public var readsExactAggregates: Bool { ![.analyst, .systemAdmin].contains(self) }
    /// The roles an organisation admin may give to their own organisation's staff. Analysts, national
    /// coordinators and system admins see across organisations and are made by a system admin only.
    public static let organisationStaff: Set<Role> = [.caseworker, .supervisor, .organisationAdmin]
    public var managesUsers: Bool { [.organisationAdmin, .systemAdmin].contains(self) }
    /// Multiple systems estimation across organisations; a national coordinator for their own country only.
    public var estimatesAcrossOrganisations: Bool { [.analyst, .nationalCoordinator, .systemAdmin].contains(self) }
    /// GLOTIP statistics, the patterns-and-flows report and national figures (a coordinator's own country).
    public var readsNationalStatistics: Bool { [.analyst, .nationalCoordinator].contains(self) }
}

/// The kinds of organisation that are tenants of Palermo.
public enum OrganisationKind: String, Sendable, Codable, CaseIterable {
    case ngo
    case shelter
    case governmentAgency = "government_agency"
    case lawEnforcement = "law_enforcement"
    case labourInspectorate = "labour_inspectorate"
    case internationalOrganisation = "international_organisation"
    /// A UN entity (a member of ICAT: UNODC, ILO, IOM, OHCHR, UNICEF, UNHCR...).
    case unEntity = "un_entity"
    case regionalOrganisation = "regional_organisation"
    case privateSector = "private_sector"
}

/// The authenticated user on whose behalf a request acts.
public struct Principal: Sendable, Equatable {
    public let userID: UUID
    public let username: String
    public let organisationID: UUID
    public let role: Role

    public init(userID: UUID, username: String, organisationID: UUID, role: Role) {
        self.userID = userID
        self.username = username
        self.organisationID = organisationID
        self.role = role
    }
}
