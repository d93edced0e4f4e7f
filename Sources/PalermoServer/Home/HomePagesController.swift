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
        let home = HomePanels(req: req, principal: principal, w: w)
        var panels: [HomePage.Panel] = []
        if principal.role.handlesCases { panels += try await home.mine() + [home.referrals()] }
        if principal.role.assignsCases { panels += try await home.team() }
        if principal.role.managesUsers { panels.append(try await home.users()) }
        if principal.role.seesAggregates && !principal.role.handlesCases { panels.append(try await home.statistics()) }
        // Every role works towards the Plan; its paragraphs are a click away.
        panels.append(
            HomePage.Panel(
                id: "plan", heading: w("plan.title"),
                lines: [
                    HomePage.Cell(text: w("home.planLink"), href: "/plan"),
                    HomePage.Cell(text: w("plans.title"), href: "/plans"),
                    HomePage.Cell(text: w("home.rounds"), href: "/rounds"),
                    HomePage.Cell(text: w("appraisal.title"), href: "/appraisal"),
                    HomePage.Cell(text: w("home.practices"), href: "/practices"),
                    HomePage.Cell(text: w("actors.title"), href: "/actors"),
                ],
                table: nil, empty: nil))
        let page = HomePage(
            title: w("home.title"), greeting: w("home.greeting", ["name": principal.username]), panels: panels)
        return req.page(title: page.title, page.view)
    }
}
