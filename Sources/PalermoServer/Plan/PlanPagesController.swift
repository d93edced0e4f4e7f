import Foundation
import PalermoCore
import Vapor

/// `/plan`: the Global Plan of Action, for everyone signed in.
struct PlanPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("plan", use: page)
    }

    func page(_ req: Request) throws -> Response {
        _ = try req.signedIn()
        let view = PlanPage(req.localizer, plan: try Self.version(req))
        return req.page(title: view.title, view.view)
    }

    /// The version the query names (`?version=2010-07-19`), or the latest; an unknown one is refused by name.
    static func version(_ req: Request) throws -> PlanOfAction {
        let asked = req.queryText("version").flatMap { $0.isEmpty ? nil : $0 }
        guard let plan = asked.map(PlanOfAction.load) ?? PlanOfAction.current else {
            throw ValidationFailure([
                ValidationIssue(
                    field: "version",
                    message: "is not a version of the Plan; known: "
                        + PlanOfAction.versions.joined(separator: ", "), code: "notInList",
                    values: ["value": asked ?? ""])
            ])
        }
        return plan
    }
}
