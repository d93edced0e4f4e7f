import Foundation

/// The Global Plan of Action as data: its sections and operative paragraphs, each with a short title, the actors
/// addressed, suggested indicators and the measures Palermo computes for it. One file per version
/// (`Resources/plan/plan-<version>.json`), so the Plan as adopted and later declarations load beside the draft,
/// and `PlanParagraph.Reference` names a paragraph in a version.
public struct PlanOfAction: Sendable, Codable, Equatable {
    public struct Section: Sendable, Codable, Equatable {
        public let id: String
        /// The roman numeral of the draft; none for the general commitments before section I.
        public let number: String?
        public let title: String
    }

    public let version: String
    public let title: String
    public let source: String
    public let notes: [String]
    public let sections: [Section]
    public let paragraphs: [PlanParagraph]

    /// The versions shipped with Palermo.
    public static let versions = ["2010-07-19"]

    /// A shipped version, read and decoded once (every plan's validation asks for its version).
    public static func load(_ version: String) -> PlanOfAction? { shipped[version] }

    private static let shipped: [String: PlanOfAction] = Dictionary(
        uniqueKeysWithValues: versions.compactMap { version in read(version).map { (version, $0) } })

    private static func read(_ version: String) -> PlanOfAction? {
        guard let url = Bundle.module.url(forResource: "plan-\(version)", withExtension: "json"),
            let data = try? Data(contentsOf: url)
        else { return nil }
        return try? JSONDecoder().decode(PlanOfAction.self, from: data)
    }

    /// The draft of 19 July 2010, the latest version Palermo has.
    public static let current: PlanOfAction? = load("2010-07-19")

    public func paragraphs(in section: String) -> [PlanParagraph] { paragraphs.filter { $0.section == section } }

    public func paragraph(_ number: String) -> PlanParagraph? { paragraphs.first { $0.number == number } }

    /// What is wrong with linking these paragraph numbers, each problem under `field`: a number the Plan does not
    /// have, or a paragraph deleted or merged.
    public func linkProblems(_ numbers: [String], field: String) -> [ValidationIssue] {
        numbers.compactMap { number in
            guard let paragraph = paragraph(number) else {
                return ValidationIssue(
                    field: field, message: "is not a paragraph of the Plan", code: "planParagraph",
                    values: ["value": number])
            }
            return paragraph.isLinkable
                ? nil
                : ValidationIssue(
                    field: field, message: "is a deleted or merged paragraph", code: "planParagraphGone",
                    values: ["value": number])
        }
    }

    /// The paragraphs of `target` that carry the same commitment as `reference`, following `sameAs` in either
    /// direction (a later version names what it replaces, or an earlier one what replaced it); the paragraph
    /// itself when `target` is its own version. Empty when nothing maps.
    public static func counterparts(
        of reference: PlanParagraph.Reference, in target: String, among versions: [PlanOfAction]
    ) -> [PlanParagraph.Reference] {
        if reference.version == target { return [reference] }
        var found = Set<PlanParagraph.Reference>()
        let source = versions.first { $0.version == reference.version }?.paragraph(reference.number)
        for named in source?.sameAs ?? [] where named.version == target { found.insert(named) }
        for paragraph in versions.first(where: { $0.version == target })?.paragraphs ?? []
        where paragraph.sameAs?.contains(reference) == true {
            found.insert(PlanParagraph.Reference(version: target, number: paragraph.number))
        }
        return found.sorted { $0.number.localizedStandardCompare($1.number) == .orderedAscending }
    }

    /// The same, among the versions Palermo ships.
    public static func counterparts(
        of reference: PlanParagraph.Reference, in target: String
    )
        -> [PlanParagraph.Reference]
    {
        counterparts(of: reference, in: target, among: versions.compactMap(load))
    }
}

/// One operative paragraph. Deleted and merged ones stay, as the draft keeps them, so that references to their
/// numbers still resolve and say what became of them.
public struct PlanParagraph: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable {
        case active, deleted, merged
    }

    /// Who a paragraph addresses.
    public enum Actor: String, Sendable, Codable, CaseIterable {
        case states, unSystem, unodc, ohchr, unicef, ilo, iom, icat, secretaryGeneral, generalAssembly
        case conferenceOfParties, humanRightsCouncil, specialProcedures, civilSociety, privateSector, media
        case regionalOrganisations
    }

    /// A paragraph of a version of the Plan, as national plans and reports link to it.
    public struct Reference: Sendable, Codable, Hashable {
        public let version: String
        public let number: String

        public init(version: String, number: String) {
            self.version = version
            self.number = number
        }
    }

    public let number: String
    public let section: String
    public let status: Status
    public let mergedInto: String?
    /// Whether the scan of the version shows the paragraph's number.
    public let inScan: Bool
    /// False when the scan lost words (marked "[…]" in the text).
    public let complete: Bool?
    public let text: String?
    public let title: String?
    public let actors: [Actor]?
    public let indicators: [String]?
    /// Measures Palermo computes from its own records for this paragraph (see `PlanMeasure`).
    public let computed: [String]?
    /// The paragraph's wording in an earlier draft, when the scan of this one lost it.
    public let earlierWording: String?
    public let scanFragment: String?
    /// The paragraphs of other versions that carry the same commitment (renumbered, merged or reworded), so that
    /// a national plan linked to one version reads against another.
    public let sameAs: [Reference]?

    /// A paragraph that national plans can link to: neither deleted nor merged into another.
    public var isLinkable: Bool { status == .active }
}
