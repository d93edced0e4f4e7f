import Foundation
import PalermoCore
import Vapor

extension PlanOfAction: Content {}

/// `/api/v1/plan`: the Global Plan of Action as data, by version (the latest unless `version` names one).
struct PlanAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("plan", use: plan)
    }

    func plan(_ req: Request) throws -> PlanOfAction {
        _ = try req.requirePrincipal()
        return try PlanPagesController.version(req)
    }
}
