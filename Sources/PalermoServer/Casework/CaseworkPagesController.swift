import Foundation
import PalermoCore
import PalermoStore
import Vapor

/// The forms of case management in the browser: assigning cases, adding notes and tasks, ticking tasks off.
/// Each redirects back on success; a refused form shows the case again with the problem named.
struct CaseworkPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("cases", "assign", use: assignMany)
        routes.post("cases", ":id", "owner", use: assignOne)
        routes.post("cases", ":id", "notes", use: addNote)
        routes.post("cases", ":id", "tasks", use: addTask)
        routes.post("tasks", ":task", use: changeTask)
        routes.post("approvals", ":approval", use: decide)
        routes.get("cases", ":id", "merge", use: mergePage)
        routes.post("cases", ":id", "merge", use: merge)
        routes.post("cases", ":id", "plan", use: addToPlan)
        routes.post("plan", ":entry", use: finishPlan)
    }

    func addToPlan(_ req: Request) async throws -> Response {
        let principal = try await req.caseHandler(page: true)
        let form = try PostedForm.fields(req)
        let id = try req.caseID()
        return try await Self.onCase(req, id, then: "/cases/\(id)#plan") {
            _ = try await req.store.supportPlans.add(
                type: form["type"] ?? "", objectives: form["objectives"] ?? "", actionPlan: form["actionPlan"] ?? "",
                plannedEnd: form["plannedEnd"], to: id, by: principal)
        }
    }

    func finishPlan(_ req: Request) async throws -> Response {
        let principal = try await req.caseHandler(page: true)
        let id = try req.uuid("entry")
        let form = try PostedForm.fields(req)
        guard let caseID = UUID(uuidString: form["case"] ?? "") else { throw StoreError.notFound }
        return try await Self.onCase(req, caseID, then: "/cases/\(caseID)#plan") {
            _ = try await req.store.supportPlans.finish(id, actualEnd: form["actualEnd"] ?? "", by: principal)
        }
    }

    /// `?with=` a case code or id of the organisation: the two cases side by side, field by field.
    func mergePage(_ req: Request) async throws -> Response {
        let principal = try req.signedIn()
        guard principal.role.assignsCases else { throw Abort(.forbidden) }
        let kept = try await req.store.cases.read(req.caseID(), by: principal)
        guard let text = req.queryText("with"), let otherID = try await Self.caseID(text, req, principal),
            otherID != kept.id
        else {
            throw ValidationFailure([
                .init(field: "with", message: "name another case of your organisation by its code")
            ])
        }
        let other = try await req.store.cases.read(otherID, by: principal)
        let view = MergePage(req.localizer, kept: kept, other: other, csrf: CSRF.token(for: req))
        return req.page(title: view.title, view.view)
    }

    func merge(_ req: Request) async throws -> Response {
        let principal = try req.signedIn()
        guard principal.role.assignsCases else { throw Abort(.forbidden) }
        let form = try PostedForm.fields(req)
        guard let other = form["other"].flatMap(UUID.init(uuidString:)) else {
            throw ValidationFailure([.init(field: "other", message: "is not a case")])
        }
        let take = Set(
            form.compactMap { key, value in
                key.hasPrefix("choice.") && value == "take" ? String(key.dropFirst(7)) : nil
            })
        let record = try await req.store.cases.merge(req.caseID(), absorbing: other, take: take, by: principal)
        return req.redirect(to: "/cases/\(record.id)?saved=1#history")
    }

    /// A case of the organisation by its code (as people read it out) or its id.
    static func caseID(_ text: String, _ req: Request, _ principal: Principal) async throws -> UUID? {
        if let id = UUID(uuidString: text) { return id }
        let page = try await req.store.cases.list(CaseQuery(text: text.uppercased(), perPage: 2), by: principal)
        return page.items.first { $0.caseCode == text.uppercased() }?.id
    }

    func decide(_ req: Request) async throws -> Response {
        let principal = try req.signedIn()
        guard principal.role.assignsCases else { throw Abort(.forbidden) }
        let id = try req.uuid("approval")
        let form = try PostedForm.fields(req)
        guard let caseID = try await req.store.approvals.caseID(ofWaiting: id, by: principal) else {
            throw StoreError.notFound
        }
        return try await Self.onCase(req, caseID, then: "/cases/\(caseID)?saved=1#approvals") {
            _ = try await req.store.approvals.decide(
                id, approve: form["decision"] == "approve", comment: form["comment"], by: principal)
        }
    }

    func assignMany(_ req: Request) async throws -> Response {
        let principal = try req.signedIn()
        guard principal.role.assignsCases else { throw Abort(.forbidden) }
        let form = try PostedForm.values(req)
        let ids = (form["case"] ?? []).compactMap(UUID.init(uuidString:))
        guard !ids.isEmpty, ids.count <= 1_000 else {
            throw ValidationFailure([.init(field: "case", message: "choose 1 to 1,000 cases")])
        }
        let count = try await req.store.assignment.assign(
            ids, owner: try Self.owner(form), assignees: nil, by: principal)
        return req.redirect(to: "/cases?owner=\(form["owner"]?.last ?? "unassigned")&assigned=\(count)")
    }

    func assignOne(_ req: Request) async throws -> Response {
        let principal = try req.signedIn()
        guard principal.role.assignsCases else { throw Abort(.forbidden) }
        let form = try PostedForm.values(req)
        let id = try req.caseID()
        let assignees = try (form["assignee"] ?? []).map { text in
            guard let id = UUID(uuidString: text) else {
                throw ValidationFailure([.init(field: "assignee", message: "is not a user", code: "notStaff")])
            }
            return id
        }
        _ = try await req.store.assignment.assign(
            [id], owner: try Self.owner(form), assignees: Array(assignees.prefix(50)), by: principal)
        return req.redirect(to: "/cases/\(id)?saved=1#owner")
    }

    func addNote(_ req: Request) async throws -> Response {
        let principal = try await req.caseHandler(page: true)
        let form = try PostedForm.fields(req)
        let id = try req.caseID()
        let corrects = try form["corrects"].flatMap { text -> UUID? in
            guard !text.isEmpty else { return nil }
            guard let id = UUID(uuidString: text) else {
                throw ValidationFailure([
                    .init(field: "corrects", message: "is not a note of this case", code: "notANote")
                ])
            }
            return id
        }
        return try await Self.onCase(req, id, then: "/cases/\(id)#notes") {
            _ = try await req.store.notes.add(form["text"] ?? "", to: id, corrects: corrects, by: principal)
        }
    }

    func addTask(_ req: Request) async throws -> Response {
        let principal = try await req.caseHandler(page: true)
        let form = try PostedForm.fields(req)
        let id = try req.caseID()
        return try await Self.onCase(req, id, then: "/cases/\(id)#tasks") {
            let assignee = try form["assignee"].flatMap { text -> UUID? in
                guard !text.isEmpty else { return nil }
                guard let id = UUID(uuidString: text) else {
                    throw ValidationFailure([.init(field: "assignee", message: "is not a user", code: "notStaff")])
                }
                return id
            }
            _ = try await req.store.tasks.add(
                form["title"] ?? "", due: form["due"], assignee: assignee, to: id, by: principal)
        }
    }

    func changeTask(_ req: Request) async throws -> Response {
        let principal = try await req.caseHandler(page: true)
        let id = try req.uuid("task")
        let form = try PostedForm.fields(req)
        let task = try await req.store.tasks.complete(id, done: form["done"] != "0", by: principal)
        return req.redirect(to: SameSitePath.validated(form["back"]) ?? "/cases/\(task.caseID)#tasks")
    }

    /// The owner a form chose: a user's id, or empty for nobody.
    static func owner(_ form: [String: [String]]) throws -> UUID? {
        guard let text = form["owner"]?.last, !text.isEmpty else { return nil }
        guard let id = UUID(uuidString: text) else {
            throw ValidationFailure([.init(field: "owner", message: "is not a user", code: "notStaff")])
        }
        return id
    }

    /// Runs a form's change to a case: on success back to `path`; refused, the case again with the problems.
    static func onCase(
        _ req: Request, _ id: UUID, then path: String, _ change: () async throws -> Void
    ) async throws -> Response {
        do {
            try await change()
            return req.redirect(to: path)
        } catch let failure as ValidationFailure {
            return try await CasePagesController.casePage(req, id: id, problems: failure.issues)
        }
    }
}
