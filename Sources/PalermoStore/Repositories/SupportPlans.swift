import FluentKit
import Foundation
import PalermoCore

/// One service of a case's support plan (HTCDS `spl_`: type, objectives, action plan, planned and actual end),
/// a repeated section of the case. Objectives and action plan are free text, sealed.
public final class SupportPlanModel: Model, @unchecked Sendable {
    public static let schema = "support_plans"

    @ID(key: .id) public var id: UUID?
    @Field(key: "case_id") public var caseID: UUID
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "type") public var type: String
    @Field(key: "sealed") public var sealed: String
    @OptionalField(key: "planned_end") public var plannedEnd: String?
    @OptionalField(key: "actual_end") public var actualEnd: String?
    @OptionalField(key: "task_id") public var taskID: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}

public struct AddSupportPlans: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(SupportPlanModel.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseModel.schema, "id"))
            .field("organisation_id", .uuid, .required)
            .field("type", .string, .required)
            .field("sealed", .string, .required)
            .field("planned_end", .string)
            .field("actual_end", .string)
            .field("task_id", .uuid)
            .field("created_at", .datetime)
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(SupportPlanModel.schema).delete()
    }
}

/// A support-plan entry as its readers see it.
public struct SupportPlanEntry: Sendable, Codable, Equatable {
    public let id: UUID
    public let type: String
    public let objectives: String
    public let actionPlan: String
    public let plannedEnd: String?
    public let actualEnd: String?
    public let taskID: UUID?
}

/// The support plan of a case. Each service planned with an end date becomes a task for the case's owner,
/// due that day; recording the actual end completes the task.
public struct SupportPlans: Sendable {
    let store: Store

    public func list(of caseID: UUID, by principal: Principal) async throws -> [SupportPlanEntry] {
        try await SupportPlanModel.query(on: store.database).filter(\.$caseID == caseID)
            .filter(\.$organisationID == principal.organisationID).sort(\.$createdAt).all().map(decode)
    }

    /// The task's title is the objectives; pages put the service's name, in the reader's language, before it.
    public func add(
        type: String, objectives: String, actionPlan: String, plannedEnd: String?, to caseID: UUID,
        by principal: Principal
    ) async throws -> SupportPlanEntry {
        try await store.cases.requireCaseAccess(principal, caseID: caseID)
        var issues: [ValidationIssue] = []
        let code = Picklists.named("supporttype").code(for: type)
        if code == nil {
            issues.append(
                .init(
                    field: "type", message: "'\(type)' is not one of the choices", code: "notInList",
                    values: ["value": type]))
        }
        let goals = objectives.trimmingCharacters(in: .whitespacesAndNewlines)
        let plan = actionPlan.trimmingCharacters(in: .whitespacesAndNewlines)
        if !(1...2_000).contains(goals.count) {
            issues.append(
                .init(
                    field: "objectives", message: "must be 1 to 2000 characters", code: "noteLength",
                    values: ["max": "2000"]))
        }
        if plan.count > 10_000 {
            issues.append(
                .init(
                    field: "actionPlan", message: "is longer than 10000 characters", code: "tooLong",
                    values: ["max": "10000"]))
        }
        let end = CaseTasks.day(plannedEnd, field: "plannedEnd", future: true, issues: &issues)
        let record = try await store.cases.read(caseID, by: principal)
        if let end, let identified = record.fields["cas_IdentificationDate"]?.description, end < identified {
            issues.append(
                .init(
                    field: "plannedEnd", message: "is before cas_IdentificationDate", code: "beforeField",
                    values: ["other": "cas_IdentificationDate"]))
        }
        guard issues.isEmpty, let code else { throw ValidationFailure(issues) }
        let model = SupportPlanModel()
        let id = UUID()
        model.id = id
        model.caseID = caseID
        model.organisationID = principal.organisationID
        model.type = code
        model.sealed = try store.cipher.seal(["objectives": .text(goals), "actionPlan": .text(plan)], caseID: id)
        model.plannedEnd = end
        if end != nil {
            let task = try await store.tasks.add(
                String(goals.prefix(500)), due: end, assignee: record.ownerID ?? principal.userID,
                to: caseID, by: principal)
            model.taskID = task.id
        }
        let store = self.store
        try await store.write { db in
            try await model.create(on: db)
            try await AuditLog.append(
                [
                    AuditDraft(
                        actor: principal, action: .update, caseID: caseID, fields: ["spl_\(code)"],
                        detail: "support plan \(id) added")
                ],
                on: db, isPostgres: store.isPostgres, keys: store.cipher.keys)
        }
        return try decode(model)
    }

    /// Records when the service actually ended, and completes its task.
    public func finish(_ id: UUID, actualEnd: String, by principal: Principal) async throws -> SupportPlanEntry {
        try await store.cases.requireCaseAccess(principal, caseID: nil)
        var issues: [ValidationIssue] = []
        let end = CaseTasks.day(actualEnd, field: "actualEnd", future: false, issues: &issues)
        guard issues.isEmpty, let end else {
            throw ValidationFailure(
                issues.isEmpty ? [.init(field: "actualEnd", message: "is required", code: "required")] : issues)
        }
        guard
            let model = try await SupportPlanModel.query(on: store.database).filter(\.$id == id)
                .filter(\.$organisationID == principal.organisationID).first()
        else { throw StoreError.notFound }
        let record = try await store.cases.read(model.caseID, by: principal)
        if let identified = record.fields["cas_IdentificationDate"]?.description, end < identified {
            throw ValidationFailure([
                .init(
                    field: "actualEnd", message: "is before cas_IdentificationDate", code: "beforeField",
                    values: ["other": "cas_IdentificationDate"])
            ])
        }
        model.actualEnd = end
        let store = self.store
        try await store.write { db in
            try await model.update(on: db)
            try await AuditLog.append(
                [
                    AuditDraft(
                        actor: principal, action: .update, caseID: model.caseID,
                        detail: "support plan \(id) ended \(end)")
                ],
                on: db, isPostgres: store.isPostgres, keys: store.cipher.keys)
        }
        if let task = model.taskID { _ = try? await store.tasks.complete(task, done: true, by: principal) }
        return try decode(model)
    }

    func decode(_ model: SupportPlanModel) throws -> SupportPlanEntry {
        let id = try model.requireID()
        let open = try store.cipher.open(model.sealed, caseID: id)
        return SupportPlanEntry(
            id: id, type: model.type, objectives: open["objectives"]?.description ?? "",
            actionPlan: open["actionPlan"]?.description ?? "", plannedEnd: model.plannedEnd, actualEnd: model.actualEnd,
            taskID: model.taskID)
    }
}

extension Store {
    public var supportPlans: SupportPlans { SupportPlans(store: self) }
}
