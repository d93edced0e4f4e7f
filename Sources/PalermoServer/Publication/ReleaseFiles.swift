import Foundation
import PalermoCore
import PalermoIO
import PalermoReport
import PalermoStats
import PalermoStore

/// The files of a release: the published data as CSV (a protected table, or the records), the aggregate counts
/// beside synthetic records, a data dictionary, the report as self-contained HTML, and the parameters with the
/// figures as JSON. The server stores them; `palermo publish` writes them to a folder.
public enum ReleaseFiles {
    public struct File: Sendable {
        public let name: String
        public let mediaType: String
        public let data: Data
    }

    /// What a release records beside its files: the figures its report shows.
    public struct Figures: Sendable, Codable, Equatable {
        public let records: Int
        public let before: RiskAudit.Report?
        public let after: RiskAudit.Report?
        public let table: ReleaseOutcome.TableSummary?
        public let anonymity: ReleaseOutcome.AnonymitySummary?
        public let utility: SynthesisUtility?

        public init(_ outcome: ReleaseOutcome) {
            records = outcome.records
            before = outcome.before
            after = outcome.after
            table = outcome.table
            anonymity = outcome.anonymity
            utility = outcome.utility
        }
    }

    static let csv = "text/csv; charset=utf-8"

    public static func make(_ outcome: ReleaseOutcome, created: Date, wording w: Wording) throws -> [File] {
        let dataName = outcome.request.method == .table ? "table.csv" : "records.csv"
        var files = [File(name: dataName, mediaType: csv, data: try published(outcome))]
        if let aggregates = outcome.aggregates {
            files.append(File(name: "aggregates.csv", mediaType: csv, data: try CSVTable.write(aggregates)))
        }
        files.append(File(name: "dictionary.csv", mediaType: csv, data: try CSVTable.write(outcome.dictionary)))
        let report = ReleaseDocument.html(outcome, created: w.dateTime(created), wording: w)
        files.append(File(name: "report.html", mediaType: "text/html; charset=utf-8", data: Data(report.utf8)))
        files.append(File(name: "release.json", mediaType: "application/json", data: try json(outcome)))
        return files
    }

    /// Stores the release's files with its parameters, its figures and its audit entry.
    public static func record(
        _ outcome: ReleaseOutcome, wording: Wording, in store: Store, by principal: Principal
    ) async throws -> ReleaseRecord {
        let files = try make(outcome, created: Date(), wording: wording)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try await store.releases.save(
            country: outcome.request.country, method: outcome.request.method.rawValue,
            parameters: String(decoding: try encoder.encode(outcome.request), as: UTF8.self),
            summary: String(decoding: try encoder.encode(Figures(outcome)), as: UTF8.self),
            files: files.map { ($0.name, $0.mediaType, $0.data) }, by: principal)
    }

    /// The published table, or the records with a header row.
    public static func published(_ outcome: ReleaseOutcome) throws -> Data {
        guard let records = outcome.publishedRecords else { return try CSVTable.write(outcome.data) }
        return try CSVTable.write(count: records.count + 1) { $0 == 0 ? records.attributes : records.record($0 - 1) }
    }

    static func json(_ outcome: ReleaseOutcome) throws -> Data {
        struct Release: Encodable {
            let request: ReleaseRequest
            let figures: Figures
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(Release(request: outcome.request, figures: Figures(outcome)))
    }
}
