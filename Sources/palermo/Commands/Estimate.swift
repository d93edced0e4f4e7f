import ArgumentParser
import Foundation
import PalermoCore
import PalermoIO
import PalermoStats

struct Estimate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Estimate the total number of victims, observed and hidden, from a list-overlap table (multiple systems estimation).",
        discussion: """
            FILE has one 0/1 column per list and a last column 'count': the number of people with exactly that
            capture history. Method: Chan, Silverman and Vincent (2019), as in the R package SparseMSE.
            """)

    @ArgumentParser.Argument(help: "The list-overlap table (CSV).") var file: String
    @ArgumentParser.Option(help: "Bootstrap resamples for the confidence intervals (0: point estimate only).")
    var bootstrap = 10_000
    @ArgumentParser.Option(help: "Seed of the bootstrap's random stream.") var seed: UInt64 = 1234
    @ArgumentParser.Option(help: "p-value threshold of the stepwise selection.") var threshold = 0.02
    @ArgumentParser.Option(help: "Model selection: stepwise, aic or bic.") var select = "stepwise"
    @ArgumentParser.Flag(help: "Print one JSON object.") var json = false
    @ArgumentParser.Option(help: "Also write every resample's estimate to this CSV file.") var replicates: String?

    func validate() throws {
        guard ModelSelection(rawValue: select) != nil else {
            throw ValidationError("--select must be stepwise, aic or bic")
        }
        guard (0...1_000_000).contains(bootstrap) else {
            throw ValidationError("--bootstrap must be between 0 and 1,000,000")
        }
        guard threshold >= 0 && threshold <= 1 else { throw ValidationError("--threshold must be between 0 and 1") }
    }

    func run() throws {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
            throw ValidationError("cannot read \(file)")
        }
        let parsed: (table: CaptureTable, notes: [String])
        do { parsed = try CaptureTableReader.read(data) } catch let failure as ValidationFailure {
            throw ValidationError("\(file): " + failure.issues.map(\.description).joined(separator: "; "))
        }
        var estimator = MSEEstimator()
        estimator.selection = ModelSelection(rawValue: select)!
        estimator.threshold = threshold
        estimator.resamples = bootstrap
        estimator.seed = seed
        let result = estimator.estimate(parsed.table, notes: parsed.notes)
        if let replicates {
            do { try EstimateFiles.replicates(result).write(to: URL(fileURLWithPath: replicates)) } catch {
                throw ValidationError("cannot write \(replicates)")
            }
        }
        print(json ? Self.json(result) : Self.text(result))
    }

    static func text(_ r: MSEEstimator.Result) -> String {
        var lines = [
            "Lists: \(r.lists.joined(separator: ", "))",
            "Observed: \(r.observed)",
            "Model: main effects" + (r.model.isEmpty ? "" : " + " + r.model.joined(separator: " + ")),
            "Estimated total: \(String(format: "%.2f", r.estimate)) (hidden: \(String(format: "%.2f", r.estimate - Double(r.observed))))",
        ]
        if !r.intervals.isEmpty {
            lines.append("BCa bootstrap percentiles (\(r.bootstrap.count) resamples; ± Monte Carlo error):")
            lines += r.intervals.map {
                "  \(String(format: "%5.1f", $0.percentile * 100)) %  \(String(format: "%.1f", $0.value))"
                    + "  ± \(String(format: "%.1f", $0.monteCarloError))"
            }
        }
        lines += r.warnings.map { "Warning: \($0)" }
        return lines.joined(separator: "\n")
    }

    static func json(_ r: MSEEstimator.Result) -> String {
        var intervals: [String: Double] = [:], errors: [String: Double] = [:]
        for limit in r.intervals {
            intervals[String(limit.percentile)] = limit.value
            errors[String(limit.percentile)] = limit.monteCarloError
        }
        let object: [String: Any] = [
            "lists": r.lists, "observed": r.observed, "estimate": r.estimate, "model": r.model,
            "resamples": r.bootstrap.count, "intervals": intervals, "monte_carlo_error": errors,
            "warnings": r.warnings,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
