import Foundation
import PalermoCore
import PalermoStore
import Vapor

/// `/api/v1`: who works on a case, its notes and its tasks. Roles are checked before a body is read.
struct CaseworkAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("cases", "assign", use: assign)
        routes.get("cases", ":id", "notes", use: notes)
        routes.post("cases", ":id", "notes", use: addNote)
        routes.get("cases", ":id", "tasks", use: tasks)
        routes.post("cases", ":id", "tasks", use: addTask)
        routes.get("tasks", use: openTasks)
        routes.patch("tasks", ":task", use: changeTask)
        routes.get("staff", use: staff)
        routes.get("approvals", use: approvals)
        routes.post("approvals", ":approval", use: decide)
        routes.get("cases", ":id", "approvals", use: caseApprovals)
        routes.post("cases", ":id", "merge", use: merge)
        routes.get("cases", ":id", "support-plan", use: supportPlan)
        routes.post("cases", ":id", "support-plan", use: addToPlan)
        routes.patch("support-plan", ":entry", use: finishPlan)
    }

    func supportPlan(_ req: Request) async throws -> [SupportPlanEntry] {
        let principal = try req.requirePrincipal()
        let id = try req.caseID()
        _ = try await req.store.cases.read(id, by: principal)
        return try await req.store.supportPlans.list(of: id, by: principal)
    }

    struct PlanInput: Content {
        let type: String
        let objectives: String
        let actionPlan: String?
        let plannedEnd: String?
    }

    func addToPlan(_ req: Request) async throws -> Response {
        let principal = try await req.caseHandler(page: false)
        let input = try req.content.decode(PlanInput.self)
        let entry = try await req.store.supportPlans.add(
            type: input.type, objectives: input.objectives, actionPlan: input.actionPlan ?? "",
            plannedEnd: input.plannedEnd, to: req.caseID(), by: principal)
        return try await entry.encodeResponse(status: .created, for: req)
    }

    struct PlanEnd: Content { let actualEnd: String }

    func finishPlan(_ req: Request) async throws -> SupportPlanEntry {
        let principal = try await req.caseHandler(page: false)
        let id = try req.uuid("entry")
        let input = try req.content.decode(PlanEnd.self)
        return try await req.store.supportPlans.finish(id, actualEnd: input.actualEnd, by: principal)
    }

    struct MergeInput: Content {
        /// The case merged into this one, which then goes.
        let other: UUID
        /// The fields whose values come from the other case.
        let take: [String]?
    }

    func merge(_ req: Request) async throws -> CaseRecord {
        let principal = try req.requirePrincipal()
        guard principal.role.assignsCases else {
            throw Abort(.forbidden, reason: "merging cases needs the supervisor or organisation admin role")
        }
        let input = try req.content.decode(MergeInput.self)
        guard (input.take?.count ?? 0) <= HTCDS.fields.count else {
            throw ValidationFailure([.init(field: "take", message: "names more fields than a case has")])
        }
        return try await req.store.cases.merge(
            req.caseID(), absorbing: input.other, take: Set(input.take ?? []), by: principal)
    }

    /// Requests waiting for a supervisor's decision in the organisation.
    func approvals(_ req: Request) async throws -> [CaseApproval] {
        try await req.store.approvals.waiting(by: req.requirePrincipal())
    }

    /// A case's requests: those waiting, then those decided, newest first.
    func caseApprovals(_ req: Request) async throws -> [CaseApproval] {
        let principal = try req.requirePrincipal()
        let id = try req.caseID()
        _ = try await req.store.cases.read(id, by: principal)
        return try await req.store.approvals.waiting(caseID: id, by: principal)
            + req.store.approvals.decided(caseID: id, by: principal)
    }

    struct Decision: Content {
        let approve: Bool
        let comment: String?
    }

    func decide(_ req: Request) async throws -> CaseApproval {
        let principal = try req.requirePrincipal()
        guard principal.role.assignsCases else {
            throw Abort(.forbidden, reason: "approving needs the supervisor or organisation admin role")
        }
        let id = try req.uuid("approval")
        let input = try req.content.decode(Decision.self)
        return try await req.store.approvals.decide(id, approve: input.approve, comment: input.comment, by: principal)
    }

    struct AssignInput: Content {
        let cases: [UUID]
        let owner: UUID?
        let assignees: [UUID]?
    }

    struct Assigned: Content { let assigned: Int }

    func assign(_ req: Request) async throws -> Assigned {
        let principal = try req.requirePrincipal()
        guard principal.role.assignsCases else {
            throw Abort(.forbidden, reason: "assigning cases needs the supervisor or organisation admin role")
        }
        let input = try req.content.decode(AssignInput.self)
        guard (1...1_000).contains(input.cases.count), (input.assignees?.count ?? 0) <= 50 else {
            throw ValidationFailure([.init(field: "cases", message: "name 1 to 1,000 cases and at most 50 assignees")])
        }
        let count = try await req.store.assignment.assign(
            input.cases, owner: input.owner, assignees: input.assignees, by: principal)
        return Assigned(assigned: count)
    }

    struct NoteInput: Content {
        let text: String
        let corrects: UUID?
    }

    func notes(_ req: Request) async throws -> [CaseNote] {
        let principal = try req.requirePrincipal()
        let id = try req.caseID()
        _ = try await req.store.cases.read(id, by: principal)  // access check, audited
        return try await req.store.notes.list(of: id, by: principal)
    }

    func addNote(_ req: Request) async throws -> Response {
        let principal = try await req.caseHandler(page: false)
        let input = try req.content.decode(NoteInput.self)
        let note = try await req.store.notes.add(input.text, to: req.caseID(), corrects: input.corrects, by: principal)
        return try await note.encodeResponse(status: .created, for: req)
    }

    struct TaskInput: Content {
        let title: String
        let due: String?
        let assignee: UUID?
    }

    struct TaskChange: Content { let done: Bool }

    func tasks(_ req: Request) async throws -> [CaseTask] {
        let principal = try req.requirePrincipal()
        let id = try req.caseID()
        _ = try await req.store.cases.read(id, by: principal)
        return try await req.store.tasks.list(of: id, by: principal)
    }

    func addTask(_ req: Request) async throws -> Response {
        let principal = try await req.caseHandler(page: false)
        let input = try req.content.decode(TaskInput.self)
        let task = try await req.store.tasks.add(
            input.title, due: input.due, assignee: input.assignee, to: req.caseID(), by: principal)
        return try await task.encodeResponse(status: .created, for: req)
    }

    /// Open tasks: the caller's own (`assignee=me`, the default) or, for a supervisor, the organisation's.
    func openTasks(_ req: Request) async throws -> [CaseTask] {
        let principal = try req.requirePrincipal()
        let everyone = req.queryText("assignee") == "all"
        if everyone && !principal.role.assignsCases {
            throw Abort(.forbidden, reason: "the whole team's tasks need the supervisor or organisation admin role")
        }
        return try await req.store.tasks.open(assignedTo: everyone ? nil : principal.userID, by: principal)
    }

    func changeTask(_ req: Request) async throws -> CaseTask {
        let principal = try await req.caseHandler(page: false)
        let id = try req.uuid("task")
        let input = try req.content.decode(TaskChange.self)
        return try await req.store.tasks.complete(id, done: input.done, by: principal)
    }

    struct StaffMember: Content {
        let id: UUID
        let name: String
    }

    /// The organisation's active users who handle cases: who a case or task can go to.
    func staff(_ req: Request) async throws -> [StaffMember] {
        let principal = try await req.caseHandler(page: false)
        return try await req.store.assignment.staffByName(of: principal.organisationID)
            .map { StaffMember(id: $0.id, name: $0.name) }
    }
}

extension CaseNote: Content {}
extension CaseTask: Content {}
extension CaseApproval: Content {}
extension SupportPlanEntry: Content {}
