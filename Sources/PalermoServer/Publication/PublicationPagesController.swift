import Foundation
import PalermoCore
import PalermoStats
import PalermoStore
import Vapor

/// The publication page: a preview is a GET (nothing written, the address can be shared); a release is a POST.
struct PublicationPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("publish", use: page)
        routes.post("publish", use: release)
        routes.get("publish", ":release", use: show)
        routes.get("publish", ":release", ":name", use: download)
    }

    func publisher(_ req: Request) throws -> Principal {
        let principal = try req.signedIn()
        try PublicationService.requirePublisher(principal)
        return principal
    }

    func page(_ req: Request) async throws -> Response {
        let principal = try publisher(req)
        let typed = req.typedQuery
        guard typed["preview"] != nil else {
            return try await page(req, principal, typed: [:], outcome: nil, problems: [])
        }
        do {
            let outcome = try await PublicationService.preview(req, PublicationForm.request(typed), by: principal)
            return try await page(req, principal, typed: typed, outcome: outcome, problems: [])
        } catch let failure as ValidationFailure {
            return try await page(req, principal, typed: typed, outcome: nil, problems: failure.issues)
        }
    }

    func page(
        _ req: Request, _ principal: Principal, typed: [String: String], outcome: ReleaseOutcome?,
        problems: [ValidationIssue]
    ) async throws -> Response {
        let w = req.localizer
        var countries = Set(try await OrganisationModel.query(on: req.store.database).all().map(\.country)).sorted()
        let fixed = principal.role == .nationalCoordinator
        if fixed { countries = [try await req.organisation(of: principal).country] }
        let view = PublicationPage(
            w, countries: countries, fixedCountry: fixed, typed: typed, outcome: outcome,
            problems: problems.map(ValidationText(w).describe),
            releases: try await req.store.releases.list(for: principal),
            csrf: CSRF.token(for: req))
        return req.page(title: view.title, status: problems.isEmpty ? .ok : .unprocessableEntity, view.view)
    }

    func release(_ req: Request) async throws -> Response {
        let principal = try publisher(req)
        let form = try PostedForm.fields(req)
        do {
            let record = try await PublicationService.release(req, PublicationForm.request(form), by: principal)
            return req.redirect(to: "/publish/\(record.id)")
        } catch let failure as ValidationFailure {
            return try await page(req, principal, typed: form, outcome: nil, problems: failure.issues)
        }
    }

    func show(_ req: Request) async throws -> Response {
        let principal = try publisher(req)
        let view = ReleasePage(
            req.localizer, release: try await req.store.releases.release(req.uuid("release"), for: principal))
        return req.page(title: view.title, view.view)
    }

    func download(_ req: Request) async throws -> Response {
        try await PublicationService.download(req, by: publisher(req))
    }
}
