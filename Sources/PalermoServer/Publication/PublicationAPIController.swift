import Foundation
import PalermoCore
import PalermoStats
import PalermoStore
import Vapor

/// `/api/v1/releases`: de-identified data from case records for analysts and national coordinators. A preview
/// shows the risk and utility and writes nothing; a release stores its files and is audited.
struct PublicationAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("releases", use: list)
        routes.post("releases", "preview", use: preview)
        routes.post("releases", use: release)
        routes.get("releases", ":release", use: read)
        routes.get("releases", ":release", "files", ":name", use: file)
    }

    /// The role is checked before the body is read.
    func publisher(_ req: Request) throws -> Principal {
        let principal = try req.requirePrincipal()
        try PublicationService.requirePublisher(principal)
        return principal
    }

    func preview(_ req: Request) async throws -> PreviewDTO {
        let principal = try publisher(req)
        let request = try req.content.decode(ReleaseBody.self).request()
        return PreviewDTO(try await PublicationService.preview(req, request, by: principal))
    }

    func release(_ req: Request) async throws -> Response {
        let principal = try publisher(req)
        let request = try req.content.decode(ReleaseBody.self).request()
        let record = try await PublicationService.release(req, request, by: principal)
        return try await ReleaseDTO(record).encodeResponse(status: .created, for: req)
    }

    func list(_ req: Request) async throws -> [ReleaseDTO] {
        try await req.store.releases.list(for: publisher(req)).map(ReleaseDTO.init)
    }

    func read(_ req: Request) async throws -> ReleaseDTO {
        ReleaseDTO(try await req.store.releases.release(req.uuid("release"), for: publisher(req)))
    }

    func file(_ req: Request) async throws -> Response {
        try await PublicationService.download(req, by: publisher(req))
    }
}

/// A release request as JSON: every field but `attributes` may be left out.
struct ReleaseBody: Content {
    let attributes: [String]
    let method: String?
    let country: String?
    let from: Int?
    let to: Int?
    let k: Int?
    let length: Int?
    let threshold: Int?
    let rounding: Bool?
    let epsilon: Double?
    let delta: Double?
    let sensitive: String?
    let seed: UInt64?

    func request() throws -> ReleaseRequest {
        let methods = ReleaseRequest.Method.allCases.map(\.rawValue)
        guard let method = ReleaseRequest.Method(rawValue: method ?? "synthetic") else {
            throw ValidationFailure([
                .init(
                    field: "method", message: "must be one of \(methods.joined(separator: ", "))", code: "notInList",
                    values: ["value": method ?? ""])
            ])
        }
        var request = ReleaseRequest(
            country: country?.uppercased(), from: from, to: to, attributes: attributes, method: method, k: k ?? 10,
            length: length ?? 3, threshold: threshold ?? 5, rounding: rounding ?? false, epsilon: epsilon,
            delta: delta, sensitive: sensitive)
        if let seed { request.seed = seed }
        let problems = request.problems
        guard problems.isEmpty else { throw ValidationFailure(problems) }
        return request
    }
}

struct PreviewDTO: Content {
    let request: ReleaseRequest
    let figures: ReleaseFiles.Figures
    /// The first rows of what would be published (a header, then at most 20 rows).
    let sample: [[String]]

    init(_ outcome: ReleaseOutcome) {
        request = outcome.request
        figures = ReleaseFiles.Figures(outcome)
        sample = outcome.sample(20)
    }
}

extension ReleaseRequest: Content {}

struct ReleaseDTO: Content {
    let id: UUID
    let creator: String
    let country: String?
    let method: String
    let createdAt: Date?
    let request: ReleaseRequest?
    let figures: ReleaseFiles.Figures?
    let files: [ReleaseFile]

    init(_ record: ReleaseRecord) {
        id = record.id
        creator = record.creator
        country = record.country
        method = record.method
        createdAt = record.createdAt
        request = try? JSONDecoder().decode(ReleaseRequest.self, from: Data(record.parameters.utf8))
        figures = try? JSONDecoder().decode(ReleaseFiles.Figures.self, from: Data(record.summary.utf8))
        files = record.files
    }
}

extension ReleaseFile: Content {}
