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
            let code = (try? req.query.get(String.self, at: "country")) ?? ""
            var issues: [ValidationIssue] = []
            let found = Countries.find(code)
            if found == nil { issues.append(.init(field: "country", message: "'\(code)' is not an ISO 3166-1 alpha-3 country code")) }
            from = (try? req.query.get(Int.self, at: "from")) ?? year - 4
            to = (try? req.query.get(Int.self, at: "to")) ?? year
            if from > to || from < 1900 || to > year { issues.append(.init(field: "from", message: "the period \(from)–\(to) is not a range of past years")) }
            resamples = (try? req.query.get(Int.self, at: "bootstrap")) ?? 1000
            if resamples < 0 || resamples > 5000 { issues.append(.init(field: "bootstrap", message: "must be between 0 and 5000")) }
            seed = (try? req.query.get(UInt64.self, at: "seed")) ?? 1234
            guard issues.isEmpty, let found else { throw ValidationFailure(issues) }
            country = found.alpha3
        }
    }

    struct Outcome {
        let query: Query
        let table: CaptureTable
        let result: MSEEstimator.Result
    }

    static func run(_ req: Request, _ query: Query) async throws -> Outcome {
        let overlap = try await ListOverlap(store: req.store).table(country: query.country, from: query.from, to: query.to,
                                                                    for: req.requirePrincipal())
        guard overlap.table.lists.count >= 2 else {
            throw ValidationFailure([.init(field: "country", message: "multiple systems estimation needs cases from at least two organisations in \(query.country) in \(query.from)–\(query.to); found \(overlap.table.lists.count)")])
        }
        var estimator = MSEEstimator()
        estimator.resamples = query.resamples
        estimator.seed = query.seed
        let table = overlap.table, configured = estimator
        let result = try await req.application.threadPool.runIfActive { configured.estimate(table, notes: overlap.notes) }
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
    let intervals: [String: Double]
    let warnings: [String]

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
        intervals = Dictionary(uniqueKeysWithValues: r.intervals.map { (String($0.percentile), $0.value) })
        warnings = r.warnings
    }
}
