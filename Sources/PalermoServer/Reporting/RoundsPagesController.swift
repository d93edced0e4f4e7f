import Foundation
import PalermoCore
import PalermoReport
import PalermoStore
import Vapor

/// `/rounds`: reporting rounds in the browser: the secretariat opens and closes them, a State's focal point files
/// its report, everyone signed in reads them.
struct RoundsPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("rounds", use: list)
        routes.post("rounds", use: open)
        routes.get("rounds", ":round", use: show)
        routes.post("rounds", ":round", "close", use: close)
        routes.post("rounds", ":round", "recommendations", use: recommend)
        routes.get("rounds", ":round", "report", use: report)
        routes.post("rounds", ":round", "report", use: file)
    }

    func list(_ req: Request) async throws -> Response { try await list(req, typed: [:], problems: []) }

    func list(_ req: Request, typed: [String: String], problems: [ValidationIssue]) async throws -> Response {
        let principal = try req.signedIn()
        let rounds = req.store.reportingRounds
        let all = try await rounds.rounds()
        let counts = try await rounds.reportCounts()
        let w = req.localizer
        let view = RoundsPage(
            w, rounds: all, reports: counts, secretariat: principal.role == .systemAdmin, typed: typed,
            csrf: CSRF.token(for: req), problems: problems.map { Self.describe($0, w) })
        return req.page(title: view.title, status: problems.isEmpty ? .ok : .unprocessableEntity, view.view)
    }

    /// A problem in the reader's language; "title" names a task elsewhere, here the round's.
    static func describe(_ issue: ValidationIssue, _ w: Wording) -> String {
        ValidationText(w).describe(issue, calling: "title", "roundTitle")
    }

    func open(_ req: Request) async throws -> Response {
        let principal = try ReportingAPIController.secretariat(req)
        let form = try PostedForm.fields(req)
        let questions = (form["questions"] ?? "").split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let round = ReportingRound(
            title: form["title"] ?? "", theme: form["theme"] ?? "", from: form["from"] ?? "", to: form["to"] ?? "",
            questions: questions)
        do {
            let record = try await req.store.reportingRounds.open(round, by: principal)
            return req.redirect(to: "/rounds/\(record.id)")
        } catch let failure as ValidationFailure {
            return try await list(req, typed: form, problems: failure.issues)
        }
    }

    func show(_ req: Request) async throws -> Response { try await Self.roundPage(req, problems: []) }

    static func roundPage(_ req: Request, problems: [String]) async throws -> Response {
        let principal = try req.signedIn()
        let rounds = req.store.reportingRounds
        let record = try await rounds.round(req.uuid("round"))
        let view = RoundPage(
            req.localizer, record: record, reports: try await rounds.reports(of: record.id),
            recommendations: try await rounds.recommendations(after: record.id),
            evidence: try await rounds.evidence(of: record.id), principal: principal,
            contributes: try await rounds.agency(of: principal) != nil,
            csrf: CSRF.token(for: req), problems: problems)
        return req.page(title: view.title, status: problems.isEmpty ? .ok : .unprocessableEntity, view.view)
    }

    func recommend(_ req: Request) async throws -> Response {
        let principal = try ReportingAPIController.secretariat(req)
        let id = try req.uuid("round")
        let form = try PostedForm.fields(req)
        do {
            _ = try await req.store.reportingRounds.recommend(
                Recommendation(country: form["country"] ?? "", text: form["text"] ?? ""), after: id, by: principal)
            return req.redirect(to: "/rounds/\(id)")
        } catch let failure as ValidationFailure {
            // The API's "text" is the form's recommendation.
            let w = req.localizer
            return try await Self.roundPage(
                req, problems: failure.issues.map { ValidationText(w).describe($0, calling: "text", "recommendation") })
        }
    }

    func close(_ req: Request) async throws -> Response {
        let principal = try ReportingAPIController.secretariat(req)
        let id = try req.uuid("round")
        _ = try await req.store.reportingRounds.close(id, by: principal)
        return req.redirect(to: "/rounds/\(id)")
    }

    func report(_ req: Request) async throws -> Response {
        try await Self.reportPage(req, typed: nil, problems: [])
    }

    /// The focal point's form, filled with the report as filed (computed indicators counted afresh), or with what
    /// was typed when it was refused. A State without a published plan sees why instead of a form.
    static func reportPage(
        _ req: Request, typed: [String: String]?, problems: [String], notice: String? = nil
    ) async throws -> Response {
        let principal = try req.signedIn()
        guard principal.role == .nationalCoordinator else { throw Abort(.forbidden) }
        let rounds = req.store.reportingRounds
        let round = try await rounds.round(req.uuid("round"))
        let plan = try await rounds.plan(for: principal)
        let filed = try await rounds.draft(round.id, by: principal)
        let earlier = try await rounds.earlierRecommendations(to: plan.plan.country, before: round)
        let w = req.localizer
        let answers = try await rounds.earlierAnswers(of: plan.plan.country, before: round)
        let form = ReportForm(
            w, plan: plan.plan, round: round.round, earlier: earlier, filed: filed, earlierAnswers: answers,
            values: typed)
        let evidence = try await rounds.evidence(of: round.id, country: plan.plan.country)
        let contributions = try await rounds.contributions(to: round.id, by: principal)
        let view = ReportPage(
            w, round: round, plan: plan, form: form, evidence: evidence, contributions: contributions,
            csrf: CSRF.token(for: req),
            problems: problems, notice: notice)
        return req.page(title: view.title, status: problems.isEmpty ? .ok : .unprocessableEntity, view.view)
    }

    /// A problem in the reader's language, prefixed with the name of the indicator or measure it is about.
    static func describe(_ issue: ValidationIssue, plan: NationalPlan, report: StateReport, _ w: Wording) -> String {
        let text = ValidationText(w).describe(issue)
        if let k = issue.position(in: "indicators"), report.indicators.indices.contains(k) {
            let value = report.indicators[k]
            let name = plan.objectives[safe: value.objective]?.indicators[safe: value.indicator]?.name
            return name.map { $0 + " — " + text } ?? text
        }
        if let k = issue.position(in: "measures"), report.measures.indices.contains(k) {
            let status = report.measures[k]
            let name = plan.objectives[safe: status.objective]?.measures[safe: status.measure]?.text
            return name.map { $0 + " — " + text } ?? text
        }
        return text
    }

    func file(_ req: Request) async throws -> Response {
        let principal = try ReportingAPIController.focalPoint(req)
        let rounds = req.store.reportingRounds
        let id = try req.uuid("round")
        let form = try PostedForm.fields(req)
        let round = try await rounds.round(id)
        let plan = try await rounds.plan(for: principal)
        let earlier = try await rounds.earlierRecommendations(to: plan.plan.country, before: round)
        let (report, unread) = ReportForm.report(form, plan: plan.plan, round: round.round, earlier: earlier)
        do {
            guard unread.isEmpty else { throw ValidationFailure(unread) }
            _ = try await rounds.file(id, report, by: principal)
            return req.redirect(to: "/rounds/\(id)")
        } catch let failure as ValidationFailure {
            let w = req.localizer
            return try await Self.reportPage(
                req, typed: form, problems: failure.issues.map { Self.describe($0, plan: plan.plan, report: report, w) }
            )
        }
    }
}

extension Array {
    /// The element at `index`, or nil when there is none.
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
