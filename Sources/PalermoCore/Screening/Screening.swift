import Foundation

/// An identification screening on the elements of the Palermo Protocol's definition: an act (recruitment,
/// transport, transfer, harbouring, receipt), a means (the HTCDS methods of control, and abuse of a position
/// of vulnerability) and a purpose (the HTCDS forms of exploitation). It proposes an HTCDS trafficking status
/// with its reasons; a person decides, and a caseworker's decision goes to a supervisor (see `ApprovalKind`).
/// For a child no means is needed, and a person whose age is uncertain is presumed a child.
public struct Screening: Sendable, Codable, Equatable {
    public enum Act: String, Sendable, Codable, CaseIterable {
        case recruited, transported, transferred, harboured, received
    }

    /// Beside the HTCDS methods of control.
    public static let abuseOfVulnerability = "AbuseOfVulnerability"

    public var acts: [Act]
    public var means: [String]
    public var purposes: [String]
    public var ageUncertain: Bool
    /// For a child: a guardian appointed, and the day of the best-interests assessment.
    public var guardian: Bool
    public var bestInterestsOn: String?

    public init(
        acts: [Act], means: [String], purposes: [String], ageUncertain: Bool, guardian: Bool, bestInterestsOn: String?
    ) {
        self.acts = acts
        self.means = means
        self.purposes = purposes
        self.ageUncertain = ageUncertain
        self.guardian = guardian
        self.bestInterestsOn = bestInterestsOn
    }

    public static var meansCodes: [String] {
        Picklists.named("methodsofcontrol").entries.map(\.code) + [abuseOfVulnerability]
    }
    public static var purposeCodes: [String] { Picklists.named("typeofexploitation").entries.map(\.code) }

    /// What a proposal rests on, as keys of the strings (`screening.reason.<key>`).
    public enum Reason: String, Sendable, Codable, CaseIterable {
        case act, noAct, means, noMeans, meansNotNeeded, purpose, noPurpose, presumedChild
    }

    public struct Proposal: Sendable, Equatable {
        /// An HTCDS trafficking status code.
        public let status: String
        public let reasons: [Reason]
    }

    /// The proposal. `knownChild`: the case's age group says child (or nothing is known of the age).
    public func proposal(knownChild: Bool) -> Proposal {
        let child = knownChild || ageUncertain
        var reasons: [Reason] = []
        if ageUncertain && !knownChild { reasons.append(.presumedChild) }
        let act = !acts.isEmpty, means = !means.isEmpty, purpose = !purposes.isEmpty
        reasons.append(act ? .act : .noAct)
        reasons.append(child ? .meansNotNeeded : means ? .means : .noMeans)
        reasons.append(purpose ? .purpose : .noPurpose)
        let elements = [act, child || means, purpose]
        let status =
            elements.allSatisfy { $0 }
            ? "ActualVictimOfTrafficking"
            : act || means || purpose ? "PossibleVictimOfTrafficking" : "NotAVictimOfTrafficking"
        return Proposal(status: status, reasons: reasons)
    }

    public func problems(today: String) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        for code in means where !Self.meansCodes.contains(code) {
            issues.append(
                ValidationIssue(field: "means", message: "is not a means", code: "notInList", values: ["value": code]))
        }
        for code in purposes where !Self.purposeCodes.contains(code) {
            issues.append(
                ValidationIssue(
                    field: "purposes", message: "is not a form of exploitation", code: "notInList",
                    values: ["value": code]))
        }
        if let day = bestInterestsOn {
            if CaseValidator.parseDate(day) == nil {
                issues.append(
                    ValidationIssue(
                        field: "bestInterestsOn", message: "is not a day", code: "notADate", values: ["value": day]))
            } else if day > today {
                issues.append(
                    ValidationIssue(
                        field: "bestInterestsOn", message: "must not be in the future", code: "future",
                        values: ["value": day]))
            }
        }
        return issues
    }

    /// Whether a child may be referred: a guardian appointed and the best interests assessed.
    public var childMayBeReferred: Bool { guardian && bestInterestsOn != nil }
}
