import Foundation
import PalermoCore
import PalermoIO
import PalermoStore
import Vapor

/// `/api/v1/cases`: case records of the caller's organisation.
struct CaseAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let cases = routes.grouped("cases")
        cases.get(use: list)
        cases.post(use: create)
        cases.get("export", use: export)
        cases.on(.POST, "import", body: .stream, use: importFile)
        cases.get(":id", use: read)
        cases.patch(":id", use: update)
        cases.get(":id", "history", use: history)
    }

    func list(_ req: Request) async throws -> CasePage {
        let principal = try req.requirePrincipal()
        return try await req.store.cases.list(Self.query(from: req), by: principal)
    }

    func create(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let input = try req.content.decode(CaseInput.self)
        let organisation = try await req.organisation(of: principal)
        let record = try await req.store.cases.create(input.fields, organisationCountry: organisation.country, by: principal)
        let response = try await record.encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/cases/\(record.id)")
        return response
    }

    func read(_ req: Request) async throws -> CaseRecord {
        try await req.store.cases.read(req.caseID(), by: req.requirePrincipal())
    }

    func update(_ req: Request) async throws -> CaseRecord {
        let principal = try req.requirePrincipal()
        let id = try req.caseID()
        let input = try req.content.decode(CaseInput.self)
        return try await req.store.cases.update(id, changes: input.fields, expectedVersion: input.version, by: principal)
    }

    func history(_ req: Request) async throws -> [HistoryEntry] {
        let principal = try req.requirePrincipal()
        let id = try req.caseID()
        _ = try await req.store.cases.read(id, by: principal) // access check, and the look is itself audited
        return try await req.store.audit.entries(forCase: id).map(HistoryEntry.init)
    }

    func export(_ req: Request) async throws -> Response {
        let format = SheetFormat(rawValue: (try? req.query.get(String.self, at: "format")) ?? "csv") ?? .csv
        let records = try await req.store.cases.exportAll(by: req.requirePrincipal(), format: format.rawValue)
        return Response.download(try format.write(HTCDSSheet.table(for: records)), contentType: format.contentType,
                                 filename: "palermo-cases.\(format.rawValue)")
    }

    struct ImportResult: Content {
        let imported: Int
        let caseCodes: [String]
    }

    /// The role is checked before a byte of the body is read: a caseworker's or analyst's upload is refused
    /// unread. Then the body is collected up to the import limit, and parsed on the bounded work pool.
    func importFile(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        try await req.store.cases.requireBulkAccess(principal)
        let limit = req.application.palermo.config.maxImportBytes
        let body = try await req.body.collect(max: limit).get() ?? ByteBuffer()
        guard body.readableBytes > 0 else {
            throw Abort(.badRequest, reason: "send the CSV or XLSX file as the request body")
        }
        let data = Data(buffer: body)
        let requested = req.queryText("format")
        guard let format = requested.map({ SheetFormat(rawValue: $0) }) ?? SheetFormat(sniffing: data) else {
            throw ValidationFailure([.init(field: "format", message: "must be csv or xlsx")])
        }
        let rows = try await req.application.palermo.heavy.run(on: req.application.threadPool) {
            try HTCDSSheet.rows(from: format.read(data))
        }
        let organisation = try await req.organisation(of: principal)
        let records = try await req.store.cases.importAll(rows, organisationCountry: organisation.country, by: principal,
                                                          source: "\(format.rawValue) upload")
        return try await ImportResult(imported: records.count, caseCodes: records.map(\.caseCode))
            .encodeResponse(status: .created, for: req)
    }

    /// The list's filters. Paging is bounded so that the offset (page − 1) × perPage cannot overflow.
    static func query(from req: Request) throws -> CaseQuery {
        CaseQuery(text: req.queryText("q"), status: req.queryText("status"),
                  traffickingStatus: req.queryText("traffickingStatus"), exploitation: req.queryText("exploitation"),
                  citizenship: req.queryText("citizenship"), gender: req.queryText("gender"),
                  ageGroup: req.queryText("ageGroup"), page: try req.queryInt("page", in: 1...1_000_000, default: 1),
                  perPage: try req.queryInt("perPage", in: 1...500, default: 25))
    }
}
