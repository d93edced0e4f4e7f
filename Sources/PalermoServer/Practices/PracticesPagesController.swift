import Foundation
import PalermoCore
import PalermoReport
import PalermoStore
import Vapor

/// `/practices`: good practices in the browser: search, submit, read, review.
struct PracticesPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("practices", use: list)
        routes.post("practices", use: submit)
        routes.get("practices", ":practice", use: show)
        routes.post("practices", ":practice", ":decision", use: review)
    }

    func list(_ req: Request) async throws -> Response { try await list(req, typed: [:], problems: []) }

    func list(_ req: Request, typed: [String: String], problems: [ValidationIssue]) async throws -> Response {
        let principal = try req.signedIn()
        let practices = req.store.goodPractices
        var problems = problems
        var asked: PracticeQuery?
        do {
            asked = try PracticesAPIController.query(req)
        } catch let failure as ValidationFailure {
            problems += failure.issues
        }
        let organisation = try await req.organisation(of: principal)
        let w = req.localizer
        let view = PracticesPage(
            w, found: try await practices.search(asked ?? PracticeQuery()),
            waiting: try await practices.unpublished(by: principal), asked: asked, words: req.queryText("q") ?? "",
            reviewer: GoodPractices.reviews(principal.role),
            form: PracticeForm(w, values: typed, country: organisation.country), csrf: CSRF.token(for: req),
            problems: problems.map { Self.describe($0, w) })
        return req.page(title: view.title, status: problems.isEmpty ? .ok : .unprocessableEntity, view.view)
    }

    /// A problem in the reader's language; "title" names a task elsewhere, here the practice's.
    static func describe(_ issue: ValidationIssue, _ w: Wording) -> String {
        ValidationText(w).describe(issue, calling: "title", "practiceTitle")
    }

    func submit(_ req: Request) async throws -> Response {
        let principal = try req.signedIn()
        let form = try PostedForm.fields(req)
        do {
            let record = try await req.store.goodPractices.submit(PracticeForm.practice(form), by: principal)
            return req.redirect(to: "/practices/\(record.id)")
        } catch let failure as ValidationFailure {
            return try await list(req, typed: form, problems: failure.issues)
        }
    }

    func show(_ req: Request) async throws -> Response {
        try await Self.page(req, id: req.uuid("practice"), problems: [])
    }

    static func page(_ req: Request, id: UUID, problems: [ValidationIssue]) async throws -> Response {
        let principal = try req.signedIn()
        let record = try await req.store.goodPractices.read(id, by: principal)
        let view = PracticePage(
            req.localizer, record: record, reviewer: GoodPractices.reviews(principal.role), csrf: CSRF.token(for: req),
            problems: problems.map { describe($0, req.localizer) })
        return req.page(title: view.title, status: problems.isEmpty ? .ok : .unprocessableEntity, view.view)
    }

    func review(_ req: Request) async throws -> Response {
        let principal = try req.signedIn()
        guard let decision = req.parameters.get("decision").flatMap(GoodPractices.Decision.init(rawValue:)) else {
            throw Abort(.notFound)
        }
        guard GoodPractices.reviews(principal.role) else { throw Abort(.forbidden) }
        let id = try req.uuid("practice")
        let form = try PostedForm.fields(req)
        do {
            _ = try await req.store.goodPractices.review(id, decision, comment: form["comment"], by: principal)
            return req.redirect(to: "/practices/\(id)")
        } catch let failure as ValidationFailure {
            return try await Self.page(req, id: id, problems: failure.issues)
        }
    }
}
