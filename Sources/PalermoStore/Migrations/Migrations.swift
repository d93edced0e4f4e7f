import FluentKit

/// Every migration of the store, in order. The server adds its own (sessions) after these.
public enum StoreMigrations {
    public static let all: [any Migration] = [
        CreateTenancy(), CreateCases(), CreateAuditLog(), AddLinkageKey(), CreateStatistics(), AddCaseFacetIndex(),
        KeyAuditChain(), ImportReceipt.Migration(),
        AddUserDisabled(), AddCasework(), AddApprovals(), AddAuditVerifications(), AddSupportPlans(),
    ]
}
