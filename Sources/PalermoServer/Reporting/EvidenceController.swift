import Foundation
import PalermoCore
import PalermoStore
import Vapor

/// Evidence documents of a State's report: uploaded by the focal point (in the browser and by API), listed and
/// downloaded by everyone signed in, removed while the round is open.
struct EvidenceController {
    static let maxUpload = EvidenceFile.maxBytes + 64 * 1024

    struct Upload: Content {
        let file: File
    }

    /// The upload routes: the role is checked (by `FocalPointGate`) before the body is read.
    static func bootPageUpload(_ routes: any RoutesBuilder) {
        routes.on(.POST, "rounds", ":round", "evidence", body: .stream, use: EvidenceController().pageUpload)
    }

    static func bootAPI(_ routes: any RoutesBuilder) {
        let controller = EvidenceController()
        routes.get("rounds", ":round", "evidence", use: controller.list)
        routes.get("rounds", ":round", "evidence", ":evidence", use: controller.apiDownload)
        routes.delete("rounds", ":round", "evidence", ":evidence", use: controller.apiRemove)
        routes.grouped(FocalPointGate()).on(
            .POST, "rounds", ":round", "evidence", body: .stream, use: controller.apiUpload)
    }

    static func bootPages(_ routes: any RoutesBuilder) {
        let controller = EvidenceController()
        routes.get("rounds", ":round", "evidence", ":evidence", use: controller.pageDownload)
        routes.post("rounds", ":round", "evidence", ":evidence", "remove", use: controller.pageRemove)
    }

    /// The uploaded file, or a refusal naming the field `file`.
    static func file(_ req: Request) async throws -> (Data, String) {
        _ = try await req.body.collect(max: maxUpload).get()
        guard let upload = try? req.content.decode(Upload.self) else {
            throw ValidationFailure([.init(field: "file", message: "choose a file to upload", code: "required")])
        }
        return (Data(buffer: upload.file.data), upload.file.filename)
    }

    func pageUpload(_ req: Request) async throws -> Response {
        let principal = try req.signedIn()
        let id = try req.uuid("round")
        do {
            let (data, name) = try await Self.file(req)
            _ = try await req.store.reportingRounds.attach(data, filename: name, to: id, by: principal)
            return req.redirect(to: "/rounds/\(id)/report")
        } catch let failure as ValidationFailure {
            let w = req.localizer
            return try await RoundsPagesController.reportPage(
                req, typed: nil, problems: failure.issues.map { ValidationText(w).describe($0) })
        }
    }

    func apiUpload(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let id = try req.uuid("round")
        let (data, name) = try await Self.file(req)
        let record = try await req.store.reportingRounds.attach(data, filename: name, to: id, by: principal)
        return try await EvidenceDTO(record).encodeResponse(status: .created, for: req)
    }

    func list(_ req: Request) async throws -> [EvidenceDTO] {
        _ = try req.requirePrincipal()
        let round = try await req.store.reportingRounds.round(req.uuid("round"))
        return try await req.store.reportingRounds.evidence(of: round.id).map(EvidenceDTO.init)
    }

    func download(_ req: Request, _ principal: Principal) async throws -> Response {
        let (record, data) = try await req.store.reportingRounds.document(
            req.uuid("evidence"), in: req.uuid("round"), by: principal)
        return Response.download(data, contentType: record.mediaType, filename: record.filename)
    }

    func apiDownload(_ req: Request) async throws -> Response { try await download(req, req.requirePrincipal()) }

    func pageDownload(_ req: Request) async throws -> Response { try await download(req, req.signedIn()) }

    func apiRemove(_ req: Request) async throws -> HTTPStatus {
        let principal = try ReportingAPIController.focalPoint(req)
        try await req.store.reportingRounds.remove(req.uuid("evidence"), in: req.uuid("round"), by: principal)
        return .noContent
    }

    func pageRemove(_ req: Request) async throws -> Response {
        let principal = try ReportingAPIController.focalPoint(req)
        let round = try req.uuid("round")
        try await req.store.reportingRounds.remove(req.uuid("evidence"), in: round, by: principal)
        return req.redirect(to: "/rounds/\(round)/report")
    }
}

/// Lets only a national coordinator (a State's focal point) through, before the request's body is read.
struct FocalPointGate: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let principal = request.principal else { throw Abort(.unauthorized) }
        guard principal.role == .nationalCoordinator else {
            throw Abort(.forbidden, reason: "a State's report is filed by its national coordinator")
        }
        return try await next.respond(to: request)
    }
}

struct EvidenceDTO: Content {
    let id: UUID
    let round: UUID
    let country: String
    let filename: String
    let mediaType: String
    let bytes: Int
    let sha256: String
    let createdAt: Date?

    init(_ record: EvidenceRecord) {
        id = record.id
        round = record.roundID
        country = record.country
        filename = record.filename
        mediaType = record.mediaType
        bytes = record.bytes
        sha256 = record.sha256
        createdAt = record.createdAt
    }
}
