import FluentKit
import Foundation
import PalermoCore
import SQLKit

extension CaseRepository {
    /// What importing these rows would do, with every problem and every possible duplicate, writing nothing.
    public func plan(
        _ rows: [ImportRow], by principal: Principal, organisationCountry: String
    ) async throws
        -> ImportPlan
    {
        try await prepare(rows, by: principal, organisationCountry: organisationCountry).plan
    }

    /// Imports rows all-or-nothing: every row is checked first and every problem reported; only a clean file
    /// is written, in one transaction, so an interrupted import leaves no trace. A row with a case code updates
    /// that case (refused if it changed since the export); a row equal to its case changes nothing.
    /// `writing` is called inside the transaction, once checking is over and the first row is about to be written.
    public func importAll(
        _ rows: [ImportRow], organisationCountry: String, by principal: Principal, source: String,
        receipt: ImportReceipt? = nil, writing: (@Sendable () -> Void)? = nil
    ) async throws -> ImportPlan {
        let prepared = try await prepare(rows, by: principal, organisationCountry: organisationCountry)
        guard prepared.plan.issues.isEmpty else { throw ValidationFailure(prepared.plan.issues) }
        let isPostgres = store.isPostgres, store = self.store
        let (created, updates) = (prepared.created, prepared.updates)
        var plan = prepared.plan
        try await store.write { db in
            writing?()
            try await Self.assignUniqueCodes(created, country: organisationCountry, on: db)
            try await Self.insert(created, on: db)
            for update in updates {
                // The version check again, inside the transaction: a save since the plan was made wins.
                let stored = try await CaseModel.query(on: db).filter(\.$id == update.model.id!)
                    .filter(\.$version == update.model.version - 1).count()
                guard stored == 1 else { throw StoreError.conflict(current: update.model.version - 1) }
                try await update.model.update(on: db)
            }
            try await AuditLog.append(
                created.map { AuditDraft(actor: principal, action: .import, caseID: $0.id, detail: source) }
                    + updates.map {
                        AuditDraft(
                            actor: principal, action: .update, caseID: $0.model.id,
                            fields: $0.changes.changes.map(\.field),
                            detail: $0.changes.detail)
                    }, on: db, isPostgres: isPostgres, keys: store.cipher.keys)
            // The receipt commits with the cases: an import that commits after its client went away is found
            // by the retry, which then gets this result instead of importing every case again.
            try await receipt?.save(caseCodes: created.map(\.caseCode), on: db)
        }
        plan.caseCodes = created.map(\.caseCode)
        return plan
    }

    /// New cases as plain SQL inserts: Fluent's `create` reflects over every model's properties, which on a
    /// large import cost more than sealing the cases.
    static func insert(_ models: [CaseModel], on db: any Database) async throws {
        let sql = try db.sql
        let now = Date()
        let columns = [
            "id", "organisation_id", "case_code", "record", "sealed", "search_tokens", "status", "trafficking_status",
            "gender", "citizenship", "age_group", "exploitation", "country_of_exploitation", "identified_on",
            "linkage_key", "owner_id", "assignees", "version", "created_by", "updated_by", "created_at", "updated_at",
        ]
        for chunk in models.chunked(200) {
            let rows: [[any SQLExpression]] = try chunk.map { model in
                [
                    SQLBind(try model.requireID()), SQLBind(model.organisationID), SQLBind(model.caseCode),
                    SQLBind(model.record), SQLBind(model.sealed), SQLBind(model.searchTokens), SQLBind(model.status),
                    SQLBind(model.traffickingStatus), SQLBind(model.gender), SQLBind(model.citizenship),
                    SQLBind(model.ageGroup), SQLBind(model.exploitation), SQLBind(model.countryOfExploitation),
                    SQLBind(model.identifiedOn), SQLBind(model.linkageKey), SQLBind(model.ownerID),
                    SQLBind(model.assignees), SQLBind(model.version), SQLBind(model.createdBy),
                    SQLBind(model.updatedBy), SQLBind(now), SQLBind(now),
                ]
            }
            try await sql.insert(into: CaseModel.schema).columns(columns).rows(rows).run()
        }
    }

    struct PreparedImport {
        var plan = ImportPlan()
        var created: [CaseModel] = []
        var updates: [(model: CaseModel, changes: FieldChanges)] = []
    }

    private func prepare(
        _ rows: [ImportRow], by principal: Principal, organisationCountry: String
    ) async throws
        -> PreparedImport
    {
        try await requireBulkAccess(principal)
        guard !rows.isEmpty else {
            throw ValidationFailure([
                .init(field: "file", message: "the file has a header but no data rows: nothing to import")
            ])
        }
        let rules = try await rules(of: principal)
        let stored = try await storedCases(codes: rows.compactMap(\.caseCode), of: principal)
        var prepared = PreparedImport()
        prepared.plan.rows = rows.count
        var newRows: [Int] = []
        for row in rows {
            do {
                let clean = try Self.validated(row.fields, row: row.row, keepClears: row.caseCode != nil)
                guard let code = row.caseCode else {
                    try rules.enforce(clean.compactMapValues { $0 }, row: row.row)
                    prepared.created.append(try makeModel(fields: clean, country: organisationCountry, by: principal))
                    newRows.append(row.row)
                    continue
                }
                guard let model = stored[code.uppercased()] else {
                    prepared.plan.issues.append(
                        .init(
                            row: row.row, field: ImportRow.caseCodeColumn,
                            message: "'\(code)' is not a case of your organisation", code: "unknownCase",
                            values: ["value": code]))
                    continue
                }
                if let version = row.version, version != model.version {
                    prepared.plan.issues.append(
                        .init(
                            row: row.row, field: ImportRow.versionColumn,
                            message: "the case changed after this file was made (it is at version \(model.version))",
                            code: "changedSince", values: ["version": String(model.version)]))
                    continue
                }
                let before = try decode(model).fields
                var after = before
                for (name, value) in clean { after[name] = value ?? nil }
                let changed = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
                guard !changed.isEmpty else {
                    prepared.plan.unchanged += 1
                    continue
                }
                try rules.enforce(after, row: row.row)
                try apply(fields: after, to: model, country: String(model.caseCode.prefix(3)), by: principal)
                model.version += 1
                prepared.updates.append((model, FieldChanges(before: before, after: after, names: changed)))
            } catch let failure as ValidationFailure {
                prepared.plan.issues.append(contentsOf: failure.issues)
            }
        }
        prepared.plan.created = prepared.created.count
        prepared.plan.updated = prepared.updates.count
        prepared.plan.duplicates = try await duplicates(in: prepared.created, rows: newRows, by: principal)
        return prepared
    }

    /// The organisation's cases with these codes, by code.
    private func storedCases(codes: [String], of principal: Principal) async throws -> [String: CaseModel] {
        var found: [String: CaseModel] = [:]
        for chunk in Array(Set(codes.map { $0.uppercased() })).chunked(500) {
            let models = try await CaseModel.query(on: store.database)
                .filter(\.$organisationID == principal.organisationID).filter(\.$caseCode ~~ Array(chunk)).all()
            for model in models { found[model.caseCode] = model }
        }
        return found
    }
}
