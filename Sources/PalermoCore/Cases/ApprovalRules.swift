/// Decisions that HTCDS work gives to a second person: whether someone is a victim of trafficking, and
/// closing a case. A caseworker's change to these waits for a supervisor; other changes apply at once.
public enum ApprovalKind: String, Sendable, Codable, CaseIterable {
    case traffickingStatus = "trafficking_status"
    case closure

    public var fields: [String] {
        switch self {
        case .traffickingStatus: ["vic_TraffickingStatus", "vic_TraffickingStatusDecisionMakingOrg"]
        case .closure: ["cas_Status", "cas_ClosureDate", "cas_ReasonForCaseClosure"]
        }
    }

    /// Splits a change into what applies now and what waits for approval, by kind. `after` has passed the
    /// rules as a whole, so each proposal, once approved, gives a valid case again.
    public static func split(
        before: CaseFields, after: CaseFields
    ) -> (
        applied: CaseFields, proposals: [(kind: ApprovalKind, fields: [String: FieldValue?])]
    ) {
        var applied = after
        var proposals: [(kind: ApprovalKind, fields: [String: FieldValue?])] = []
        for kind in allCases where isGated(kind, before: before, after: after) {
            var proposal: [String: FieldValue?] = [:]
            for name in kind.fields where before[name] != after[name] {
                proposal[name] = .some(after[name])
                applied[name] = before[name]
            }
            if !proposal.isEmpty { proposals.append((kind, proposal)) }
        }
        return (applied, proposals)
    }

    static func isGated(_ kind: ApprovalKind, before: CaseFields, after: CaseFields) -> Bool {
        switch kind {
        case .traffickingStatus:
            return kind.fields.contains { before[$0] != after[$0] }
        case .closure:
            // Closing, or changing how a closed case was closed; reopening needs no second person.
            guard let status = after["cas_Status"]?.description, CaseRules.closedStatuses.contains(status) else {
                return false
            }
            return kind.fields.contains { before[$0] != after[$0] }
        }
    }
}
