import Foundation

/// Checks a whole case, after the single fields have passed the validator: the organisation's minimum
/// core, dates in the order events happen, and what closing a case needs. Every problem names a field.
public struct CaseRules: Sendable {
    public let core: CaseCore

    public init(core: CaseCore = .standard) { self.core = core }

    /// The statuses that end a case; each needs a reason and a date.
    public static let closedStatuses: Set<String> = ["Closed", "ClosedReferred"]

    /// (later, earlier): the later date may not fall before the earlier one.
    static let order: [(String, String)] = [
        ("cas_IdentificationDate", "prs_Birthdate"),
        ("cas_IncomingReferralDate", "prs_Birthdate"),
        ("cas_OutgoingReferralDate", "cas_IncomingReferralDate"),
        ("cas_OutgoingReferralDate", "cas_IdentificationDate"),
        ("cas_ClosureDate", "cas_IdentificationDate"),
        ("cas_ClosureDate", "cas_IncomingReferralDate"),
        ("asm_AssessmentDate", "cas_IdentificationDate"),
    ]

    public func check(_ fields: CaseFields, row: Int? = nil) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        func require(_ field: String, _ code: String = "required", _ message: String = "is required") {
            if fields[field] == nil { issues.append(.init(row: row, field: field, message: message, code: code)) }
        }
        for item in core.items {
            switch item {
            case .gender: require("prs_Gender")
            case .citizenship: require("prs_Citizenship")
            case .identificationDate: require("cas_IdentificationDate")
            case .age:
                if fields["prs_AgeGroup"] == nil {
                    require("prs_Birthdate", "ageRequired", "is required, or else an age group")
                }
            }
        }
        for (later, earlier) in Self.order {
            guard let late = day(fields[later]), let early = day(fields[earlier]), late < early else { continue }
            issues.append(
                .init(
                    row: row, field: later, message: "is before \(earlier)", code: "beforeField",
                    values: ["other": earlier]))
        }
        if let status = fields["cas_Status"]?.description, Self.closedStatuses.contains(status) {
            require("cas_ReasonForCaseClosure", "closedNeedsReason", "is required when the case is closed")
            require("cas_ClosureDate", "closedNeedsDate", "is required when the case is closed")
        }
        return issues
    }

    private func day(_ value: FieldValue?) -> Date? { value.flatMap { CaseValidator.parseDate($0.description) } }
}

extension CaseRules {
    /// Throws every problem found, or returns when there is none.
    public func enforce(_ fields: CaseFields, row: Int?) throws {
        let issues = check(fields, row: row)
        if !issues.isEmpty { throw ValidationFailure(issues) }
    }
}
