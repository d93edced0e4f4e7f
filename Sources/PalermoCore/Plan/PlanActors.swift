import Foundation

/// The actors the Plan addresses, as Palermo's organisations are grouped among them: States (through their
/// agencies), UN entities, other international and regional organisations, civil society and the private sector.
public enum ActorGroup: String, Sendable, Codable, CaseIterable {
    case memberStates, unEntities, internationalOrganisations, regionalOrganisations, civilSociety, privateSector

    public init(kind: OrganisationKind) {
        switch kind {
        case .governmentAgency, .lawEnforcement, .labourInspectorate: self = .memberStates
        case .unEntity: self = .unEntities
        case .internationalOrganisation: self = .internationalOrganisations
        case .regionalOrganisation: self = .regionalOrganisations
        case .ngo, .shelter: self = .civilSociety
        case .privateSector: self = .privateSector
        }
    }

    /// The Plan's own names for whom a paragraph addresses that fall to this group.
    public var addressedAs: Set<PlanParagraph.Actor> {
        switch self {
        case .memberStates: [.states]
        case .unEntities: [.unSystem, .unodc, .ohchr, .unicef, .ilo, .iom, .icat]
        case .internationalOrganisations: []
        case .regionalOrganisations: [.regionalOrganisations]
        case .civilSociety: [.civilSociety, .media]
        case .privateSector: [.privateSector]
        }
    }

    /// The active paragraphs of the Plan addressed to this group.
    public func paragraphs(in plan: PlanOfAction) -> [PlanParagraph] {
        plan.paragraphs.filter { paragraph in
            paragraph.isLinkable && !(paragraph.actors ?? []).filter { addressedAs.contains($0) }.isEmpty
        }
    }
}
