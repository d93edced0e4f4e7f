import FluentKit

/// Every migration of the store, in order. The server adds its own (sessions) after these.
public enum StoreMigrations {
    public static let all: [any Migration] = [
        CreateTenancy(), CreateCases(), CreateAuditLog(), AddLinkageKey(), CreateStatistics(), AddCaseFacetIndex(),
        KeyAuditChain(), ImportReceipt.Migration(),
        AddUserDisabled(), AddCasework(), AddApprovals(), AddAuditVerifications(), AddSupportPlans(),
        SealFreeTextOnce(), AddReferrals(), AddServiceDirectory(), AddScreenings(),
        AddServiceKinds(), AddNationalPlans(), AddReportingRounds(), AddGoodPractices(), AddRecommendations(),
        AddReportEvidence(), AddContributions(), AddReleases(),
    ]
}

/// Marks that `CaseRepository.sealFieldsStoredInTheClear` has run on this database: it scans every case, so it
/// runs at the start that applies this migration and not again (see `CaseRepository.sealsFreeTextAtStart`).
public struct SealFreeTextOnce: AsyncMigration {
    public init() {}
    public func prepare(on database: any Database) async throws {}
    public func revert(on database: any Database) async throws {}
}
