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
    }

    func page(_ req: Request) async throws -> Response {
        let principal = try req.signedIn()
        let search = try req.directorySearch()
        let offers = try await req.store.directory.search(search, by: principal)
        let view = DirectoryPage(
            req.localizer, offers: offers, search: search, query: req.url.query ?? "",
            canAdd: principal.role.assignsCases, csrf: CSRF.token(for: req))
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
