import Foundation
import PalermoCore
import PalermoIO
import PalermoStore
import Vapor

/// The page for the hidden figure, and its parts as files.
struct EstimatePagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("stats", "estimate", use: estimate)
        routes.get("stats", "estimate", ":file", use: download)
    }

    /// The files the page links to, made from the same query: the seed fixes the random stream, so they
    /// hold exactly what the page showed.
    func download(_ req: Request) async throws -> Response {
        _ = try req.signedIn()
        _ = try EstimateService.requireEstimator(req)
        guard let file = req.parameters.get("file").flatMap(EstimateDownload.init(rawValue:)) else {
            throw Abort(
                .notFound, reason: "no such file: choose table.csv, limits.csv, replicates.csv or estimate.json")
        }
        let outcome = try await EstimateService.run(req, try EstimateService.Query(req))
        let data: Data
        switch file {
        case .table: data = try EstimateFiles.table(outcome.table)
        case .limits: data = try EstimateFiles.limits(outcome.result, seed: outcome.query.seed)
        case .replicates: data = try EstimateFiles.replicates(outcome.result)
        case .json: data = try JSONEncoder().encode(EstimateDTO(outcome))
        }
        let name = "estimate-\(outcome.query.country)-\(outcome.query.from)-\(outcome.query.to)-\(file.rawValue)"
        return Response.download(data, contentType: file.contentType, filename: name)
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

/// The parts of an estimate a reader can download.
enum EstimateDownload: String, CaseIterable {
    case table = "table.csv"
    case limits = "limits.csv"
    case replicates = "replicates.csv"
    case json = "estimate.json"

    var contentType: String { self == .json ? "application/json" : "text/csv; charset=utf-8" }

    /// What the page calls it, as a key of the localisation files.
    var labelKey: String {
        switch self {
        case .table: "estimate.download.table"
        case .limits: "estimate.download.limits"
        case .replicates: "estimate.download.replicates"
        case .json: "estimate.download.json"
        }
    }
}
