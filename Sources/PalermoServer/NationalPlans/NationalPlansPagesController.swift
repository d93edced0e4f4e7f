import Foundation
import PalermoCore
import PalermoReport
import PalermoStore
import Vapor

/// `/plans`: national action plans and commitments in the browser.
struct NationalPlansPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("plans", use: list)
        routes.post("plans", use: create)
        routes.get("plans", ":plan", use: show)
        routes.post("plans", ":plan", ":part", use: change)
    }

    func list(_ req: Request) async throws -> Response { try await list(req, problems: []) }

    func list(_ req: Request, problems: [ValidationIssue]) async throws -> Response {
        let principal = try req.signedIn()
        let organisation = try await req.organisation(of: principal)
        let view = NationalPlansPage(
            req.localizer, plans: try await req.store.nationalPlans.list(by: principal), principal: principal,
            country: organisation.country, csrf: CSRF.token(for: req),
            problems: problems.map { Self.describe($0, req.localizer) })
        return req.page(title: view.title, status: problems.isEmpty ? .ok : .unprocessableEntity, view.view)
    }

    /// A problem in the reader's language; "title" names a task elsewhere, here the plan's.
    static func describe(_ issue: ValidationIssue, _ w: Wording) -> String {
        ValidationText(w).describe(issue, calling: "title", "planTitle")
    }

    func create(_ req: Request) async throws -> Response {
        let principal = try NationalPlansAPIController.drafter(req)
        let form = try PostedForm.fields(req)
        let plan = NationalPlan(
            kind: NationalPlan.Kind(rawValue: form["kind"] ?? "") ?? .national, country: form["country"] ?? "",
            title: form["title"] ?? "", fromYear: Self.year(form["fromYear"]), toYear: Self.year(form["toYear"]))
        do {
            let record = try await req.store.nationalPlans.create(plan, by: principal)
            return req.redirect(to: "/plans/\(record.id)")
        } catch let failure as ValidationFailure {
            return try await list(req, problems: failure.issues)
        }
    }

    func show(_ req: Request) async throws -> Response {
        try await Self.page(req, id: req.uuid("plan"))
    }

    static func page(_ req: Request, id: UUID, problems: [ValidationIssue] = []) async throws -> Response {
        let principal = try req.signedIn()
        let record = try await req.store.nationalPlans.read(id, by: principal)
        let view = NationalPlanPage(
            req.localizer, record: record, principal: principal, csrf: CSRF.token(for: req),
            problems: problems.map { describe($0, req.localizer) })
        return req.page(title: record.plan.title, status: problems.isEmpty ? .ok : .unprocessableEntity, view.view)
    }

    /// A part added to a draft (`breakdowns`, `objectives`, `indicators`, `measures`) or a step
    /// (`submit`, `approve`, `return`, `publish`). A refusal shows the plan again with what was wrong.
    func change(_ req: Request) async throws -> Response {
        let principal = try req.signedIn()
        guard NationalPlansAPIController.maySomething(principal.role) else { throw Abort(.forbidden) }
        let id = try req.uuid("plan")
        let part = req.parameters.get("part") ?? ""
        let form = try PostedForm.fields(req)
        let plans = req.store.nationalPlans
        do {
            if let step = NationalPlans.Step(rawValue: part) {
                _ = try await plans.step(id, step, comment: form["comment"], by: principal)
            } else {
                let record = try await plans.read(id, by: principal)
                let plan = try NationalPlanEdit(form: form).apply(part, to: record.plan)
                _ = try await plans.update(id, plan, expectedVersion: Int(form["version"] ?? ""), by: principal)
            }
            return req.redirect(to: "/plans/\(id)")
        } catch let failure as ValidationFailure {
            return try await Self.page(req, id: id, problems: failure.issues)
        }
    }

    /// A year from a form; out of range (or not a number) becomes 0, which the plan's rules refuse by name.
    static func year(_ text: String?) -> Int {
        guard let text, let value = Int(text), NationalPlan.years.contains(value) else { return 0 }
        return value
    }
}
