import Foundation
import PalermoCore
import PalermoIO
import PalermoStore
import Vapor

/// The directory of services in the browser: search, export, and an organisation's own entries.
struct DirectoryPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("services", use: page)
        routes.get("services", "export.csv", use: export)
        routes.post("services", use: add)
        routes.post("services", ":offer", "places", use: places)
    }

    /// A keeper updates the places free of one of the organisation's entries; the entry is checked today.
    func places(_ req: Request) async throws -> Response {
        let principal = try req.signedIn()
        guard principal.role.assignsCases else { throw Abort(.forbidden) }
        let id = try req.uuid("offer")
        let form = try PostedForm.fields(req)
        guard let text = form["available"], let available = Int(text), (0...ServiceOffer.maxPlaces).contains(available)
        else {
            throw ValidationFailure([
                ValidationIssue(
                    field: "available", message: "must be a count from 0 to the capacity", code: "notACount",
                    values: ["value": form["available"] ?? ""])
            ])
        }
        var offer = try await req.store.directory.offer(id, by: principal)
        guard offer.organisationID == principal.organisationID else { throw Abort(.notFound) }
        offer.available = available
        offer.lastChecked = CaseTasks.today()
        _ = try await req.store.directory.save(offer, id: id, by: principal)
        return req.redirect(to: "/services#service-list")
    }

    func page(_ req: Request) async throws -> Response {
        let principal = try req.signedIn()
        let search = try req.directorySearch()
        let offers = try await req.store.directory.search(search, by: principal)
        let view = DirectoryPage(
            req.localizer, offers: offers, search: search, query: req.url.query ?? "",
            canAdd: principal.role.assignsCases, csrf: CSRF.token(for: req),
            services: try await req.store.serviceKinds.catalogue(), keeperOf: principal.organisationID)
        return req.page(title: view.title, view.view)
    }

    func export(_ req: Request) async throws -> Response {
        let principal = try req.signedIn()
        let offers = try await req.store.directory.search(req.directorySearch(), by: principal)
        return try DirectoryTable.download(offers)
    }

    func add(_ req: Request) async throws -> Response {
        let principal = try req.signedIn()
        guard principal.role.assignsCases else { throw Abort(.forbidden) }
        let values = try PostedForm.values(req)
        let form = values.compactMapValues(\.first)
        func words(_ name: String) -> [String] { (form[name] ?? "").split(separator: " ").map(String.init) }
        let input = ServiceOfferInput(
            kind: form["kind"] ?? "", country: form["country"] ?? "", area: form["area"], forSexes: values["forSexes"],
            forAges: values["forAges"],
            forNationalities: nil, forForms: nil, capacity: Int(form["capacity"] ?? "") ?? -1,
            available: Int(form["available"] ?? "") ?? -1, languages: words("languages"), hours: form["hours"],
            contact: form["contact"] ?? "", lastChecked: form["lastChecked"] ?? "")
        _ = try await req.store.directory.save(try input.offer(of: principal.organisationID), by: principal)
        return req.redirect(to: "/services")
    }
}
