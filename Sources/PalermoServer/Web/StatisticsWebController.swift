import Foundation
import PalermoCore
import PalermoIO
import PalermoReport
import PalermoStore
import Vapor

/// The analyst's and coordinator's statistics pages: patterns and flows, and national figures.
struct StatisticsWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("stats", "patterns", use: patterns)
        routes.get("stats", "patterns", ":table", use: patternsTable)
        routes.get("stats", "national", use: national)
        routes.post("stats", "national", use: saveNational)
        routes.get("stats", "national", "export.csv") { try await exportNational($0, "csv") }
        routes.get("stats", "national", "export.xlsx") { try await exportNational($0, "xlsx") }
    }

    func patterns(_ req: Request) async throws -> Response {
        guard req.principal != nil else { return req.redirect(to: "/login") }
        let principal = try await StatisticsService.requireReader(req)
        let datasets = try await req.store.statistics.datasets().map(\.name)
        do {
            let query = try StatisticsService.PatternsQuery(req)
            let report = try await StatisticsService.patterns(req, query, by: principal)
            return StatisticsViews.patterns(req, query: query, datasets: datasets, report: report, problem: nil)
        } catch let failure as ValidationFailure {
            return StatisticsViews.patterns(req, query: nil, datasets: datasets, report: nil, problem: failure.issues.map { "\($0.field): \($0.message)" }.joined(separator: "; "))
        } catch let abort as Abort where abort.status == .notFound {
            return StatisticsViews.patterns(req, query: nil, datasets: datasets, report: nil, problem: abort.reason)
        }
    }

    func patternsTable(_ req: Request) async throws -> Response {
        guard req.principal != nil else { return req.redirect(to: "/login") }
        return try await StatisticsAPIController().table(req)
    }

    func national(_ req: Request) async throws -> Response {
        guard req.principal != nil else { return req.redirect(to: "/login") }
        do {
            return StatisticsViews.national(req, try await StatisticsService.national(req), problem: nil)
        } catch let failure as ValidationFailure {
            return Layout.page(req, title: req.localizer("national.title"), status: .badRequest,
                               body: "<div class=\"alert\" role=\"alert\">\(esc(failure.issues.map { "\($0.field): \($0.message)" }.joined(separator: "; ")))</div>")
        }
    }

    func saveNational(_ req: Request) async throws -> Response {
        guard req.principal != nil else { return req.redirect(to: "/login") }
        let principal = try await StatisticsService.requireReader(req)
        let form = try PostedForm.fields(req)
        guard let year = form["year"].flatMap({ Int($0) }), Observation.plausibleYears().contains(year) else {
            throw ValidationFailure([.init(field: "year", message: "is not a year from 2000")])
        }
        var counts: [NationalStatistics.JusticeCount] = []
        var problems: [ValidationIssue] = []
        for indicator in StatisticsViews.justiceIndicators {
            for sex in [Sex.total, .female, .male] {
                let field = "\(indicator.slug)-\(sex.rawValue.lowercased())"
                let text = (form[field] ?? "").trimmingCharacters(in: .whitespaces)
                if text.isEmpty { continue }
                guard let n = Int(text), (0...CountRange.largestCount).contains(n) else {
                    problems.append(.init(field: field, message: "'\(text)' is not a whole number from 0 to \(CountRange.largestCount)"))
                    continue
                }
                counts.append(.init(indicator: indicator, sex: sex, count: n))
            }
        }
        if !problems.isEmpty { throw ValidationFailure(problems) }
        try await req.store.national.saveJusticeCounts(year: year, counts: counts, by: principal)
        return req.redirect(to: "/stats/national?year=\(year)")
    }

    func exportNational(_ req: Request, _ format: String) async throws -> Response {
        guard req.principal != nil else { return req.redirect(to: "/login") }
        req.url.query = (req.url.query.map { $0 + "&" } ?? "") + "format=\(format)"
        return try await StatisticsAPIController().export(req)
    }
}
