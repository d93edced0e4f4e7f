import FluentKit
import Foundation
import PalermoCore

/// A national action plan or another actor's commitments, as stored: the document as JSON (no personal data),
/// where it stands, and who moved it there.
public final class NationalPlanModel: Model, @unchecked Sendable {
    public static let schema = "national_plans"

    @ID(key: .id) public var id: UUID?
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "kind") public var kind: String
    @Field(key: "country") public var country: String
    @Field(key: "title") public var title: String
    @Field(key: "status") public var status: String
    @Field(key: "version") public var version: Int
    @Field(key: "document") public var document: String
    @Field(key: "drafted_by") public var draftedBy: UUID
    @OptionalField(key: "decided_by") public var decidedBy: UUID?
    @OptionalField(key: "comment") public var comment: String?
    @OptionalField(key: "published_at") public var publishedAt: Date?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}
}

public struct AddNationalPlans: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(NationalPlanModel.schema)
            .id()
            .field("organisation_id", .uuid, .required, .references(OrganisationModel.schema, "id"))
            .field("kind", .string, .required)
            .field("country", .string, .required)
            .field("title", .string, .required)
            .field("status", .string, .required)
            .field("version", .int, .required)
            .field("document", .string, .required)
            .field("drafted_by", .uuid, .required)
            .field("decided_by", .uuid)
            .field("comment", .string)
            .field("published_at", .datetime)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(NationalPlanModel.schema).delete()
    }
}

/// A plan as read back.
public struct NationalPlanRecord: Sendable, Equatable {
    public let id: UUID
    public let organisationID: UUID
    public let status: NationalPlanStatus
    public let version: Int
    public let plan: NationalPlan
    public let comment: String?
    public let updatedAt: Date?
}

/// National action plans and commitments: drafted by their team (a national plan by the national coordinator of
/// its State, commitments by an organisation's supervisors and admins), submitted, approved or returned by a
/// second person of the organisation, then published. Published plans are read by everyone signed in; the others
/// only by their organisation.
public struct NationalPlans: Sendable {
    let store: Store

    public enum Step: String, Sendable, CaseIterable {
        case submit, approve, `return`, publish
    }

    /// Who drafts a plan of this kind.
    public static func drafts(_ kind: NationalPlan.Kind, _ role: Role) -> Bool {
        switch kind {
        case .national: role == .nationalCoordinator
        case .commitment: role.assignsCases
        }
    }

    /// Who approves: a supervisor or organisation admin of the plan's organisation.
    public static func approves(_ role: Role) -> Bool { role.assignsCases }

    public func list(by principal: Principal) async throws -> [NationalPlanRecord] {
        let models = try await NationalPlanModel.query(on: store.database).group(.or) { group in
            group.filter(\.$status == NationalPlanStatus.published.rawValue)
                .filter(\.$organisationID == principal.organisationID)
        }.sort(\.$country).sort(\.$title).all()
        return try models.map(Self.record)
    }

    public func read(_ id: UUID, by principal: Principal) async throws -> NationalPlanRecord {
        guard let model = try await NationalPlanModel.find(id, on: store.database),
            model.status == NationalPlanStatus.published.rawValue || model.organisationID == principal.organisationID
        else { throw StoreError.notFound }
        return try Self.record(model)
    }

    public func create(_ plan: NationalPlan, by principal: Principal) async throws -> NationalPlanRecord {
        guard Self.drafts(plan.kind, principal.role) else {
            throw StoreError.forbidden(
                plan.kind == .national
                    ? "a national plan is drafted by the national coordinator"
                    : "commitments are drafted by the organisation's supervisors and admins")
        }
        try await checkCountry(plan, of: principal)
        let issues = plan.problems()
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        let model = NationalPlanModel()
        model.id = UUID()
        model.organisationID = principal.organisationID
        model.status = NationalPlanStatus.draft.rawValue
        model.version = 1
        model.draftedBy = principal.userID
        try fill(model, with: plan)
        try await save(model, audit: "national plan drafted", by: principal)
        return try Self.record(model)
    }

    /// Replaces the document of a plan still in draft (or returned); `expectedVersion` guards against a
    /// colleague's change made meanwhile.
    public func update(
        _ id: UUID, _ plan: NationalPlan, expectedVersion: Int?, by principal: Principal
    ) async throws -> NationalPlanRecord {
        let model = try await own(id, of: principal)
        guard Self.drafts(plan.kind, principal.role), plan.kind.rawValue == model.kind else {
            throw StoreError.forbidden("only the plan's team changes it, and not its kind")
        }
        guard NationalPlanStatus(rawValue: model.status)?.editable == true else {
            throw ValidationFailure([
                ValidationIssue(field: "status", message: "a plan is changed only in draft", code: "planNotDraft")
            ])
        }
        if let expectedVersion, expectedVersion != model.version { throw StoreError.conflict(current: model.version) }
        try await checkCountry(plan, of: principal)
        let issues = plan.problems()
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        try fill(model, with: plan)
        model.version += 1
        try await save(model, audit: "national plan changed", by: principal)
        return try Self.record(model)
    }

