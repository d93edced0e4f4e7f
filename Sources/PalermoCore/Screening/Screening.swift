import Foundation

/// An identification screening on the elements of the Palermo Protocol's definition: an act (recruitment,
/// transport, transfer, harbouring, receipt), a means (the HTCDS methods of control, and abuse of a position
/// of vulnerability) and a purpose (the HTCDS forms of exploitation). It proposes an HTCDS trafficking status
/// with its reasons; a person decides, and a caseworker's decision goes to a supervisor (see `ApprovalKind`).
/// For a child no means is needed, and a person whose age is uncertain is presumed a child. Indicators of the
/// ILO/EC lists (`OperationalIndicators`), when observed, are weighed by the publication's rule as well.
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
    /// Codes of the ILO/EC operational indicators observed, and the form of exploitation whose list weighs them.
    public var indicators: [String]
    public var indicatorForm: OperationalIndicators.Form

    public init(
        acts: [Act], means: [String], purposes: [String], ageUncertain: Bool, guardian: Bool, bestInterestsOn: String?,
        indicators: [String] = [], indicatorForm: OperationalIndicators.Form = .labour
    ) {
        self.acts = acts
        self.means = means
        self.purposes = purposes
        self.ageUncertain = ageUncertain
        self.guardian = guardian
        self.bestInterestsOn = bestInterestsOn
        self.indicators = indicators
        self.indicatorForm = indicatorForm
    }

    /// Screenings stored before the indicators were added read as having observed none.
    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        acts = try values.decode([Act].self, forKey: .acts)
        means = try values.decode([String].self, forKey: .means)
        purposes = try values.decode([String].self, forKey: .purposes)
        ageUncertain = try values.decode(Bool.self, forKey: .ageUncertain)
        guardian = try values.decode(Bool.self, forKey: .guardian)
        bestInterestsOn = try values.decodeIfPresent(String.self, forKey: .bestInterestsOn)
        indicators = try values.decodeIfPresent([String].self, forKey: .indicators) ?? []
        indicatorForm = try values.decodeIfPresent(OperationalIndicators.Form.self, forKey: .indicatorForm) ?? .labour
    }

    public static var meansCodes: [String] {
        Picklists.named("methodsofcontrol").entries.map(\.code) + [abuseOfVulnerability]
    }
    public static var purposeCodes: [String] { Picklists.named("typeofexploitation").entries.map(\.code) }

    /// What a proposal rests on, as keys of the strings (`screening.reason.<key>`).
    public enum Reason: String, Sendable, Codable, CaseIterable {
        case act, noAct, means, noMeans, meansNotNeeded, purpose, noPurpose, presumedChild
        case indicatorsMet, indicatorsNotMet
    }

    public struct Proposal: Sendable, Equatable {
        /// An HTCDS trafficking status code.
        public let status: String
        public let reasons: [Reason]
        /// The observed ILO/EC indicators weighed on the person's list; nil when none was observed.
        public let assessment: OperationalIndicators.Assessment?
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
        let assessment = OperationalIndicators.Assessment(
            observed: indicators, list: OperationalIndicators.List(child: child, form: indicatorForm))
        let observed = assessment.anyObserved
        let met = observed && assessment.met(actObserved: act)
        if observed { reasons.append(met ? .indicatorsMet : .indicatorsNotMet) }
        // The indicators can raise the proposal, never lower what the elements show.
        let status =
            elements.allSatisfy { $0 } || met
            ? "ActualVictimOfTrafficking"
            : act || means || purpose || observed ? "PossibleVictimOfTrafficking" : "NotAVictimOfTrafficking"
        return Proposal(status: status, reasons: reasons, assessment: observed ? assessment : nil)
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
        for code in indicators where !OperationalIndicators.codes.contains(code) {
            issues.append(
                ValidationIssue(
                    field: "indicators", message: "is not an indicator", code: "notInList", values: ["value": code]))
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
