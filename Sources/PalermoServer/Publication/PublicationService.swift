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
        let (request, data) = try await req.store.releases.select(request, for: principal)
        return try await req.application.palermo.heavy.run { try ReleaseBuilder.run(request, on: data) }
    }

    /// A release's file, the download audited.
    static func download(_ req: Request, by principal: Principal) async throws -> Response {
        let id = try req.uuid("release")
        let (file, data) = try await req.store.releases.file(req.parameters.get("name") ?? "", of: id, for: principal)
        return Response.download(data, contentType: file.mediaType, filename: "release-\(id)-\(file.name)")
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
