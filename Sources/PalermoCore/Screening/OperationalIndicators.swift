import Foundation

/// The operational indicators of trafficking in human beings of the ILO and the European Commission (Delphi
/// survey, 2009; revised September 2009): four lists, for adults and children in labour and sexual
/// exploitation, each indicator graded strong, medium or weak within one of six dimensions of the definition.
/// The lists themselves are in `OperationalIndicators.catalogue`.
public enum OperationalIndicators {
    public enum Dimension: String, Sendable, Codable, CaseIterable {
        case deceptiveRecruitment, coerciveRecruitment, recruitmentByAbuseOfVulnerability
        case exploitation, coercionAtDestination, abuseOfVulnerabilityAtDestination
    }

    public enum Strength: String, Sendable, Codable, CaseIterable {
        case strong, medium, weak
    }

    /// The form of exploitation the list is for; with the person's age it chooses one of the four lists.
    public enum Form: String, Sendable, Codable, CaseIterable {
        case labour, sexual
    }

    public enum List: String, Sendable, Codable, CaseIterable {
        case adultLabour, adultSexual, childLabour, childSexual

        public init(child: Bool, form: Form) {
            switch (child, form) {
            case (false, .labour): self = .adultLabour
            case (false, .sexual): self = .adultSexual
            case (true, .labour): self = .childLabour
            case (true, .sexual): self = .childSexual
            }
        }

        public var child: Bool { self == .childLabour || self == .childSexual }
    }

    public struct Indicator: Sendable, Equatable {
        /// Stable and short, such as "dr.natureOfJob"; the wording is `indicator.<code>` in the strings.
        public let code: String
        public let dimension: Dimension
        /// The grade in each list; absent from the lists that leave the indicator out.
        public let strengths: [List: Strength]
    }

    public static let codes: Set<String> = Set(catalogue.map(\.code))

    /// The indicators of one list, in the publication's order within each dimension.
    public static func indicators(of list: List) -> [(indicator: Indicator, strength: Strength)] {
        catalogue.compactMap { indicator in indicator.strengths[list].map { (indicator, $0) } }
    }

    /// One dimension as assessed: how many indicators of each grade were observed, and whether that makes the
    /// dimension positive. The publication's rule: at least two strong; or one strong and one medium or weak;
    /// or three medium; or two medium and one weak.
    public struct DimensionResult: Sendable, Equatable {
        public let dimension: Dimension
        public let strong: Int
        public let medium: Int
        public let weak: Int

        public init(dimension: Dimension, strong: Int, medium: Int, weak: Int) {
            self.dimension = dimension
            self.strong = strong
            self.medium = medium
            self.weak = weak
        }

        public var positive: Bool {
            strong >= 2 || (strong >= 1 && medium + weak >= 1) || medium >= 3 || (medium >= 2 && weak >= 1)
        }
        public var observed: Int { strong + medium + weak }
    }

    /// The observed indicators weighed on one list, and the publication's combination of the dimensions.
    public struct Assessment: Sendable, Equatable {
        public let list: List
        public let dimensions: [DimensionResult]

        public init(observed: [String], list: List) {
            let seen = Set(observed)
            self.list = list
            dimensions = Dimension.allCases.map { dimension in
                var counts: [Strength: Int] = [:]
                for (indicator, strength) in OperationalIndicators.indicators(of: list)
                where indicator.dimension == dimension && seen.contains(indicator.code) {
                    counts[strength, default: 0] += 1
                }
                return DimensionResult(
                    dimension: dimension, strong: counts[.strong] ?? 0, medium: counts[.medium] ?? 0,
                    weak: counts[.weak] ?? 0)
            }
        }

        public func positive(_ dimension: Dimension) -> Bool {
            dimensions.first { $0.dimension == dimension }?.positive == true
        }

        public var anyObserved: Bool { dimensions.contains { $0.observed > 0 } }

        /// Adults: deceptive or coercive recruitment or recruitment by abuse of vulnerability, and exploitation,
        /// and coercion or abuse of vulnerability at destination. Children need no means (Protocol, article
        /// 3(c)): an act and exploitation are enough.
        public func met(actObserved: Bool) -> Bool {
            guard positive(.exploitation) else { return false }
            if list.child { return actObserved || recruitmentPositive }
            return recruitmentPositive
                && (positive(.coercionAtDestination)
                    || positive(.abuseOfVulnerabilityAtDestination))
        }

        private var recruitmentPositive: Bool {
            positive(.deceptiveRecruitment) || positive(.coerciveRecruitment)
                || positive(.recruitmentByAbuseOfVulnerability)
        }
    }
}
