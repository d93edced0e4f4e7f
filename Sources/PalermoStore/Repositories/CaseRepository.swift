import FluentKit
import Foundation
import PalermoCore
import SQLKit

/// Case records as one organisation's staff see them. Every method takes the acting principal: it decides
/// what is visible (own organisation only), and every access, granted or not, is written to the audit log
/// in the same transaction as the change it records.
public struct CaseRepository: Sendable {
    let store: Store

    private var isPostgres: Bool { store.isPostgres }

    // MARK: Reading

    public func read(_ id: UUID, by principal: Principal) async throws -> CaseRecord {
        try await requireCaseAccess(principal, caseID: id)
        guard let record = try await readRow(id, of: principal) else {
            try await store.audit.record([
                AuditDraft(
                    actor: principal, action: .denied, caseID: id,
                    detail: "read: no such case in the user's organisation")
            ])
            throw StoreError.notFound
        }
        try await store.audit.record([
            AuditDraft(actor: principal, action: .read, caseID: id, fields: record.fields.keys.sorted())
        ])
        return record
    }

    /// A page of the organisation's cases. The list shows the organisation's own staff the person's name and
    /// age: the 25 or so records are opened, and the look is one audit entry naming the cases shown.
    public func list(_ query: CaseQuery, by principal: Principal) async throws -> CasePage {
        try await requireCaseAccess(principal, caseID: nil)
        let sql = try store.sql
        struct Count: Decodable { let n: Int }
        let counting = sql.select().column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("n")))
            .from(CaseModel.schema)
        let total = try await filter(counting, query, principal).first(decoding: Count.self)?.n ?? 0
        let paging = sql.select()
            .columns(
                "id", "case_code", "status", "trafficking_status", "gender", "age_group", "citizenship", "exploitation",
                "updated_at", "owner_id", "sealed", "identified_on"
            )
            .column(SQLAlias(UserNames.ofOwner, as: SQLIdentifier("owner_name")))
            .from(CaseModel.schema)
        let direction: SQLDirection = query.descending ? .descending : .ascending
        let rows = try await filter(paging, query, principal)
            .orderBy(Self.sortColumn(query.sort), direction).orderBy("case_code")
            .limit(query.perPage).offset((query.page - 1) * query.perPage)
            .all().map(ListRow.init)
        let today = ListedPerson.Day(CaseTasks.today())
        let items = try rows.map { row in
            var item = row.item
            let personal = try store.cipher.open(ListedPerson.Sealed.self, from: row.sealed, caseID: row.id)
            item.name = ListedPerson.name(personal)
            item.age = ListedPerson.age(personal, identifiedOn: row.identified_on, today: today)
            return item
        }
        if !items.isEmpty {
            try await store.audit.record([
                AuditDraft(
                    actor: principal, action: .read, fields: ListedPerson.fields,
                    detail: "case list: " + items.map(\.caseCode).joined(separator: " "))
            ])
        }
        return CasePage(items: items, total: total, page: query.page, perPage: query.perPage)
    }

    /// Cases that are not closed.
    @discardableResult
    static func onlyOpen(_ select: SQLSelectBuilder) -> SQLSelectBuilder {
        select.where { either in
            either.where(SQLIdentifier("status"), .is, SQLLiteral.null)
                .orWhere(SQLIdentifier("status"), .notIn, SQLBind.group(Array(CaseRules.closedStatuses)))
        }
    }

    static func sortColumn(_ sort: CaseQuery.Sort) -> String {
        switch sort {
        case .updated: "updated_at"
        case .code: "case_code"
        case .status: "status"
        case .owner: "owner_id"
        case .identified: "identified_on"
        }
    }

    /// A row of the list query, read column by column: a keyed `Decodable` row decoder costs more per page
    /// than opening the 25 sealed records.
    private struct ListRow {
        let id: UUID
        let case_code, exploitation, sealed: String
        let status, trafficking_status, gender, age_group, citizenship, identified_on: String?
        let updated_at: Date?
        let owner_id: UUID?
        let owner_name: String?

        init(_ row: any SQLRow) throws {
            func text(_ column: String) throws -> String? {
                try row.decodeNil(column: column) ? nil : row.decode(column: column, as: String.self)
            }
            id = try row.decode(column: "id", as: UUID.self)
            case_code = try row.decode(column: "case_code", as: String.self)
            exploitation = try row.decode(column: "exploitation", as: String.self)
            sealed = try row.decode(column: "sealed", as: String.self)
            status = try text("status")
            trafficking_status = try text("trafficking_status")
            gender = try text("gender")
            age_group = try text("age_group")
            citizenship = try text("citizenship")
            identified_on = try text("identified_on")
            updated_at = try row.decodeNil(column: "updated_at") ? nil : row.decode(column: "updated_at", as: Date.self)
            owner_id = try row.decodeNil(column: "owner_id") ? nil : row.decode(column: "owner_id", as: UUID.self)
            owner_name = try text("owner_name")
        }

        var item: CaseListItem {
            var item = CaseListItem(
                id: id, caseCode: case_code, status: status, traffickingStatus: trafficking_status, gender: gender,
                ageGroup: age_group, citizenship: citizenship,
                exploitation: exploitation.split(separator: ";").map(String.init),
                updatedAt: updated_at)
            item.ownerID = owner_id
            item.ownerName = owner_name
            item.identifiedOn = identified_on
            return item
        }
    }

    /// The list's search and filters, on the count and on the page alike.
    private func filter(_ select: SQLSelectBuilder, _ query: CaseQuery, _ principal: Principal) -> SQLSelectBuilder {
        select.where("organisation_id", .equal, principal.organisationID)
        if let text = query.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            let words = text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
            let cipher = store.cipher
            if text.contains("-") {
                select.where("case_code", .like, "%\(text.uppercased())%")  // a case code: KEN-26-…
            } else if words.count != 1 {
                // Every word of a name (or its first three letters or more).
                for word in words { select.where("search_tokens", .like, "% \(cipher.token(word)) %") }
            } else {
                // One word: part of a case code, or a whole name, in any letter case.
                select.where { either in
                    either.where("case_code", .like, "%\(text.uppercased())%")
                        .orWhere("search_tokens", .like, "% \(cipher.token(words[0])) %")
                }
            }
        }
        let equal: [(String, String?)] = [
            ("status", query.status), ("trafficking_status", query.traffickingStatus),
            ("citizenship", query.citizenship?.uppercased()), ("gender", query.gender),
            ("age_group", query.ageGroup),
        ]
        for case let (column, value?) in equal { select.where(SQLIdentifier(column), .equal, SQLBind(value)) }
        if let value = query.exploitation { select.where("exploitation", .like, "%;\(value);%") }
        if query.openOnly { Self.onlyOpen(select) }
        switch query.owner {
        case .none: break
        case .unassigned: select.where(SQLIdentifier("owner_id"), .is, SQLLiteral.null)
        case .user(let id):
            select.where { either in
                either.where("owner_id", .equal, id).orWhere("assignees", .like, "% \(id.uuidString) %")
            }
        }
        return select
    }

    // MARK: Writing

    public func create(
        _ input: [String: FieldValue?], organisationCountry: String, by principal: Principal
    ) async throws -> CaseRecord {
        try await requireCaseAccess(principal, caseID: nil)
        let complete = try Self.validated(input, row: nil).compactMapValues { $0 }
        try await rules(of: principal).enforce(complete, row: nil)
        // A caseworker's trafficking-status decision or closure waits for a supervisor.
        let (fields, proposals) =
            principal.role.assignsCases ? (complete, []) : ApprovalKind.split(before: [:], after: complete)
        let model = try makeModel(fields: fields, country: organisationCountry, by: principal)
        model.ownerID = principal.userID
        let isPostgres = self.isPostgres, store = self.store
        try await store.write { db in
            try await Self.assignUniqueCodes([model], country: organisationCountry, on: db)
            try await model.create(on: db)
            try await AuditLog.append(
                [AuditDraft(actor: principal, action: .create, caseID: model.id, fields: fields.keys.sorted())],
                on: db, isPostgres: isPostgres, keys: store.cipher.keys)
            try await CaseApprovals.request(proposals, caseID: model.requireID(), by: principal, on: db, store: store)
        }
        return try decode(model)
    }

    /// Applies changes to some fields; a nil value clears a field. With `expectedVersion`, refuses to
    /// overwrite a change made meanwhile by someone else.
    public func update(
        _ id: UUID, changes: [String: FieldValue?], expectedVersion: Int?, by principal: Principal
    ) async throws -> CaseRecord {
        try await requireCaseAccess(principal, caseID: id)
        let clean = try Self.validated(changes, row: nil, keepClears: true)
        let rules = try await rules(of: principal)
        let store = self.store, isPostgres = self.isPostgres
        let result: CaseModel? = try await store.write { db in
            guard let model = try await ownCase(id, of: principal, on: db) else { return nil }
            if let expectedVersion, expectedVersion != model.version {
                throw StoreError.conflict(current: model.version)
            }
            let before = try decode(model).fields
            var proposed = before
            for (name, value) in clean { proposed[name] = value ?? nil }
            if proposed != before { try rules.enforce(proposed, row: nil) }
            // A caseworker's trafficking-status decision or closure waits for a supervisor.
            let (after, proposals) =
                principal.role.assignsCases ? (proposed, []) : ApprovalKind.split(before: before, after: proposed)
            try await CaseApprovals.request(proposals, caseID: id, by: principal, on: db, store: store)
            let changed = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
            guard !changed.isEmpty else {
                // Nothing changed, but the whole record goes back to the caller: that is a read, and is audited.
                try await AuditLog.append(
                    [
                        AuditDraft(
                            actor: principal, action: .read, caseID: id, fields: before.keys.sorted(),
                            detail: "update without changes")
                    ], on: db, isPostgres: isPostgres, keys: store.cipher.keys)
                return model
            }
            try apply(fields: after, to: model, country: String(model.caseCode.prefix(3)), by: principal)
            model.version += 1
            try await model.update(on: db)
            try await AuditLog.append(
                [
                    AuditDraft(
                        actor: principal, action: .update, caseID: id, fields: changed,
                        detail: FieldChanges(before: before, after: after, names: changed).detail)
                ], on: db, isPostgres: isPostgres, keys: store.cipher.keys)
            return model
        }
        guard let result else {
            try await store.audit.record([
                AuditDraft(
                    actor: principal, action: .denied, caseID: id,
                    detail: "update: no such case in the user's organisation")
            ])
            throw StoreError.notFound
        }
        return try decode(result)
    }

    /// The organisation's cases that match the list's filters (all of them without a query), decrypted, with
    /// one export entry per case in the audit log.
    public func exportAll(
        by principal: Principal, format: String, matching query: CaseQuery? = nil
    ) async throws
        -> [CaseRecord]
    {
        try await requireBulkAccess(principal)
        let select = try store.sql.select().columns(StoredRow.columns).from(CaseModel.schema)
        let rows = try await filter(select, query ?? CaseQuery(), principal).orderBy("case_code")
            .all(decoding: StoredRow.self)
        let records = try rows.map { try record(from: $0, of: principal) }
        try await store.audit.record(
            records.map {
                AuditDraft(
                    actor: principal, action: .export, caseID: $0.id, fields: $0.fields.keys.sorted(), detail: format)
            })
        return records
    }

    // MARK: Pieces

    static func validated(
        _ input: [String: FieldValue?], row: Int?, keepClears: Bool = false
    ) throws -> [String: FieldValue?] {
        switch CaseValidator().validate(input, row: row) {
        case .success(let clean): return keepClears ? clean : clean.filter { $0.value != nil }
        case .failure(let failure): throw failure
        }
    }

    /// Case codes are short so people can read them out; at 31^6 per country and year, a large import would
    /// draw the same code twice now and then. Inside the write transaction, every clash (within the batch or
    /// with a stored case) gets a fresh code; the unique index still guards against a concurrent writer.
    static func assignUniqueCodes(_ models: [CaseModel], country: String, on db: any Database) async throws {
        let sql = try db.sql
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        var pending = models
        var taken = Set<String>()
        while !pending.isEmpty {
            var inBatch: [CaseModel] = []
            for model in pending {
                while !taken.insert(model.caseCode).inserted {
                    model.caseCode = CaseCode.make(country: country, year: year)
                }
                inBatch.append(model)
            }
            var stored = Set<String>()
            for start in stride(from: 0, to: inBatch.count, by: 500) {
                let codes = inBatch[start..<min(start + 500, inBatch.count)].map(\.caseCode)
                stored.formUnion(
                    try await sql.select().column("case_code").from(CaseModel.schema)
                        .where(SQLIdentifier("case_code"), .in, SQLBind.group(codes)).all(
                            decodingColumn: "case_code", as: String.self))
            }
            pending = inBatch.filter { stored.contains($0.caseCode) }
            for model in pending { model.caseCode = CaseCode.make(country: country, year: year) }
        }
    }

    func makeModel(fields: [String: FieldValue?], country: String, by principal: Principal) throws -> CaseModel {
        let model = CaseModel()
        model.id = UUID()
        model.organisationID = principal.organisationID
        model.caseCode = CaseCode.make(
            country: country, year: Calendar(identifier: .gregorian).component(.year, from: Date()))
        model.version = 1
        model.createdBy = principal.userID
        try apply(fields: fields.compactMapValues { $0 }, to: model, country: country, by: principal)
        return model
    }

    func apply(fields: CaseFields, to model: CaseModel, country: String, by principal: Principal) throws {
        let facets = CaseFacets(fields: fields, recordedAt: model.createdAt ?? Date())
        model.record = String(decoding: try JSONEncoder.sorted.encode(fields.withoutPersonalFields), as: UTF8.self)
        model.sealed = try store.cipher.seal(fields.personalFields, caseID: try model.requireID())
        model.searchTokens = " " + store.cipher.searchTokens(for: fields).joined(separator: " ") + " "
        model.linkageKey = store.cipher.linkageKey(for: fields)
        model.status = facets.status
        model.traffickingStatus = facets.traffickingStatus
        model.gender = facets.gender
        model.citizenship = facets.citizenship
        model.ageGroup = facets.ageGroup?.rawValue
        model.exploitation = ";" + facets.exploitationTypes.joined(separator: ";") + ";"
        model.countryOfExploitation = facets.countryOfExploitation
        model.identifiedOn = facets.identifiedOn
        model.updatedBy = principal.userID
    }

    func decode(_ model: CaseModel) throws -> CaseRecord {
        var fields = try CaseFields(storedJSON: Data(model.record.utf8))
        let id = try model.requireID()
        fields.merge(try store.cipher.open(model.sealed, caseID: id)) { _, personal in personal }
        return CaseRecord(
            id: id, caseCode: model.caseCode, organisationID: model.organisationID, fields: fields,
            version: model.version, createdAt: model.createdAt, updatedAt: model.updatedAt, ownerID: model.ownerID,
            assignees: Assignees.parse(model.assignees))
    }

    /// The hottest path of the API: only the columns a record needs, without building a Fluent model.
    private func readRow(_ id: UUID, of principal: Principal) async throws -> CaseRecord? {
        let row = try await store.sql.select().columns(StoredRow.columns).from(CaseModel.schema)
            .where("id", .equal, id).where("organisation_id", .equal, principal.organisationID)
            .first(decoding: StoredRow.self)
        return try row.map { try record(from: $0, of: principal) }
    }

    /// The columns a whole record needs, read without building a Fluent model.
    private struct StoredRow: Decodable {
        static let columns: [any SQLExpression] = [
            "id", "case_code", "record", "sealed", "version", "created_at", "updated_at", "owner_id", "assignees",
        ].map { SQLIdentifier($0) }

        let id: UUID
        let case_code, record, sealed: String
        let version: Int
        let created_at, updated_at: Date?
        let owner_id: UUID?
        let assignees: String?
    }

    /// A case of any organisation, opened, for a read the caller has already allowed (the receiver of a
    /// referral reading what the consent shares) and audits.
    func opened(_ id: UUID) async throws -> (caseCode: String, fields: CaseFields)? {
        let row = try await store.sql.select().columns(StoredRow.columns).from(CaseModel.schema)
            .where("id", .equal, id).first(decoding: StoredRow.self)
        return try row.map { ($0.case_code, try fields(of: $0)) }
    }

    /// The fields in the clear merged with the sealed personal ones.
    private func fields(of row: StoredRow) throws -> CaseFields {
        var fields = try CaseFields(storedJSON: Data(row.record.utf8))
        fields.merge(try store.cipher.open(row.sealed, caseID: row.id)) { _, personal in personal }
        return fields
    }

    /// A stored row opened.
    private func record(from row: StoredRow, of principal: Principal) throws -> CaseRecord {
        let fields = try fields(of: row)
        return CaseRecord(
            id: row.id, caseCode: row.case_code, organisationID: principal.organisationID, fields: fields,
            version: row.version, createdAt: row.created_at, updatedAt: row.updated_at, ownerID: row.owner_id,
            assignees: Assignees.parse(row.assignees))
    }

    /// The organisation's own minimum core and the rules every case follows.
    func rules(of principal: Principal) async throws -> CaseRules {
        struct Row: Decodable { let case_core: String? }
        let row = try await store.sql.select().column("case_core").from(OrganisationModel.schema)
            .where("id", .equal, principal.organisationID).first(decoding: Row.self)
        return CaseRules(core: CaseCore(stored: row?.case_core))
    }

    func ownCase(_ id: UUID, of principal: Principal, on db: any Database) async throws -> CaseModel? {
        try await CaseModel.query(on: db).filter(\.$id == id).filter(\.$organisationID == principal.organisationID)
            .first()
    }

    public func requireCaseAccess(_ principal: Principal, caseID: UUID?) async throws {
        guard principal.role.handlesCases else {
            try await store.audit.record([
                AuditDraft(
                    actor: principal, action: .denied, caseID: caseID,
                    detail: "role \(principal.role.rawValue) has no access to case records")
            ])
            throw StoreError.forbidden(
                "the \(principal.role.rawValue) role sees aggregate statistics only, not case records")
        }
    }

    public func requireBulkAccess(_ principal: Principal) async throws {
        guard principal.role.movesCasesInBulk else {
            try await store.audit.record([
                AuditDraft(
                    actor: principal, action: .denied,
                    detail: "role \(principal.role.rawValue) may not import or export cases")
            ])
            throw StoreError.forbidden("importing and exporting cases needs the supervisor or organisation admin role")
        }
    }
}

extension JSONEncoder {
    /// Stable output, so equal records are equal bytes.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
