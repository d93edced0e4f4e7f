import Fluent
import Foundation
import PalermoCore
import PalermoIO
import PalermoStore
import Vapor

/// The case pages: the list, the form, a case, and the exports. A save that succeeds redirects to the case
/// (post/redirect/get), so reloading it never sends the form again.
struct CasePagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("cases", use: list)
        routes.get("cases", "new", use: newCase)
        routes.post("cases", use: create)
        routes.get("cases", "export.csv") { try await export($0, .csv) }
        routes.get("cases", "export.xlsx") { try await export($0, .xlsx) }
        routes.get("cases", ":id", use: show)
        routes.get("cases", ":id", "edit", use: edit)
        routes.post("cases", ":id", use: update)
    }

    func list(_ req: Request) async throws -> Response {
        let principal = try req.signedIn()
        let query = try CaseAPIController.query(from: req, principal: principal)
        let page = try await req.store.cases.list(query, by: principal)
        let staff = try await req.store.assignment.staffByName(of: principal.organisationID)
        let assigned = try req.queryInt("assigned", in: 0...1_000, default: -1)
        let context = CaseListContext(
            ownerParameter: req.queryText("owner"), staff: staff, canMoveInBulk: principal.role.movesCasesInBulk,
            canAssign: principal.role.assignsCases, csrf: CSRF.token(for: req),
            notice: assigned >= 0 ? req.localizer("cases.assigned", ["n": req.localizer.number(assigned)]) : nil)
        let view = CaseListPage(req.localizer, page: page, query: query, context: context)
        return req.page(title: view.title, view.view)
    }

    func newCase(_ req: Request) async throws -> Response {
        try await req.store.cases.requireCaseAccess(try req.signedIn(), caseID: nil)
        return form(req, record: nil, values: ["cas_Status": .text("Active")], issues: [])
    }

    func create(_ req: Request) async throws -> Response {
        let principal = try req.signedIn()
        let input = try Self.formFields(req, clearing: false)
        do {
            // A person who already has a case: say so, with links, before a second case is made.
            if try PostedForm.fields(req)["_allowDuplicate"] != "1" {
                let duplicates = try await req.store.cases.possibleDuplicates(of: input.fields, by: principal)
                if !duplicates.isEmpty {
                    return form(
                        req, record: nil, values: input.fields.compactMapValues { $0 }, issues: [],
                        duplicates: duplicates)
                }
            }
            let organisation = try await req.organisation(of: principal)
            let record = try await req.store.cases.create(
                input.fields, organisationCountry: organisation.country, by: principal)
            return req.redirect(to: "/cases/\(record.id)?saved=1")
        } catch let failure as ValidationFailure {
            return form(req, record: nil, values: input.fields.compactMapValues { $0 }, issues: failure.issues)
        }
    }

    func show(_ req: Request) async throws -> Response {
        try await Self.casePage(req, id: req.caseID(), problems: [])
    }

    /// A case with its owner, tasks, notes and history; with `problems`, a refused form's reasons on top.
    static func casePage(_ req: Request, id: UUID, problems: [ValidationIssue]) async throws -> Response {
        let principal = try req.signedIn()
        let store = req.store
        let record = try await store.cases.read(id, by: principal)
        let history = try await store.audit.history(ofCase: record.id)
        let staff = try await store.assignment.staffByName(of: principal.organisationID)
        let w = req.localizer
        let panel = CaseworkPanel(
            w, record: record, tasks: try await store.tasks.list(of: id, by: principal),
            notes: try await store.notes.list(of: id, by: principal), staff: staff,
            canAssign: principal.role.assignsCases, csrf: CSRF.token(for: req), me: principal.userID,
            myUsername: principal.username,
            approvals: try await store.approvals.waiting(caseID: id, by: principal)
                + store.approvals.decided(caseID: id, by: principal),
            plan: try await store.supportPlans.list(of: id, by: principal))
        let referrals = ReferralPanel(
            w, caseID: id, consents: try await store.referrals.consents(of: id, by: principal),
            referrals: try await store.referrals.sent(of: id, by: principal),
            organisations: try await store.referrals.organisations(), staff: staff,
            offers: try await store.directory.search(ServiceDirectory.Search(), by: principal),
            services: try await store.serviceKinds.catalogue(), me: principal,
            csrf: CSRF.token(for: req))
        let view = CaseRecordPage(
            w, record: record, history: history, saved: req.queryText("saved") != nil, panel: panel,
            referrals: referrals,
            screening: ScreeningPanel(
                w, caseID: id, latest: try await store.screenings.latest(of: id, by: principal),
                csrf: CSRF.token(for: req)),
            problems: problems.map(ValidationText(w).describe),
            showViews: req.queryText("views") != nil)
        return req.page(
            title: record.caseCode, status: problems.isEmpty ? .ok : .unprocessableEntity, view.view)
    }

    func edit(_ req: Request) async throws -> Response {
        let principal = try req.signedIn()
        let record = try await req.store.cases.read(req.caseID(), by: principal)
        return form(req, record: record, values: record.fields, issues: [])
    }

    func update(_ req: Request) async throws -> Response {
        let principal = try req.signedIn()
        let id = try req.caseID()
        let input = try Self.formFields(req, clearing: true)
        do {
            let record = try await req.store.cases.update(
                id, changes: input.fields, expectedVersion: input.version, by: principal)
            return req.redirect(to: "/cases/\(record.id)?saved=1")
        } catch let failure as ValidationFailure {
            let current = try await req.store.cases.read(id, by: principal)
            return form(req, record: current, values: input.fields.compactMapValues { $0 }, issues: failure.issues)
        }
    }

    func export(_ req: Request, _ format: SheetFormat) async throws -> Response {
        try await CaseAPIController.export(req, by: req.signedIn(), as: format)
    }

    private func form(
        _ req: Request, record: CaseRecord?, values: CaseFields, issues: [ValidationIssue],
        duplicates: [DuplicateCase] = []
    ) -> Response {
        let view = CaseFormPage(
            req.localizer, record: record, values: values, issues: issues, csrf: CSRF.token(for: req),
            duplicates: duplicates)
        let status: HTTPStatus = !issues.isEmpty ? .unprocessableEntity : duplicates.isEmpty ? .ok : .conflict
        return req.page(title: view.title, status: status, view.view)
    }

    /// Reads the posted form with Vapor's form decoder. Checkbox groups repeat their name, so every field is
    /// read as a list; no separator splits a value (free text has commas). On update every field of the form
    /// is sent, and an empty one clears the field.
    static func formFields(_ req: Request, clearing: Bool) throws -> (fields: [String: FieldValue?], version: Int?) {
        let values = try PostedForm.values(req)
        var fields: [String: FieldValue?] = [:]
        for field in HTCDS.fields {
            let sent = (values[field.name] ?? []).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            if case .many = field.kind {
                if !sent.isEmpty {
                    fields[field.name] = .list(sent)
                } else if clearing {
                    fields[field.name] = .some(nil)
                }
            } else if let first = sent.first {
                fields[field.name] = .text(first)
            } else if clearing {
                fields[field.name] = .some(nil)
            }
        }
        let version = try values["_version"]?.first.map { text in
            guard let number = Int(text), number >= 1 else {
                throw ValidationFailure([.init(field: "_version", message: "is not a version number")])
            }
            return number
        }
        return (fields, version)
    }
}

extension Request {
    /// The signed-in reader of a page; anyone else is sent to sign in.
    func signedIn() throws -> Principal {
        guard let principal else { throw Abort.redirect(to: "/login") }
        return principal
    }
}