    public func step(
        _ id: UUID, _ step: Step, comment: String?, by principal: Principal
    ) async throws -> NationalPlanRecord {
        let model = try await own(id, of: principal)
        let status = NationalPlanStatus(rawValue: model.status) ?? .draft
        let kind = NationalPlan.Kind(rawValue: model.kind) ?? .national
        func refuse(_ message: String) -> ValidationFailure {
            ValidationFailure([ValidationIssue(field: "status", message: message, code: "planStep")])
        }
        switch step {
        case .submit:
            guard Self.drafts(kind, principal.role) else { throw StoreError.forbidden("the plan's team submits it") }
            guard status.editable else { throw refuse("only a draft is submitted") }
            model.status = NationalPlanStatus.submitted.rawValue
        case .approve, .return:
            guard Self.approves(principal.role) else {
                throw StoreError.forbidden("a supervisor or organisation admin approves or returns a plan")
            }
            guard principal.userID != model.draftedBy else {
                throw StoreError.forbidden("a second person approves or returns a plan")
            }
            guard status == .submitted else { throw refuse("only a submitted plan is approved or returned") }
            if step == .return {
                guard let comment, !comment.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                    throw ValidationFailure([
                        ValidationIssue(field: "comment", message: "say what to change", code: "required")
                    ])
                }
                guard comment.count <= 2000 else {
                    throw ValidationFailure([
                        ValidationIssue(
                            field: "comment", message: "must be at most 2000 characters", code: "tooLong",
                            values: ["max": "2000"])
                    ])
                }
            }
            model.status = (step == .approve ? NationalPlanStatus.approved : .returned).rawValue
            model.decidedBy = principal.userID
            model.comment = step == .return ? comment : nil
        case .publish:
            guard Self.drafts(kind, principal.role) || Self.approves(principal.role) else {
                throw StoreError.forbidden("the plan's team or its approver publishes it")
            }
            guard status == .approved else { throw refuse("only an approved plan is published") }
            model.status = NationalPlanStatus.published.rawValue
            model.publishedAt = Date()
        }
        try await save(model, audit: "national plan: \(step.rawValue)", by: principal)
        return try Self.record(model)
    }

    /// A national plan is for the coordinator's own State.
    private func checkCountry(_ plan: NationalPlan, of principal: Principal) async throws {
        guard plan.kind == .national else { return }
        let organisation = try await OrganisationModel.find(principal.organisationID, on: store.database)
        guard organisation?.country == plan.country.uppercased() else {
            throw ValidationFailure([
                ValidationIssue(
                    field: "country", message: "a national plan is for the coordinator's own country",
                    code: "planCountry", values: ["value": plan.country])
            ])
        }
    }

    private func own(_ id: UUID, of principal: Principal) async throws -> NationalPlanModel {
        guard let model = try await NationalPlanModel.find(id, on: store.database),
            model.organisationID == principal.organisationID
        else { throw StoreError.notFound }
        return model
    }

    private func fill(_ model: NationalPlanModel, with plan: NationalPlan) throws {
        var plan = plan
        plan.country = plan.country.uppercased()
        model.kind = plan.kind.rawValue
        model.country = plan.country
        model.title = plan.title
        model.document = String(decoding: try JSONEncoder.sorted.encode(plan), as: UTF8.self)
    }

    private func save(_ model: NationalPlanModel, audit detail: String, by principal: Principal) async throws {
        let line = "\(detail): \(model.id?.uuidString ?? "")"
        try await store.save(model, audited: AuditDraft(actor: principal, action: .update, detail: line))
    }

    static func record(_ model: NationalPlanModel) throws -> NationalPlanRecord {
        NationalPlanRecord(
            id: try model.requireID(), organisationID: model.organisationID,
            status: NationalPlanStatus(rawValue: model.status) ?? .draft, version: model.version,
            plan: try JSONDecoder().decode(NationalPlan.self, from: Data(model.document.utf8)), comment: model.comment,
            updatedAt: model.updatedAt)
    }
}

extension Store {
    public var nationalPlans: NationalPlans { NationalPlans(store: self) }
}
