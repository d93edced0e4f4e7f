import Foundation
import PalermoCore
import PalermoIO
import PalermoReport
import PalermoStore
import Plot
import Vapor

/// `/appraisal`: the appraisal of a round (the latest unless `round` names one), for everyone signed in, and its
/// indicators as CSV.
struct AppraisalPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("appraisal", use: page)
        routes.get("appraisal", "indicators.csv", use: csv)
        routes.get("appraisal", "report.html", use: document)
    }

    func page(_ req: Request) async throws -> Response {
        _ = try req.signedIn()
        let rounds = try await req.store.reportingRounds.rounds()
        let appraisal = try await Self.appraisal(req, rounds: rounds)
        var trends: [IndicatorTrend] = []
        if let appraisal { trends = try await req.store.reportingRounds.trends(through: appraisal.round.id) }
        let view = AppraisalPage(req.localizer, rounds: rounds, appraisal: appraisal, trends: trends)
        return req.page(title: view.title, view.view)
    }

    /// The appraisal as one self-contained HTML file (charts as inline SVG), in the reader's language.
    func document(_ req: Request) async throws -> Response {
        _ = try req.signedIn()
        let rounds = try await req.store.reportingRounds.rounds()
        guard let appraisal = try await Self.appraisal(req, rounds: rounds) else { throw Abort(.notFound) }
        let trends = try await req.store.reportingRounds.trends(through: appraisal.round.id)
        let w = req.localizer
        let view = AppraisalPage(w, rounds: rounds, appraisal: appraisal, trends: trends)
        let html = StandaloneDocument.html(
            title: view.title + " — " + appraisal.round.round.title, wording: w,
            .p(.words(view.intro)),
            .p(.class("meta"), .words(w("appraisal.generated", ["when": w.dateTime(Date())]))),
            view.findings)
        return Response.download(
            Data(html.utf8), contentType: "text/html; charset=utf-8", filename: "palermo-appraisal.html")
    }

    func csv(_ req: Request) async throws -> Response {
        _ = try req.signedIn()
        guard let appraisal = try await Self.appraisal(req, rounds: req.store.reportingRounds.rounds()) else {
            throw Abort(.notFound)
        }
        func number(_ value: Double?) -> String { value.map { String($0) } ?? "" }
        let rows =
            [["country", "indicator", "unit", "baseline", "target", "value", "source", "computed"]]
            + appraisal.indicators.map {
                [
                    $0.country, $0.name, $0.unit, number($0.baseline), number($0.target), number($0.value),
                    $0.source ?? "", $0.computed ? "yes" : "no",
                ]
            }
        return Response.download(
            try SheetFormat.csv.write(rows), contentType: SheetFormat.csv.contentType,
            filename: "palermo-appraisal-indicators.csv")
    }

    /// The named round's appraisal, or the latest round's; nil when there is no round.
    static func appraisal(_ req: Request, rounds: [RoundRecord]) async throws -> PlanAppraisal? {
        let asked = try req.queryText("round").flatMap { $0.isEmpty ? nil : $0 }.map { text in
            guard let id = UUID(uuidString: text) else {
                throw ValidationFailure([
                    ValidationIssue(
                        field: "round", message: "is not a round", code: "notInList", values: ["value": text])
                ])
            }
            return id
        }
        guard let id = asked ?? rounds.first?.id else { return nil }
        return try await req.store.reportingRounds.appraisal(id)
    }
}
