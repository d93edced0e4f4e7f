import Foundation
import PalermoCore
import PalermoIO
import PalermoStats
import PalermoReport
import PalermoStore
import Plot
import Vapor

/// The statistics pages: counts of cases, patterns and flows, and national figures.
struct StatisticsPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("stats", use: caseStatistics)
        routes.get("stats", "download", use: downloadCaseStatistics)
        routes.get("stats", "patterns", use: patterns)
        routes.get("stats", "patterns", ":table", use: patternsTable)
        routes.get("stats", "national", use: national)
        routes.post("stats", "national", use: saveNational)
        routes.get("stats", "national", "export.csv") { try await exportNational($0, "csv") }
        routes.get("stats", "national", "export.xlsx") { try await exportNational($0, "xlsx") }
    }

    func caseStatistics(_ req: Request) async throws -> Response {
        let principal = try req.signedIn()
        let protection = try StatisticsService.protection(req)
        var breakdowns: [CaseStatistics.Breakdown] = []
        for dimension in CaseStatistics.Dimension.allCases {
            breakdowns.append(
                try await StatisticsService.caseStatistics(req).breakdown(
                    by: dimension, for: principal, protection: protection))
        }
        let view = CaseStatisticsPage(
            req.localizer, breakdowns: breakdowns, protection: protection,
            publishes: Releases.mayPublish(principal.role))
        return req.page(title: view.title, view.view)
    }

    func downloadCaseStatistics(_ req: Request) async throws -> Response {
        let principal = try req.signedIn()
        let by = req.queryText("by") ?? "status"
        guard let dimension = CaseStatistics.Dimension(rawValue: by) else {
            throw ValidationFailure([
                .init(field: "by", message: "is not one of \(CaseStatistics.Dimension.allCases.map(\.rawValue))")
            ])
        }
        let breakdown = try await StatisticsService.caseStatistics(req).breakdown(
            by: dimension, for: principal, protection: try StatisticsService.protection(req))
        let rows =
            [["dimension", "category", "count", "scope"]]
            + breakdown.cells.map {
                [breakdown.dimension, $0.category, $0.count.map(String.init) ?? "", breakdown.scope]
            }
        return Response.download(
            try CSVTable.write(rows), contentType: SheetFormat.csv.contentType,
            filename: "palermo-cases-by-\(dimension.rawValue).csv")
    }

    func patterns(_ req: Request) async throws -> Response {
        _ = try req.signedIn()
        let principal = try await StatisticsService.requireReader(req)
        let datasets = try await req.store.statistics.datasets().map(\.name)
        let w = req.localizer
        func page(
            _ query: StatisticsService.PatternsQuery?, _ report: PatternsAndFlowsReport?, _ problem: String?
        ) -> Response {
            let view = PatternsPage(
                w, query: query, datasets: datasets, report: report, problem: problem, typed: req.typedQuery)
            return req.page(title: view.title, view.view)
        }
        do {
            let query = try await StatisticsService.patternsQuery(req)
            return page(query, try await StatisticsService.patterns(req, query, by: principal), nil)
        } catch let failure as ValidationFailure {
            return page(nil, nil, failure.issues.map(ValidationText(w).describe).joined(separator: "; "))
        } catch let abort as Abort where abort.status == .notFound {
            return page(nil, nil, w("patterns.noSuchDataset"))
        }
    }

    func patternsTable(_ req: Request) async throws -> Response {
        _ = try req.signedIn()
        return try await StatisticsAPIController().table(req)
    }

    func national(_ req: Request) async throws -> Response {
        _ = try req.signedIn()
        let w = req.localizer
        do {
            let view = NationalPage(
                w, try await StatisticsService.national(req), canEdit: req.principal?.role == .nationalCoordinator,
                problem: nil, csrf: CSRF.token(for: req))
            return req.page(title: w("national.title"), view.view)
        } catch let failure as ValidationFailure {
            let problems = failure.issues.map(ValidationText(w).describe).joined(separator: "; ")
            return req.page(
                title: w("national.title"), status: .badRequest,
                .div(.class("alert"), .attr("role", "alert"), .words(problems)))
        }
    }

    func saveNational(_ req: Request) async throws -> Response {
        _ = try req.signedIn()
        let principal = try await StatisticsService.requireReader(req)
        let form = try PostedForm.fields(req)
        guard let year = form["year"].flatMap({ Int($0) }), Observation.plausibleYears().contains(year) else {
            throw ValidationFailure([
                .init(
                    field: "year", message: "is not a year from 2000", code: "notAYear",
                    values: ["value": form["year"] ?? ""])
            ])
        }
        var counts: [NationalStatistics.JusticeCount] = []
        var problems: [ValidationIssue] = []
        for indicator in NationalPage.justiceIndicators {
            for sex in NationalPage.sexes {
                let field = NationalPage.fieldName(indicator, sex)
                let text = (form[field] ?? "").trimmingCharacters(in: .whitespaces)
                if text.isEmpty { continue }
                guard let n = Int(text), (0...CountRange.largestCount).contains(n) else {
                    problems.append(
                        .init(
                            field: field,
                            message: "'\(text)' is not a whole number from 0 to \(CountRange.largestCount)",
                            code: "notACount", values: ["value": text]))
                    continue
                }
                counts.append(.init(indicator: indicator, sex: sex, count: n))
            }
        }
        // Refused: the page again, the counts as typed, each problem beside its count; nothing is saved.
        if !problems.isEmpty {
            let w = req.localizer
            let view = NationalPage(
                w, try await StatisticsService.national(req, year: year),
                canEdit: principal.role == .nationalCoordinator,
                problem: nil, csrf: CSRF.token(for: req), entered: form, issues: problems)
            return req.page(title: w("national.title"), status: .unprocessableEntity, view.view)
        }
        try await req.store.national.saveJusticeCounts(year: year, counts: counts, by: principal)
        return req.redirect(to: "/stats/national?year=\(year)")
    }

    func exportNational(_ req: Request, _ format: String) async throws -> Response {
        _ = try req.signedIn()
        req.url.query = (req.url.query.map { $0 + "&" } ?? "") + "format=\(format)"
        return try await StatisticsAPIController().export(req)
    }
}
