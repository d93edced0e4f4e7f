import Foundation
import PalermoCore
import PalermoStats
import SQLKit

/// Where the patterns-and-flows figures come from: a stored dataset (UNODC's published GLOTIP data, a
/// country's national figures) or Palermo's own case records, grouped in the database.
public enum ReportSource: Sendable, Equatable {
    case dataset(String)
    case cases
    /// The records of a release (k-anonymous or synthetic): what was published, never more.
    case release(UUID)

    public init(_ text: String) {
        if text.lowercased().hasPrefix("release:"), let id = UUID(uuidString: String(text.dropFirst(8))) {
            self = .release(id)
        } else {
            self = text.lowercased() == "cases" ? .cases : .dataset(text)
        }
    }

    public var name: String {
        switch self {
        case .dataset(let name) where name.hasPrefix("national:"):
            "national figures entered for \(name.dropFirst("national:".count))"
        case .dataset(let name): "dataset \(name)"
        case .cases: "Palermo's case records"
        case .release(let id): "the de-identified records of release \(id)"
        }
    }
}

extension Store {
    /// `country` limits a report from case records to one country (a national coordinator's own);
    /// `withholdingBelow` protects its small counts for a reader not entitled to exact figures.
    public func patternsAndFlows(
        from source: ReportSource, _ scope: PatternsAndFlowsReport.Scope, country: String? = nil,
        withholdingBelow threshold: Int? = nil
    ) async throws -> PatternsAndFlowsReport {
        let input = try await patternsAndFlowsInput(
            from: source, scope, country: country, withholdingBelow: threshold)
        return try input.report()
    }

    /// What a report is computed from, read from the database: the cells and the notes. Computing the report
    /// (`ReportInput.report()`) is CPU work that a server runs off its event loops.
    public func patternsAndFlowsInput(
        from source: ReportSource, _ scope: PatternsAndFlowsReport.Scope,
        country: String? = nil, withholdingBelow threshold: Int? = nil
    ) async throws -> ReportInput {
        switch source {
        case .dataset(let name):
            guard let dataset = try await statistics.datasets().first(where: { $0.name == name }) else {
                throw StoreError.forbidden(
                    "there is no statistics dataset '\(name)'; import one with `palermo import glotip FILE`")
            }
            let rows = try await statistics.observationRows(in: name, years: scope.years)
            return ReportInput(
                observations: { try StatisticsRepository.decode(rows) }, scope: scope, notes: dataset.notes)
        case .release(let id):
            let groups = try await releases.facetGroups(of: id)
            let (observations, undated, total) = NationalStatistics.detectedVictims(groups, years: scope.years)
            return ReportInput(
                observations: { observations }, scope: scope,
                notes: [
                    "\(total) de-identified record(s) of release \(id), counted as published; \(undated) without a "
                        + "single year (generalised or empty) are left out"
                ])
        case .cases:
            let built = try await national.fromCases(country: country, years: scope.years)
            func count(_ n: Int) -> String { threshold.map { n > 0 && n < $0 ? "fewer than \($0)" : "\(n)" } ?? "\(n)" }
            var notes = [
                "\(count(built.cases)) case record(s)\(country.map { " in \($0)" } ?? ""); \(count(built.undated)) without an identification date (cas_IncomingReferralDate) are left out"
            ]
            if let threshold {
                notes.append(
                    "counts below \(threshold) are withheld, and so are the counts that would give them away; "
                        + "a withheld cell counts as the range a reader could narrow it to")
            }
            // Protecting the cells is CPU work: it runs with the report, off the event loops.
            return ReportInput(
                observations: { threshold.map { built.withholding(below: $0).observations } ?? built.observations },
                scope: scope, notes: notes)
        }
    }
}

/// A report's cells as read (decoded when the report is computed) and its scope and notes.
public struct ReportInput: Sendable {
    let observations: @Sendable () throws -> [Observation]
    let scope: PatternsAndFlowsReport.Scope
    let notes: [String]

    /// Decodes the cells and computes the report: call it off the event loops.
    public func report() throws -> PatternsAndFlowsReport {
        PatternsAndFlowsAnalysis(try observations()).report(scope, notes: notes)
    }
}
