import Foundation
import PalermoCore
import PalermoReport
import PalermoStats
import PalermoStore
import Vapor

/// Runs a release request for the API and the page: the role first, then the selected records, then the method
/// off the event loops. A preview writes nothing; a release stores its files with its audit entry.
enum PublicationService {
    static func requirePublisher(_ principal: Principal) throws {
        guard Releases.mayPublish(principal.role) else {
            throw Abort(.forbidden, reason: "analysts and national coordinators publish data")
        }
    }

    static func preview(
        _ req: Request, _ request: ReleaseRequest, by principal: Principal
    ) async throws
        -> ReleaseOutcome
    {
        try requirePublisher(principal)
        var request = request
        request.country = try await req.store.releases.scope(request.country, for: principal)
        let data = try await req.store.releases.microdata(request, for: principal)
        let asked = request
        return try await req.application.palermo.heavy.run { try ReleaseBuilder.run(asked, on: data) }
    }

    static func release(
        _ req: Request, _ request: ReleaseRequest, by principal: Principal
    ) async throws
        -> ReleaseRecord
    {
        let outcome = try await preview(req, request, by: principal)
        return try await ReleaseFiles.record(outcome, wording: req.localizer, in: req.store, by: principal)
    }
}
