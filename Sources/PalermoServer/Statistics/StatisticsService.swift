import Foundation
import PalermoCore
import PalermoIO
import PalermoReport
import PalermoStats
import PalermoStore
import Vapor

/// The request side of the statistics pages and API: who may ask, and what they asked for.
enum StatisticsService {
    struct PatternsQuery {
        let from: Int
        let to: Int
        let region: String?
        let source: String
        /// `complete=only`: countries that published only part of a figure are left out.
        let completeOnly: Bool

        /// `dataYears`: the period the source has data for, the default (see `StatisticsService.dataYears(_:)`).
        init(_ req: Request, dataYears: ClosedRange<Int>) throws {
            let years = Observation.plausibleYears()
            from = try req.queryInt("from", in: years, default: dataYears.lowerBound)
            to = try req.queryInt("to", in: years, default: dataYears.upperBound)
            region = req.queryText("region")
            source = Self.source(req)
            completeOnly = req.queryText("complete") == "only"
            var problems: [ValidationIssue] = []
            if from > to { problems.append(.init(field: "from", message: "must not be after 'to'")) }
            if to - from > 30 { problems.append(.init(field: "to", message: "a report spans at most 30 years")) }
            if !problems.isEmpty { throw ValidationFailure(problems) }
        }

        static func source(_ req: Request) -> String { req.queryText("source") ?? "GLOTIP" }

        var queryString: String {
            "from=\(from)&to=\(to)&source=\(source.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? "")"
                + (region.map { "&region=\($0.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? "")" }
                    ?? "") + (completeOnly ? "&complete=only" : "")
        }
    }

    /// The query of a report, its period defaulting to the source's own years.
    static func patternsQuery(_ req: Request) async throws -> PatternsQuery {
        try PatternsQuery(req, dataYears: try await dataYears(req))
    }

    /// The years a source has figures for: the report's default period, so that it opens on the data's own
    /// years rather than on years without data. Case records: the last five years.
    static func dataYears(_ req: Request) async throws -> ClosedRange<Int> {
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        let source = ReportSource(PatternsQuery.source(req))
        guard case .dataset(let name) = source, let years = try await req.store.statistics.years(in: name) else {
            return (year - 4)...year
        }
        // A long series opens on its last 30 years, the most a report spans.
        return max(years.lowerBound, years.upperBound - 30)...years.upperBound
    }

    /// Case counts by dimension, withheld below the server's threshold for readers across organisations.
    static func caseStatistics(_ req: Request) -> CaseStatistics {
        CaseStatistics(store: req.store, threshold: req.application.palermo.config.suppressBelow)
    }

    /// `method=suppression` (the default) or `method=rounding`: how counts are protected across organisations.
    static func protection(_ req: Request) throws -> CaseStatistics.Protection {
        guard let text = req.queryText("method") else { return .suppression }
        guard let method = CaseStatistics.Protection(rawValue: text) else {
            throw ValidationFailure([
                .init(
                    field: "method",
                    message:
                        "must be one of \(CaseStatistics.Protection.allCases.map(\.rawValue).joined(separator: ", "))")
            ])
        }
        return method
    }

    static func requireReader(_ req: Request) async throws -> Principal {
        let principal = try req.requirePrincipal()
        guard principal.role.readsNationalStatistics else {
            try await req.store.audit.record([
                AuditDraft(
                    actor: principal, action: .denied, detail: "national statistics: role \(principal.role.rawValue)")
            ])
            throw Abort(.forbidden, reason: "the \(principal.role.rawValue) role has no access to national statistics")
        }
        return principal
    }

    /// The report a request asks for. The role is checked before the query is read: a caller without access
    /// learns nothing from how their parameters are judged.
    static func patterns(_ req: Request) async throws -> (query: PatternsQuery, report: PatternsAndFlowsReport) {
        let principal = try await requireReader(req)
        let query = try await patternsQuery(req)
        return (query, try await patterns(req, query, by: principal))
    }

