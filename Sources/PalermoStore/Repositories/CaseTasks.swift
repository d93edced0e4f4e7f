import FluentKit
import Foundation
import PalermoCore

/// A task as its reader sees it.
public struct CaseTask: Sendable, Codable, Equatable {
    public let id: UUID
    public let caseID: UUID
    public var caseCode: String?
    public let title: String
    /// YYYY-MM-DD.
    public let dueOn: String?
    public let assigneeID: UUID?
    public var assigneeName: String?
    public let doneAt: Date?

    public var done: Bool { doneAt != nil }

    /// Due before today and not done.
    public func isOverdue(today: String = CaseTasks.today()) -> Bool {
        guard let dueOn, doneAt == nil else { return false }
        return dueOn < today
    }
}

/// Tasks on cases: a title (sealed, as it may name people), a due day, an assignee, done or not.
public struct CaseTasks: Sendable {
    let store: Store
    static let maxTitle = 500

    public static func today(_ now: Date = Date()) -> String {
        now.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC") ?? .current).year().month().day())
    }

    public func add(
        _ title: String, due: String?, assignee: UUID?, to caseID: UUID, by principal: Principal
    ) async throws -> CaseTask {
        var issues: [ValidationIssue] = []
        let trimmed = title.trimmingCharacters(in: .whitespacesAndNewlines)
        if !(1...Self.maxTitle).contains(trimmed.count) {
            issues.append(
                .init(
                    field: "title", message: "must be 1 to \(Self.maxTitle) characters", code: "noteLength",
                    values: ["max": String(Self.maxTitle)]))
        }
        let dueDay = Self.day(due, field: "due", future: true, issues: &issues)
        let owner = assignee ?? principal.userID
        let staff = try await store.assignment.caseStaff(of: principal.organisationID)
        if staff[owner] == nil {
            issues.append(
                .init(field: "assignee", message: "is not an active user of this organisation", code: "notStaff"))
        }
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        let cases = store.cases
        try await cases.requireCaseAccess(principal, caseID: caseID)
        let model = CaseTaskModel()
        let id = UUID()
        model.id = id
        model.caseID = caseID
        model.organisationID = principal.organisationID
        model.sealedTitle = try store.cipher.seal(["title": .text(trimmed)], caseID: id)
        model.dueOn = dueDay
        model.assigneeID = owner
        model.createdBy = principal.userID
        let store = self.store, isPostgres = store.isPostgres
        try await store.write { db in
            guard try await cases.ownCase(caseID, of: principal, on: db) != nil else { throw StoreError.notFound }
            try await model.create(on: db)
            try await AuditLog.append(
                [AuditDraft(actor: principal, action: .task, caseID: caseID, detail: "task \(id) added")], on: db,
                isPostgres: isPostgres, keys: store.cipher.keys)
        }
        var task = try decode(model)
        task.assigneeName = staff[owner]
        return task
    }

    /// Marks a task done (or open again).
    public func complete(_ taskID: UUID, done: Bool, by principal: Principal) async throws -> CaseTask {
        try await store.cases.requireCaseAccess(principal, caseID: nil)
        let store = self.store, isPostgres = store.isPostgres
        let model: CaseTaskModel = try await store.write { db in
            guard
                let model = try await CaseTaskModel.query(on: db).filter(\.$id == taskID)
                    .filter(\.$organisationID == principal.organisationID).first()
            else { throw StoreError.notFound }
            model.doneAt = done ? Date() : nil
            model.doneBy = done ? principal.userID : nil
            try await model.update(on: db)
            try await AuditLog.append(
                [
                    AuditDraft(
                        actor: principal, action: .task, caseID: model.caseID,
                        detail: "task \(taskID) \(done ? "done" : "reopened")")
                ], on: db, isPostgres: isPostgres, keys: store.cipher.keys)
            return model
        }
        return try await named([decode(model)], principal)[0]
    }

    /// The case's tasks, open ones first by due day.
    public func list(of caseID: UUID, by principal: Principal) async throws -> [CaseTask] {
        let models = try await CaseTaskModel.query(on: store.database).filter(\.$caseID == caseID)
            .filter(\.$organisationID == principal.organisationID).all()
        return try await named(models.map(decode), principal).sorted(by: Self.order)
    }

    /// Open tasks of the organisation, or of one user, with their case codes: a dashboard's list.
    public func open(assignedTo userID: UUID?, by principal: Principal, limit: Int = 200) async throws -> [CaseTask] {
        try await store.cases.requireCaseAccess(principal, caseID: nil)
        var query = CaseTaskModel.query(on: store.database).filter(\.$organisationID == principal.organisationID)
            .filter(\.$doneAt == nil)
        if let userID { query = query.filter(\.$assigneeID == userID) }
        let models = try await query.sort(\.$dueOn).limit(limit).all()
        var tasks = try await named(models.map(decode), principal)
        let codes = try await caseCodes(Set(tasks.map(\.caseID)))
        for index in tasks.indices { tasks[index].caseCode = codes[tasks[index].caseID] }
        return tasks.sorted(by: Self.order)
    }

    static func order(_ a: CaseTask, _ b: CaseTask) -> Bool {
        if a.done != b.done { return !a.done }
        return (a.dueOn ?? "9999") < (b.dueOn ?? "9999")
    }

    /// A day from a form or request (YYYY-MM-DD, from 1900 on, up to 2199 where the future is allowed, else
    /// up to today); nil when blank, and nil with an issue naming `field` when it is not such a day.
    static func day(_ text: String?, field: String, future: Bool, issues: inout [ValidationIssue]) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        let day = String(text.prefix(10))
        guard CaseValidator.parseDate(text) != nil, day >= "1900-01-01", day <= (future ? "2199-12-31" : today())
        else {
            issues.append(
                .init(
                    field: field, message: "'\(text)' is not a date in the form YYYY-MM-DD", code: "notADate",
                    values: ["value": text]))
            return nil
        }
        return day
    }

    private func named(_ tasks: [CaseTask], _ principal: Principal) async throws -> [CaseTask] {
        let names = try await UserNames(store: store).names(Set(tasks.compactMap(\.assigneeID)))
        return tasks.map { task in
            var task = task
            task.assigneeName = task.assigneeID.flatMap { names[$0] }
            return task
        }
    }

    private func caseCodes(_ ids: Set<UUID>) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        let models = try await CaseModel.query(on: store.database).filter(\.$id ~~ Array(ids))
            .field(\.$id).field(\.$caseCode).all()
        return Dictionary(models.compactMap { m in m.id.map { ($0, m.caseCode) } }, uniquingKeysWith: { a, _ in a })
    }

    func decode(_ model: CaseTaskModel) throws -> CaseTask {
        let id = try model.requireID()
        let title = try store.cipher.open(model.sealedTitle, caseID: id)["title"]?.description ?? ""
        return CaseTask(
            id: id, caseID: model.caseID, caseCode: nil, title: title, dueOn: model.dueOn,
            assigneeID: model.assigneeID, assigneeName: nil, doneAt: model.doneAt)
    }
}
