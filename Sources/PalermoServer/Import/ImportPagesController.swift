import Foundation
import PalermoCore
import PalermoIO
import PalermoStore
import Vapor

/// `/cases/import`: a supervisor uploads a file, reads the preview, and confirms.
struct ImportPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("cases", "import", use: page)
        routes.post("cases", "import", "confirm", use: confirm)
    }

    /// The upload route, registered apart: its gate checks the role before the body is read, and its body
    /// may be as large as an import.
    static func bootUpload(_ routes: any RoutesBuilder) {
        routes.on(.POST, "cases", "import", "preview", body: .stream, use: ImportPagesController().preview)
    }

    func page(_ req: Request) async throws -> Response {
        let principal = try req.signedIn()
        try await req.store.cases.requireBulkAccess(principal)
        let w = req.localizer
        let done = ["created", "updated", "unchanged"].map {
            (try? req.queryInt($0, in: 0...10_000_000, default: -1)) ?? -1
        }
        let notice =
            done.allSatisfy { $0 >= 0 }
            ? w(
                "import.done", ["new": w.number(done[0]), "updated": w.number(done[1]), "unchanged": w.number(done[2])])
            : nil
        let view = ImportPage(w, csrf: CSRF.token(for: req), notice: notice)
        return req.page(title: view.title, view.view)
    }

    struct Upload: Content {
        let file: File
    }

    func preview(_ req: Request) async throws -> Response {
        let principal = try req.signedIn()
        let upload: Upload
        do {
            upload = try req.content.decode(Upload.self)
        } catch {
            throw ValidationFailure([.init(field: "file", message: "choose a CSV or XLSX file to upload")])
        }
        let data = Data(buffer: upload.file.data)
        guard !data.isEmpty else {
            throw ValidationFailure([.init(field: "file", message: "the file is empty")])
        }
        let filename = String(upload.file.filename.suffix(120))
        let w = req.localizer
        let plan: ImportPlan
        do {
            plan = try await Self.plan(data, req: req, principal: principal)
        } catch let failure as ValidationFailure {
            var refused = ImportPlan()
            refused.issues = failure.issues
            let view = ImportPage(w, csrf: CSRF.token(for: req), preview: (refused, filename, nil))
            return req.page(title: view.title, status: .unprocessableEntity, view.view)
        }
        let token =
            plan.issues.isEmpty
            ? req.application.palermo.pendingImports.keep(data, filename: filename, for: principal.userID) : nil
        let view = ImportPage(w, csrf: CSRF.token(for: req), preview: (plan, filename, token))
        return req.page(title: view.title, status: plan.issues.isEmpty ? .ok : .unprocessableEntity, view.view)
    }

    func confirm(_ req: Request) async throws -> Response {
        let principal = try req.signedIn()
        try await req.store.cases.requireBulkAccess(principal)
        let token = try PostedForm.fields(req)["token"] ?? ""
        guard let upload = req.application.palermo.pendingImports.take(token, for: principal.userID) else {
            throw ValidationFailure([
                .init(field: "file", message: "the preview has expired or was already imported; upload the file again")
            ])
        }
        let rows = try await Self.rows(upload.data, req: req)
        let organisation = try await req.organisation(of: principal)
        let plan = try await req.store.cases.importAll(
            rows, organisationCountry: organisation.country, by: principal,
            source: "browser upload \(upload.filename)")
        return req.redirect(
            to: "/cases/import?created=\(plan.created)&updated=\(plan.updated)&unchanged=\(plan.unchanged)")
    }

    static func rows(_ data: Data, req: Request) async throws -> [ImportRow] {
        try await req.application.palermo.heavy.run {
            try HTCDSSheet.rows(from: SheetFormat(sniffing: data).read(data))
        }
    }

    static func plan(_ data: Data, req: Request, principal: Principal) async throws -> ImportPlan {
        let rows = try await rows(data, req: req)
        let organisation = try await req.organisation(of: principal)
        return try await req.store.cases.plan(rows, by: principal, organisationCountry: organisation.country)
    }
}

/// Refuses an upload from anyone who may not import, before a byte of the file is read.
struct BulkImportGate: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let principal = try request.signedIn()
        try await request.store.cases.requireBulkAccess(principal)
        return try await next.respond(to: request)
    }
}
