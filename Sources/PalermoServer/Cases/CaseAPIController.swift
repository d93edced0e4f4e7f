import Crypto
import FluentKit
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

    func list(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        return CasePageJSON.response(
            try await req.store.cases.list(Self.query(from: req, principal: principal), by: principal))
    }

    func create(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let input = try req.content.decode(CaseInput.self)
        let organisation = try await req.organisation(of: principal)
        let duplicates = try await req.store.cases.possibleDuplicates(of: input.fields, by: principal)
        let record = try await req.store.cases.create(
            input.fields, organisationCountry: organisation.country, by: principal)
        let response = try await CreatedCase(record: record, possibleDuplicates: duplicates)
            .encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/cases/\(record.id)")
        return response
    }

    func read(_ req: Request) async throws -> CaseRecord {
        try await req.store.cases.read(req.caseID(), by: req.requirePrincipal())
    }

    /// A caseworker's trafficking-status decision or closure is not applied but waits for a supervisor:
    /// `Palermo-Approval-Requested` then names what waits (see `/cases/{id}/approvals`).
    func update(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let id = try req.caseID()
        let input = try req.content.decode(CaseInput.self)
        let record = try await req.store.cases.update(
            id, changes: input.fields, expectedVersion: input.version, by: principal)
        let response = try await record.encodeResponse(for: req)
        let waiting = try await req.store.approvals.waiting(caseID: id, by: principal)
        if !waiting.isEmpty {
            response.headers.replaceOrAdd(
                name: "Palermo-Approval-Requested", value: waiting.map(\.kind.rawValue).joined(separator: ", "))
        }
        return response
    }

    func history(_ req: Request) async throws -> [HistoryEntry] {
        let principal = try req.requirePrincipal()
        let id = try req.caseID()
        _ = try await req.store.cases.read(id, by: principal)  // access check, and the look is itself audited
        return try await req.store.audit.history(ofCase: id).map(HistoryEntry.init)
    }

    func export(_ req: Request) async throws -> Response {
        let format = SheetFormat(rawValue: (try? req.query.get(String.self, at: "format")) ?? "csv") ?? .csv
        return try await Self.export(req, by: req.requirePrincipal(), as: format)
    }

    /// The cases the list's filters select, as a file in the template's layout (the API's and the page's).
    static func export(_ req: Request, by principal: Principal, as format: SheetFormat) async throws -> Response {
        let records = try await req.store.cases.exportAll(
            by: principal, format: format.rawValue, matching: query(from: req, principal: principal))
        return Response.download(
            try format.write(HTCDSSheet.table(for: records)), contentType: format.contentType,
            filename: "palermo-cases.\(format.rawValue)")
    }

    /// What an import did: new cases (with their codes), cases updated and left as they were, and rows that
    /// may be about a person who already has a case.
    struct ImportResult: Content {
        let imported: Int
        let updated: Int
        let unchanged: Int
        let caseCodes: [String]
        let possibleDuplicates: [ImportPlan.Duplicate]

        init(_ plan: ImportPlan) {
            imported = plan.created
            updated = plan.updated
            unchanged = plan.unchanged
            caseCodes = plan.caseCodes
            possibleDuplicates = plan.duplicates
        }

        init(replaying codes: [String]) {
            imported = codes.count
            updated = 0
            unchanged = 0
            caseCodes = codes
            possibleDuplicates = []
        }
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
        let receipt = try ImportReceipt(
            userID: principal.userID, key: Self.idempotencyKey(req),
            digest: SHA256.hash(data: data).hexString)
        if let earlier = try await Self.earlierImport(receipt, req) { return earlier }
        let requested = req.queryText("format")
        guard let format = requested.map({ SheetFormat(rawValue: $0) }) ?? SheetFormat(sniffing: data) else {
            throw ValidationFailure([.init(field: "format", message: "must be csv or xlsx")])
        }
        let rows = try await req.application.palermo.heavy.run {
            try HTCDSSheet.rows(from: format.read(data))
        }
        let organisation = try await req.organisation(of: principal)
        do {
            let plan = try await req.store.cases.importAll(
                rows, organisationCountry: organisation.country, by: principal,
                source: "\(format.rawValue) upload", receipt: receipt)
            return try await ImportResult(plan).encodeResponse(status: plan.created > 0 ? .created : .ok, for: req)
        } catch {
            // The same key raced in from a parallel retry, whose import won: its result is the answer.
            if receipt.key != nil, (error as? any DatabaseError)?.isConstraintFailure == true,
                let earlier = try await Self.earlierImport(receipt, req)
            {
                return earlier
            }
            throw error
        }
    }

    /// `Idempotency-Key`: at most 200 printable characters.
    static func idempotencyKey(_ req: Request) throws -> String? {
        guard let key = req.headers.first(name: "Idempotency-Key") else { return nil }
        guard (1...200).contains(key.utf8.count), key.unicodeScalars.allSatisfy({ (33...126).contains($0.value) })
        else {
            throw ValidationFailure([
                .init(field: "Idempotency-Key", message: "must be 1 to 200 printable ASCII characters")
            ])
        }
        return key
    }

    /// The result of the import this upload repeats, answered again (with `Idempotent-Replayed: true`).
    static func earlierImport(_ receipt: ImportReceipt, _ req: Request) async throws -> Response? {
        switch try await receipt.find(in: req.store) {
        case .none:
            return nil
        case .keyReused:
            throw Abort(
                .conflict, reason: "this Idempotency-Key was used for another file; use a new key for a new file")
        case .done(let codes):
            let response = try await ImportResult(replaying: codes).encodeResponse(
                status: .created, for: req)
            response.headers.replaceOrAdd(name: "Idempotent-Replayed", value: "true")
            return response
        }
    }

    /// The list's filters. Paging is bounded so that the offset (page − 1) × perPage cannot overflow.
    static func query(from req: Request, principal: Principal) throws -> CaseQuery {
        var issues: [ValidationIssue] = []
        let owner: OwnerFilter? =
            switch req.queryText("owner") {
            case nil: nil
            case "me"?: .user(principal.userID)
            case "unassigned"?: .unassigned
            case let text?:
                UUID(uuidString: text).map(OwnerFilter.user)
                    ?? {
                        issues.append(.init(field: "owner", message: "must be me, unassigned or a user's id"))
                        return nil
                    }()
            }
        let sort = req.queryText("sort").map { text in
            CaseQuery.Sort(rawValue: text)
                ?? {
                    issues.append(
                        .init(
                            field: "sort",
                            message: "must be one of " + CaseQuery.Sort.allCases.map(\.rawValue).joined(separator: ", ")
                        ))
                    return .updated
                }()
        }
        let direction = req.queryText("dir")
        if let direction, !["asc", "desc"].contains(direction) {
            issues.append(.init(field: "dir", message: "must be asc or desc"))
        }
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        // Newest change first by default; other columns read from the start unless asked otherwise.
        let sorting = sort ?? .updated
        let descending = direction.map { $0 == "desc" } ?? (sorting == .updated)
        return CaseQuery(
            text: req.queryText("q"), status: req.queryText("status"),
            traffickingStatus: req.queryText("traffickingStatus"), exploitation: req.queryText("exploitation"),
            citizenship: req.queryText("citizenship"), gender: req.queryText("gender"),
            ageGroup: req.queryText("ageGroup"), page: try req.queryInt("page", in: 1...1_000_000, default: 1),
            perPage: try req.queryInt("perPage", in: 1...500, default: 25), owner: owner, sort: sorting,
            descending: descending)
    }
}