    /// The report for a query. A coordinator's report from case records covers their own country only.
    static func patterns(
        _ req: Request, _ query: PatternsQuery, by principal: Principal
    ) async throws -> PatternsAndFlowsReport {
        let source = ReportSource(query.source)
        var scope = PatternsAndFlowsReport.Scope(
            from: query.from, to: query.to, region: query.region, source: source.name,
            completeOnly: query.completeOnly)
        let threshold =
            source == .cases && !principal.role.readsExactAggregates
            ? req.application.palermo.config.suppressBelow : nil
        scope.withheldBelow = threshold
        let app = req.application
        // One place of the bounded pool for the whole report: reading its cells, then computing it on a
        // thread of the pool, so that eight reports at once neither starve the event loops nor the database.
        return try await app.palermo.heavy.withPlace {
            let input = try await notFoundIfForbidden {
                // A release feeds the report of those who may read it (a coordinator: their country's).
                if case .release(let id) = source { _ = try await req.store.releases.release(id, for: principal) }
                let country = source == .cases ? try await req.store.national.allowedCountry(nil, for: principal) : nil
                return try await req.store.patternsAndFlowsInput(
                    from: source, scope, country: country, withholdingBelow: threshold)
            }
            return try await app.palermo.heavy.compute { try input.report() }
        }
    }

    /// Another country's figures, or a missing dataset, answer 404 like anything else that is not there.
    private static func notFoundIfForbidden<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch StoreError.forbidden(let why) { throw Abort(.notFound, reason: why) }
    }

    /// A country's figures for a year: detected victims from cases and the criminal-justice counts entered.
    struct National {
        let country: Country
        let year: Int
        let fromCases: NationalStatistics.FromCases
        let justice: [Observation]

        var observations: [Observation] { fromCases.observations + justice }

        /// Cells in the order of the published file: indicator, dimension, category, sex, age.
        var sortedObservations: [Observation] {
            observations.sorted {
                ($0.indicator.slug, $0.dimension.rawValue, $0.category, $0.sex.rawValue, $0.age.rawValue)
                    < ($1.indicator.slug, $1.dimension.rawValue, $1.category, $1.sex.rawValue, $1.age.rawValue)
            }
        }

        /// A value as UNODC publishes it: counts of 1 to 4 as `<5`; a withheld cell as the range a reader could
        /// narrow it to ("0–12"), or `<5` when that is 0 to 4.
        static func published(_ value: CountRange) -> String {
            guard value.isExact else { return value.published }
            return (1...4).contains(value.low) ? "<5" : String(value.low)
        }

        /// Rows in the published GLOTIP layout. Counts of 1 to 4 are written `<5`, as UNODC publishes them.
        var glotipRows: [[String]] {
            [GLOTIPReader.Column.allCases.map(\.rawValue)]
                + sortedObservations.map { o in
                    [
                        country.alpha3, country.name, country.region, country.subregion, o.indicator.rawValue,
                        o.dimension.rawValue,
                        o.category, o.sex.rawValue, o.age.rawValue, String(o.year), "Counts",
                        Self.published(o.value), "Palermo",
                    ]
                }
        }
    }

    /// A country's figures for the year in the query, or for `year` when given (a posted form).
    static func national(_ req: Request, year chosen: Int? = nil) async throws -> National {
        let principal = try await requireReader(req)
        let requested = req.queryText("country")
        let lastYear = Calendar(identifier: .gregorian).component(.year, from: Date()) - 1
        let year = try chosen ?? req.queryInt("year", in: Observation.plausibleYears(), default: lastYear)
        let code = try await notFoundIfForbidden {
            try await req.store.national.allowedCountry(requested, for: principal)
        }
        // An analyst who names no country starts with the first organisation's.
        let fallback =
            principal.role == .analyst
            ? try await OrganisationModel.query(on: req.store.database).first()?.country : nil
        guard let code = code ?? fallback, let country = Countries.find(code) else {
            throw ValidationFailure([.init(field: "country", message: "name a country by its ISO 3166-1 alpha-3 code")])
        }
        let exact = try await req.store.national.fromCases(country: country.alpha3, years: year...year)
        let fromCases =
            principal.role.readsExactAggregates
            ? exact : exact.withholding(below: req.application.palermo.config.suppressBelow)
        let justice = try await req.store.national.justiceCounts(country: country.alpha3).filter { $0.year == year }
        return National(country: country, year: year, fromCases: fromCases, justice: justice)
    }
}
