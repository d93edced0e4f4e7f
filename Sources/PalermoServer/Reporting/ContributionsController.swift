import Foundation
import PalermoCore
import PalermoReport
import PalermoStore
import Plot
import Vapor

extension Contribution: Content {}

/// A State's agencies contribute their answers to the State's report; the focal point reads them beside the form.
struct ContributionsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("rounds", ":round", "contribution", use: page)
        routes.post("rounds", ":round", "contribution", use: post)
    }

    static func bootAPI(_ routes: any RoutesBuilder) {
        let controller = ContributionsController()
        routes.get("rounds", ":round", "contribution", use: controller.apiRead)
        routes.put("rounds", ":round", "contribution", use: controller.apiWrite)
        routes.get("rounds", ":round", "contributions", use: controller.apiList)
    }

    func apiRead(_ req: Request) async throws -> Contribution {
        let principal = try req.requirePrincipal()
        return try await req.store.reportingRounds.contribution(to: req.uuid("round"), by: principal)
    }

    func apiWrite(_ req: Request) async throws -> Contribution {
        let principal = try req.requirePrincipal()
        guard try await req.store.reportingRounds.agency(of: principal) != nil else {
            throw Abort(.forbidden, reason: "a State's agencies contribute through their supervisors and admins")
        }
        let contribution = try req.content.decode(Contribution.self)
        try await req.store.reportingRounds.contribute(contribution, to: req.uuid("round"), by: principal)
        return contribution
    }

    struct ContributionDTO: Content {
        let organisationId: UUID
        let organisation: String
        let contribution: Contribution
        let updatedAt: Date?
    }

    func apiList(_ req: Request) async throws -> [ContributionDTO] {
        let principal = try ReportingAPIController.focalPoint(req)
        return try await req.store.reportingRounds.contributions(to: req.uuid("round"), by: principal).map {
            ContributionDTO(
                organisationId: $0.organisationID, organisation: $0.organisationName, contribution: $0.contribution,
                updatedAt: $0.updatedAt)
        }
    }

    func page(_ req: Request) async throws -> Response { try await page(req, typed: nil, problems: []) }

    func page(_ req: Request, typed: [String: String]?, problems: [ValidationIssue]) async throws -> Response {
        let principal = try req.signedIn()
        let rounds = req.store.reportingRounds
        let round = try await rounds.round(req.uuid("round"))
        let given = try await rounds.contribution(to: round.id, by: principal)
        let w = req.localizer
        let view = ContributionPage(
            w, round: round, given: given, typed: typed, csrf: CSRF.token(for: req),
            problems: problems.map { ValidationText(w).describe($0) })
        return req.page(title: view.title, status: problems.isEmpty ? .ok : .unprocessableEntity, view.view)
    }

    func post(_ req: Request) async throws -> Response {
        let principal = try req.signedIn()
        let rounds = req.store.reportingRounds
        let round = try await rounds.round(req.uuid("round"))
        let form = try PostedForm.fields(req)
        let answers = round.round.questions.indices.compactMap { n -> StateReport.Answer? in
            guard let text = form["answer.\(n)"], !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            else { return nil }
            return .init(question: n, text: text)
        }
        do {
            try await rounds.contribute(
                Contribution(answers: answers, note: form["note"] ?? ""), to: round.id, by: principal)
            return req.redirect(to: "/rounds/\(round.id)")
        } catch let failure as ValidationFailure {
            return try await page(req, typed: form, problems: failure.issues)
        }
    }
}

/// `/rounds/{id}/contribution`: an agency's answers for its State's report.
struct ContributionPage {
    let title: String
    let intro: String
    let action: String
    let questions: [(key: String, text: String, answer: String)]
    let noteLabel: String
    let note: String
    let button: String
    let csrf: String
    let problemsHeading: String
    let problems: [String]

    init(
        _ w: Wording, round: RoundRecord, given: Contribution, typed: [String: String]?, csrf: String,
        problems: [String]
    ) {
        title = w("contribution.title", ["round": round.round.title])
        intro = w("contribution.intro")
        action = "/rounds/\(round.id)/contribution"
        questions = round.round.questions.enumerated().map { n, text in
            ("answer.\(n)", text, typed?["answer.\(n)"] ?? given.answers.first { $0.question == n }?.text ?? "")
        }
        noteLabel = w("contribution.note")
        note = typed?["note"] ?? given.note
        button = w("contribution.send")
        self.csrf = csrf
        problemsHeading = w("work.refused")
        self.problems = problems
    }

    var view: Node<HTML.BodyContext> {
        .group(
            .h1(.attr("translate", "no"), .words(title)),
            .p(.words(intro)),
            FormMarkup.refused(problemsHeading, problems),
            FormMarkup.form(
                method: "post", action: action, .class("stacked"), .id("contribution-form"),
                FormMarkup.hidden("_csrf", csrf),
                .forEach(questions) { question in
                    FormMarkup.label(
                        .span(.attr("translate", "no"), .words(question.text + " ")),
                        FormMarkup.textarea(
                            .attr("name", question.key), .attr("rows", "4"), .attr("maxlength", "10000"),
                            .attr("translate", "no"),
                            .words(question.answer)))
                },
                FormMarkup.label(
                    .words(noteLabel + " "),
                    FormMarkup.textarea(
                        .attr("name", "note"), .attr("translate", "no"), .attr("rows", "3"), .attr("maxlength", "5000"),
                        .words(note))),
                FormMarkup.button(button)))
    }
}
