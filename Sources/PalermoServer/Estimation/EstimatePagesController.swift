import Foundation
import PalermoCore
import PalermoStore
import Vapor

/// The page for the hidden figure.
struct EstimatePagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("stats", "estimate", use: estimate)
    }

    func estimate(_ req: Request) async throws -> Response {
        _ = try req.signedIn()
        let principal = try EstimateService.requireEstimator(req)
        var countries = Set(try await OrganisationModel.query(on: req.store.database).all().map(\.country)).sorted()
        if principal.role == .nationalCoordinator { countries = [try await req.organisation(of: principal).country] }
        let w = req.localizer
        func page(_ outcome: EstimateService.Outcome?, _ problem: String?) -> Response {
            let view = EstimatePage(w, countries: countries, outcome: outcome, problem: problem, typed: req.typedQuery)
            return req.page(title: view.title, view.view)
        }
        guard req.url.query?.contains("country=") == true else { return page(nil, nil) }
        do {
            return page(try await EstimateService.run(req, try EstimateService.Query(req)), nil)
        } catch let failure as ValidationFailure {
            return page(nil, failure.issues.map(ValidationText(w).describe).joined(separator: "; "))
        }
    }
}
