import FluentKit
import Foundation
import PalermoCore
import SQLKit

/// What a home page summarises: a person's own work, and a team's.
public struct Dashboard: Sendable {
    let store: Store

    /// One member of staff's load: open cases they own, open tasks and how many of those are overdue.
    public struct Workload: Sendable, Equatable {
        public let userID: UUID
        public let name: String
        public let openCases: Int
        public let openTasks: Int
        public let overdueTasks: Int
    }

    /// Cases not closed, owned by nobody.
    public func unassignedCount(by principal: Principal) async throws -> Int {
        struct Count: Decodable { let n: Int }
        let select = try store.sql.select()
            .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("n")))
            .from(CaseModel.schema).where("organisation_id", .equal, principal.organisationID)
            .where(SQLIdentifier("owner_id"), .is, SQLLiteral.null)
        return try await CaseRepository.onlyOpen(select).first(decoding: Count.self)?.n ?? 0
    }

    /// Every active member of staff with their load, busiest first.
    public func workload(by principal: Principal) async throws -> [Workload] {
        let staff = try await store.assignment.caseStaff(of: principal.organisationID)
        struct Row: Decodable {
            let who: UUID?
            let n: Int
        }
        let count = SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("n"))
        let cases = try await CaseRepository.onlyOpen(
            try store.sql.select().column(SQLAlias(SQLIdentifier("owner_id"), as: SQLIdentifier("who"))).column(count)
                .from(CaseModel.schema).where("organisation_id", .equal, principal.organisationID)
        ).groupBy("owner_id").all(decoding: Row.self)
        let tasks = try await store.sql.select()
            .column(SQLAlias(SQLIdentifier("assignee_id"), as: SQLIdentifier("who"))).column(count)
            .from(CaseTaskModel.schema).where("organisation_id", .equal, principal.organisationID)
            .where(SQLIdentifier("done_at"), .is, SQLLiteral.null).groupBy("assignee_id").all(decoding: Row.self)
        let overdue = try await store.sql.select()
            .column(SQLAlias(SQLIdentifier("assignee_id"), as: SQLIdentifier("who"))).column(count)
            .from(CaseTaskModel.schema).where("organisation_id", .equal, principal.organisationID)
            .where(SQLIdentifier("done_at"), .is, SQLLiteral.null)
            .where("due_on", .lessThan, CaseTasks.today()).groupBy("assignee_id").all(decoding: Row.self)
        func counts(_ rows: [Row]) -> [UUID: Int] {
            Dictionary(rows.compactMap { row in row.who.map { ($0, row.n) } }, uniquingKeysWith: +)
        }
        let (c, t, o) = (counts(cases), counts(tasks), counts(overdue))
        return staff.map { id, name in
            Workload(userID: id, name: name, openCases: c[id] ?? 0, openTasks: t[id] ?? 0, overdueTasks: o[id] ?? 0)
        }.sorted { ($0.overdueTasks, $0.openCases, $1.name) > ($1.overdueTasks, $1.openCases, $0.name) }
    }

    /// What others did lately to the cases a user owns or is assigned to: changes, notes, tasks, assignments;
    /// the latest entry per case, with the case's code.
    public func changesByOthers(
        for principal: Principal, days: Int = 14, limit: Int = 15
    ) async throws
        -> [(entry: AuditRecord, caseCode: String)]
    {
        let cases = try await CaseModel.query(on: store.database)
            .filter(\.$organisationID == principal.organisationID)
            .group(.or) {
                $0.filter(\.$ownerID == principal.userID).filter(
                    \.$assignees, .custom("LIKE"), "% \(principal.userID.uuidString) %")
            }
            .field(\.$id).field(\.$caseCode).all()
        let codes = Dictionary(cases.compactMap { m in m.id.map { ($0, m.caseCode) } }, uniquingKeysWith: { a, _ in a })
        let mine = Array(codes.keys)
        guard !mine.isEmpty else { return [] }
        let since = Date().addingTimeInterval(-Double(days) * 86_400)
        var found: [AuditRecord] = []
        for chunk in mine.chunked(500) {
            found += try await AuditEntryModel.query(on: store.database).filter(\.$caseID ~~ Array(chunk))
                .filter(\.$action ~~ ["update", "assign", "note", "task", "create"]).filter(\.$at >= since)
                .filter(\.$actorID != principal.userID).sort(\.$id, .descending).limit(limit * 5).all().map(\.record)
        }
        var shown = Set<UUID>()
        return found.sorted { $0.sequence > $1.sequence }
            .filter { entry in entry.caseID.map { shown.insert($0).inserted } ?? false }
            .prefix(limit).compactMap { entry in entry.caseID.flatMap { codes[$0] }.map { (entry, $0) } }
    }
}

extension Store {
    public var dashboard: Dashboard { Dashboard(store: self) }
}
