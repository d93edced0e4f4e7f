import Foundation
import PalermoCore
import PalermoIO
import PalermoReport
import PalermoStats
import PalermoStore
import Vapor

extension PatternsAndFlowsReport: Content {}
extension StatisticsRepository.Dataset: Content {}
extension Observation: Content {}

/// GLOTIP-shaped statistics: datasets, the patterns-and-flows report and its tables, national figures.
struct StatisticsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let statistics = routes.grouped("statistics")
        statistics.get("datasets", use: datasets)
        statistics.get("patterns-and-flows", use: patterns)
        statistics.get("patterns-and-flows", ":table", use: table)
        statistics.get("national", use: national)
        statistics.put("national", "justice", use: saveJustice)
        statistics.get("national", "export", use: export)
    }

    func datasets(_ req: Request) async throws -> [StatisticsRepository.Dataset] {
        _ = try await StatisticsService.requireReader(req)
        return try await req.store.statistics.datasets()
    }

    /// The report as JSON, encoded on the thread pool: a whole report is over 100 kB of JSON.
    func patterns(_ req: Request) async throws -> Response {
        let report = try await StatisticsService.patterns(req).report
        let json = try await req.application.palermo.heavy.compute { try JSONEncoder().encode(report) }
        return Response(
            status: .ok, headers: ["Content-Type": "application/json; charset=utf-8"], body: .init(data: json))
    }

    /// One table of the report as CSV: `/statistics/patterns-and-flows/regions.csv`.
    func table(_ req: Request) async throws -> Response {
        let name = (req.parameters.get("table") ?? "").replacingOccurrences(of: ".csv", with: "")
        let report = try await StatisticsService.patterns(req).report
        guard let table = report.table(named: name) else {
            throw Abort(
                .notFound, reason: "no table '\(name)'; tables: \(report.tables.map(\.name).joined(separator: ", "))")
        }
        return Response.download(
            try CSVTable.write(table.csvRows), contentType: "text/csv",
            filename: "\(name)-\(report.scope.from)-\(report.scope.to).csv")
    }

    struct NationalDTO: Content {
        let country: String
        let year: Int
        /// Nil when withheld (below the threshold, for a reader not entitled to exact figures).
        let cases: Int?
        let undatedCases: Int?
        /// Case records about a person already counted (the same linkage key): people are counted once.
        let mergedRecords: Int?
        let observations: [Observation]
    }

    func national(_ req: Request) async throws -> NationalDTO {
        let n = try await StatisticsService.national(req)
        return NationalDTO(
            country: n.country.alpha3, year: n.year, cases: n.fromCases.shown(n.fromCases.cases),
            undatedCases: n.fromCases.shown(n.fromCases.undated), mergedRecords: n.fromCases.shown(n.fromCases.merged),
            observations: n.observations)
    }

    struct JusticeInput: Content {
        let country: String?
        let year: Int
        let counts: [NationalStatistics.JusticeCount]
    }

    func saveJustice(_ req: Request) async throws -> NationalDTO {
        let principal = try await StatisticsService.requireReader(req)
        let input = try req.content.decode(JusticeInput.self)
        let country = try await req.store.national.saveJusticeCounts(
            country: input.country, year: input.year, counts: input.counts, by: principal)
        req.url.query = "country=\(country)&year=\(input.year)"
        return try await national(req)
    }

    func export(_ req: Request) async throws -> Response {
        let n = try await StatisticsService.national(req)
        let format = (try? req.query.get(String.self, at: "format")) ?? "csv"
        let name = "glotip-\(n.country.alpha3)-\(n.year)"
        if format == "xlsx" {
            return Response.download(
                try XLSXTable.write(n.glotipRows, sheetName: "data_glotip"),
                contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                filename: "\(name).xlsx")
        }
        return Response.download(try CSVTable.write(n.glotipRows), contentType: "text/csv", filename: "\(name).csv")
    }
}
