import Foundation
import PalermoCore
import PalermoStats
import PalermoStore
import Vapor

/// Multiple systems estimation on Palermo's own records, shared by the API and the page.
struct EstimateService {
    struct Query {
        let country: String
        let from: Int
        let to: Int
        let resamples: Int
        let seed: UInt64

        init(_ req: Request) throws {
            let year = Calendar(identifier: .gregorian).component(.year, from: Date())
            let code = req.queryText("country") ?? ""
            var issues: [ValidationIssue] = []
            let found = Countries.find(code)
            if found == nil {
                issues.append(.init(field: "country", message: "'\(code)' is not an ISO 3166-1 alpha-3 country code"))
            }
            from = try req.queryInt("from", in: 1900...year, default: year - 4)
            to = try req.queryInt("to", in: 1900...year, default: year)
            if from > to {
                issues.append(.init(field: "from", message: "the period \(from)–\(to) is not a range of past years"))
            }
            resamples = try req.queryInt("bootstrap", in: 0...20_000, default: MSEEstimator().resamples)
            let seedText = req.queryText("seed")
            guard let seed = seedText.map({ UInt64($0) }) ?? 1234 else {
                throw ValidationFailure([
                    .init(field: "seed", message: "must be a whole number from 0 to \(UInt64.max)")
                ])
            }
            self.seed = seed
            guard issues.isEmpty, let found else { throw ValidationFailure(issues) }
            country = found.alpha3
        }
    }

    struct Outcome {
        let query: Query
        let table: CaptureTable
        let result: MSEEstimator.Result
    }

    /// Who may estimate, checked before the query is read.
    static func requireEstimator(_ req: Request) throws -> Principal {
        let principal = try req.requirePrincipal()
        guard principal.role.estimatesAcrossOrganisations else {
            throw Abort(.forbidden, reason: "estimates across organisations are for analysts and national coordinators")
        }
        return principal
    }

    static func run(_ req: Request, _ query: Query) async throws -> Outcome {
        let overlap = try await ListOverlap(store: req.store).table(
            country: query.country, from: query.from, to: query.to,
            for: req.requirePrincipal())
        guard overlap.table.lists.count >= 2 else {
            throw ValidationFailure([
                .init(
                    field: "country",
                    message:
                        "multiple systems estimation needs cases from at least two organisations in \(query.country) in \(query.from)–\(query.to); found \(overlap.table.lists.count)"
                )
            ])
        }
        var estimator = MSEEstimator()
        estimator.resamples = query.resamples
        estimator.seed = query.seed
        let table = overlap.table, configured = estimator
        let app = req.application
        let result = try await app.palermo.heavy.run { configured.estimate(table, notes: overlap.notes) }
        return Outcome(query: query, table: table, result: result)
    }
}

struct EstimateDTO: Content {
    struct Cell: Content {
        let lists: [String]
        let count: Int
    }

    let country: String
    let from: Int
    let to: Int
    let lists: [String]
    let cells: [Cell]
    let observed: Int
    let estimate: Double
    let model: [String]
    let resamples: Int
    let seed: UInt64
    let intervals: [String: Double]
    /// Each limit's standard error due to the finite number of resamples, by the same keys as `intervals`.
    let monteCarloError: [String: Double]
    let warnings: [String]
    /// Every resample's estimate, in the order drawn; null where a resample's fit diverged.
    let replicates: [Double?]

    enum CodingKeys: String, CodingKey {
        case country, from, to, lists, cells, observed, estimate, model, resamples, seed, intervals, warnings
        case replicates
        case monteCarloError = "monte_carlo_error"
    }

    init(_ outcome: EstimateService.Outcome) {
        let r = outcome.result, t = outcome.table
        country = outcome.query.country
        from = outcome.query.from
        to = outcome.query.to
        lists = t.lists
        cells = zip(t.histories, t.counts).map { history, count in
            Cell(lists: t.lists.indices.filter { history & (1 << $0) != 0 }.map { t.lists[$0] }, count: count)
        }
        observed = r.observed
        estimate = r.estimate
        model = r.model
        resamples = r.bootstrap.count
        seed = outcome.query.seed
        intervals = Dictionary(uniqueKeysWithValues: r.intervals.map { (String($0.percentile), $0.value) })
        // Too few resamples to measure it (under 40) leave it out; JSON has no NaN.
        monteCarloError = Dictionary(
            uniqueKeysWithValues: r.intervals.filter(\.monteCarloError.isFinite).map {
                (String($0.percentile), $0.monteCarloError)
            })
        warnings = r.warnings
        replicates = r.bootstrap.map { $0.isFinite ? $0 : nil }
    }
}
