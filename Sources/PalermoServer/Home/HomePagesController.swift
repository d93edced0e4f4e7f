import Foundation
import PalermoCore
import PalermoReport
import PalermoStore
import Vapor

/// `/`: each role's home page. A caseworker sees her own work; a supervisor the team's; an organisation
/// admin the organisation's users; aggregate roles the statistics they may read.
struct HomePagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: home)
    }

    func home(_ req: Request) async throws -> Response {
        guard let principal = req.principal else { return req.redirect(to: "/login") }
        let w = req.localizer
        var panels: [HomePage.Panel] = []
        if principal.role.handlesCases { panels += try await HomePanels(req: req, principal: principal, w: w).mine() }
        if principal.role.assignsCases { panels += try await HomePanels(req: req, principal: principal, w: w).team() }
        if principal.role.managesUsers {
            panels.append(try await HomePanels(req: req, principal: principal, w: w).users())
        }
        if principal.role.seesAggregates && !principal.role.handlesCases || principal.role == .systemAdmin {
            panels.append(try await HomePanels(req: req, principal: principal, w: w).statistics())
        }
        let page = HomePage(
            title: w("home.title"), greeting: w("home.greeting", ["name": principal.username]), panels: panels)
        return req.page(title: page.title, page.view)
    }
}
