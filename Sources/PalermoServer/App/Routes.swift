import Foundation
import Vapor

func routes(_ app: Application) throws {
    app.get("health", use: health)
    app.get("metrics", use: metrics)
    app.get("openapi.yaml") { _ in
        Response(status: .ok, headers: ["Content-Type": "application/yaml"], body: .init(string: Resources.openAPI))
    }
    app.get("static", "app.css") { _ in
        Response(
            status: .ok, headers: ["Content-Type": "text/css", "Cache-Control": "max-age=3600"],
            body: .init(string: Resources.stylesheet))
    }
    app.get("static", "app.js") { _ in
        Response(
            status: .ok, headers: ["Content-Type": "text/javascript", "Cache-Control": "max-age=3600"],
            body: .init(string: Resources.script))
    }

    let api = app.grouped("api", "v1").grouped(BodyLimitMiddleware(), BearerTokenMiddleware())
    try api.register(collection: AuthAPIController())
    try api.register(collection: CaseAPIController())
    try api.register(collection: CaseworkAPIController())
    try api.register(collection: ReferralAPIController())
    try api.register(collection: DirectoryAPIController())
    try api.register(collection: ServiceKindsAPIController())
    try api.register(collection: PlanAPIController())
    try api.register(collection: NationalPlansAPIController())
    try api.register(collection: ReportingAPIController())
    try api.register(collection: PracticesAPIController())
    try api.register(collection: ActorsAPIController())
    EvidenceController.bootAPI(api)
    ContributionsController.bootAPI(api)
    try api.register(collection: ScreeningAPIController())
    try api.register(collection: AdminAPIController())
    try api.register(collection: ReferenceAPIController())
    try api.register(collection: StatisticsAPIController())
    try api.register(collection: PublicationAPIController())

    // Errors of pages become pages inside the session middleware, so that a token an error page hands out
    // (its logout form) is saved with the session like any other page's.
    let web = app.grouped(
        app.sessions.middleware, PalermoErrorMiddleware(environment: app.environment),
        SessionPrincipalMiddleware(), CSRF.Middleware())
    try web.register(collection: SignInPagesController())
    try web.register(collection: HomePagesController())
    try web.register(collection: CasePagesController())
    try web.register(collection: CaseworkPagesController())
    try web.register(collection: ReferralPagesController())
    try web.register(collection: DirectoryPagesController())
    try web.register(collection: ServiceKindsPagesController())
    try web.register(collection: PlanPagesController())
    try web.register(collection: NationalPlansPagesController())
    try web.register(collection: AppraisalPagesController())
    try web.register(collection: RoundsPagesController())
    try web.register(collection: PracticesPagesController())
    try web.register(collection: ActorsPagesController())
    EvidenceController.bootPages(web)
    try web.register(collection: ContributionsController())
    try web.register(collection: ScreeningPagesController())
    try web.register(collection: StatisticsPagesController())
    try web.register(collection: EstimatePagesController())
    try web.register(collection: PublicationPagesController())
    try web.register(collection: ImportPagesController())
    try web.register(collection: AdminPagesController())

    // A file upload: the role is checked before its body is read, and the body may be as large as an import.
    let uploads = app.grouped(
        app.sessions.middleware, PalermoErrorMiddleware(environment: app.environment),
        SessionPrincipalMiddleware(), BulkImportGate(),
        CSRF.Middleware(maxBody: app.palermo.config.maxImportBytes))
    ImportPagesController.bootUpload(uploads)

    // An evidence document for a State's report: only a focal point's body is read, up to 5 MB.
    let evidence = app.grouped(
        app.sessions.middleware, PalermoErrorMiddleware(environment: app.environment),
        SessionPrincipalMiddleware(), FocalPointGate(), CSRF.Middleware(maxBody: EvidenceController.maxUpload))
    EvidenceController.bootPageUpload(evidence)
    ChecklistImportController.boot(evidence)
}

/// Files shipped in the target's resources.
enum Resources {
    static func text(_ name: String, _ ext: String, subdirectory: String? = nil) -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: subdirectory),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { fatalError("resource \(name).\(ext) is missing") }
        return text
    }

    static let openAPI = text("openapi", "yaml")
    static let stylesheet = text("app", "css", subdirectory: "Public")
    static let script = text("app", "js", subdirectory: "Public")
}

/// Refuses request bodies over the limit with 413 before anything reads them: 1 MB for JSON,
/// the configured import limit (20 MB by default) for file imports.
struct BodyLimitMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let path = request.url.path
        let limit =
            path.hasSuffix("/import")
            ? request.application.palermo.config.maxImportBytes
            : path.hasSuffix("/evidence") ? EvidenceController.maxUpload : 1024 * 1024
        let declared = request.headers.first(name: .contentLength).flatMap(Int.init) ?? 0
        if max(declared, request.body.data?.readableBytes ?? 0) > limit {
            throw Abort(.payloadTooLarge, reason: "the request body is larger than \(limit / (1024 * 1024)) MB")
        }
        return try await next.respond(to: request)
    }
}
