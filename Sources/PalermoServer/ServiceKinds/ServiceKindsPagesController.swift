import Foundation
import PalermoCore
import PalermoStore
import Vapor

/// `/admin/services`: the kinds of service, for the system admin and the national coordinator.
struct ServiceKindsPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("admin", "services", use: page)
        routes.post("admin", "services", use: add)
    }

    func page(_ req: Request) async throws -> Response {
        let principal = try req.signedIn()
        guard ServiceKinds.mayAdd(principal.role) else { throw Abort(.forbidden) }
        let w = req.localizer
        let view = ServiceKindsPage(
            w, catalogue: try await req.store.serviceKinds.catalogue(), csrf: CSRF.token(for: req),
            notice: req.queryText("added").map { _ in w("serviceKinds.saved") })
        return req.page(title: view.title, view.view)
    }

    func add(_ req: Request) async throws -> Response {
        let principal = try req.signedIn()
        guard ServiceKinds.mayAdd(principal.role) else { throw Abort(.forbidden) }
        let form = try PostedForm.fields(req)
        var names: [String: String] = [:]
        for language in ServiceKindDefinition.languages { names[language] = form["name_\(language)"] }
        _ = try await req.store.serviceKinds.add(
            ServiceKindDefinition(code: form["code"] ?? "", names: names), by: principal)
        return req.redirect(to: "/admin/services?added=1")
    }
}
