import FluentKit
import Foundation
import PalermoCore

/// A screening as stored: what was observed, by whom and when, and what it proposed.
public final class ScreeningModel: Model, @unchecked Sendable {
    public static let schema = "screenings"

    @ID(key: .id) public var id: UUID?
    @Field(key: "case_id") public var caseID: UUID
    @Field(key: "organisation_id") public var organisationID: UUID
    /// The `Screening` as JSON: picklist codes and flags, nothing that names or locates the person.
    @Field(key: "observed") public var observed: String
    @Field(key: "proposed") public var proposed: String
    @Field(key: "screened_by") public var screenedBy: UUID
    @Field(key: "screened_by_name") public var screenedByName: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}

public struct AddScreenings: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(ScreeningModel.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseModel.schema, "id"))
            .field("organisation_id", .uuid, .required)
            .field("observed", .string, .required)
            .field("proposed", .string, .required)
            .field("screened_by", .uuid, .required)
            .field("screened_by_name", .string, .required)
            .field("created_at", .datetime)
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(ScreeningModel.schema).delete()
    }
}

/// A screening as read back.
public struct ScreeningRecord: Sendable, Equatable {
    public let id: UUID
    public let screening: Screening
    public let proposal: Screening.Proposal
    public let by: String
    public let at: Date?
}

/// Identification screenings of a case: each kept, the latest counts; recorded and read by the case's staff.
public struct Screenings: Sendable {
    let store: Store

    public func record(
        _ screening: Screening, on caseID: UUID, by principal: Principal
    ) async throws
        -> ScreeningRecord
    {
        try await store.cases.requireCaseAccess(principal, caseID: caseID)
        let issues = screening.problems(today: CaseTasks.today())
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        let proposal = screening.proposal(knownChild: try await knownChild(caseID, of: principal))
        let model = ScreeningModel()
        model.id = UUID()
        model.caseID = caseID
        model.organisationID = principal.organisationID
        model.observed = String(decoding: try JSONEncoder.sorted.encode(screening), as: UTF8.self)
        model.proposed = proposal.status
        model.screenedBy = principal.userID
        model.screenedByName = principal.username
        try await store.referrals.write(
            model,
            audit: AuditDraft(
                actor: principal, action: .update, caseID: caseID, fields: ["screening"],
                detail: "screening: proposed \(proposal.status)"), caseID: caseID, of: principal)
        return ScreeningRecord(
            id: try model.requireID(), screening: screening, proposal: proposal, by: principal.username,
            at: model.createdAt)
    }

    public func latest(of caseID: UUID, by principal: Principal) async throws -> ScreeningRecord? {
        try await store.cases.requireCaseAccess(principal, caseID: caseID)
        return try await latest(of: caseID, by: principal, knownChild: nil)
    }

    /// The latest screening; `knownChild` when the caller has looked the case's age up already.
    private func latest(
        of caseID: UUID, by principal: Principal, knownChild: Bool?
    ) async throws
        -> ScreeningRecord?
    {
        guard
            let model = try await ScreeningModel.query(on: store.database).filter(\.$caseID == caseID)
                .filter(\.$organisationID == principal.organisationID).sort(\.$createdAt, .descending).first()
        else { return nil }
        let screening = try JSONDecoder().decode(Screening.self, from: Data(model.observed.utf8))
        let child: Bool
        if let knownChild { child = knownChild } else { child = try await self.knownChild(caseID, of: principal) }
        return ScreeningRecord(
            id: try model.requireID(), screening: screening, proposal: screening.proposal(knownChild: child),
            by: model.screenedByName, at: model.createdAt)
    }

    /// A child by the case's age group, or of unknown age.
    func knownChild(_ caseID: UUID, of principal: Principal) async throws -> Bool {
        guard let model = try await store.cases.ownCase(caseID, of: principal, on: store.database) else {
            throw StoreError.notFound
        }
        return model.ageGroup != AgeGroup.adult.rawValue
    }

    /// Why the case may not be referred yet: a child needs a guardian and a best-interests assessment first.
    func referralIssues(_ caseID: UUID, by principal: Principal) async throws -> [ValidationIssue] {
        let knownChild = try await knownChild(caseID, of: principal)
        let latest = try await latest(of: caseID, by: principal, knownChild: knownChild)
        // A child, or presumed one by the latest screening (age uncertain).
        guard knownChild || latest?.screening.ageUncertain == true, latest?.screening.childMayBeReferred != true
        else { return [] }
        return [
            ValidationIssue(
                field: "guardian", message: "a child needs a guardian and a best-interests assessment before referral",
                code: "childNeedsGuardian")
        ]
    }
}

extension Store {
    public var screenings: Screenings { Screenings(store: self) }
}
