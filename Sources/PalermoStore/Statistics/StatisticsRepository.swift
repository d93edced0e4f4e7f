import Crypto
import FluentKit
import Foundation
import PalermoCore
import SQLKit

/// The statistics store: named datasets of GLOTIP-shaped observations. Importing a dataset replaces it
/// in one transaction, and importing the same content again changes nothing (its digest is compared first).
public struct StatisticsRepository: Sendable {
    let store: Store

    public struct Dataset: Sendable, Codable, Equatable {
        public let name: String
        public let kind: String
        public let rowsRead: Int
        public let observations: Int
        public let notes: [String]
        public let importedAt: Date
        public let importedBy: String
    }

    public enum ImportOutcome: Sendable, Equatable {
        case created(Int), replaced(Int), unchanged
    }

    /// Writes `observations` as dataset `name` unless it already holds exactly these. `progress` is told
    /// how many cells are written so far.
    public func importDataset(
        _ name: String, kind: String, observations: [Observation], rowsRead: Int, notes: [String], by actor: String,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async throws -> ImportOutcome {
        let digest = Self.digest(observations)
        return try await store.write { db in
            let sql = try db.sql
            struct Existing: Decodable { let digest: String }
            let existing = try await sql.select().column("digest").from("stat_datasets").where("name", .equal, name)
                .first(decoding: Existing.self)
            if existing?.digest == digest { return .unchanged }
            try await sql.delete(from: "stat_observations").where("dataset", .equal, name).run()
            try await sql.delete(from: "stat_datasets").where("name", .equal, name).run()
            let noteText = String(decoding: try JSONEncoder().encode(notes), as: UTF8.self)
            try await sql.insert(into: "stat_datasets")
                .columns("name", "kind", "digest", "rows_read", "notes", "imported_at", "imported_by")
                .values(
                    SQLBind(name), SQLBind(kind), SQLBind(digest), SQLBind(rowsRead), SQLBind(noteText),
                    SQLBind(Date().timeIntervalSince1970), SQLBind(actor)
                )
                .run()
            try await insert(observations, into: name, on: sql, progress: progress)
            try await AuditLog.append(
                [
                    AuditDraft(
                        actor: nil, actorName: actor, action: .import,
                        detail: "statistics dataset \(name): \(observations.count) cell(s)")
                ], on: db, isPostgres: store.isPostgres, keys: store.cipher.keys)
            return existing == nil ? .created(observations.count) : .replaced(observations.count)
        }
    }

    private func insert(
        _ observations: [Observation], into dataset: String, on sql: any SQLDatabase,
        progress: (@Sendable (Int, Int) -> Void)?
    ) async throws {
        let columns = [
            "dataset", "area", "area_name", "region", "subregion", "indicator", "dimension", "category",
            "category_area",
            "sex", "age", "year", "low", "high", "source_row",
        ]
        let batch = 1_000
        for start in stride(from: 0, to: observations.count, by: batch) {
            var insert = sql.insert(into: "stat_observations").columns(columns)
            for o in observations[start..<min(start + batch, observations.count)] {
                insert = insert.values(
                    [
                        SQLBind(dataset), SQLBind(o.area), SQLBind(o.areaName), SQLBind(o.region), SQLBind(o.subregion),
                        SQLBind(o.indicator.slug),
                        SQLBind(o.dimension.rawValue), SQLBind(o.category), SQLBind(o.categoryArea),
                        SQLBind(o.sex.rawValue), SQLBind(o.age.rawValue),
                        SQLBind(o.year), SQLBind(o.value.low), SQLBind(o.value.high), SQLBind(o.sourceRow),
                    ] as [any SQLExpression])
            }
            try await insert.run()
            progress?(min(start + batch, observations.count), observations.count)
        }
    }

    public func datasets() async throws -> [Dataset] {
        guard let sql = store.database as? any SQLDatabase else { return [] }
        struct Row: Decodable {
            let name, kind, notes, imported_by: String; let rows_read: Int; let imported_at: Double; let n: Int
        }
        return try await sql.raw(
            """
            SELECT d.name, d.kind, d.notes, d.imported_by, d.rows_read, d.imported_at,
                   (SELECT COUNT(*) FROM stat_observations o WHERE o.dataset = d.name) AS n
            FROM stat_datasets d ORDER BY d.name
            """
        ).all(decoding: Row.self).map {
            Dataset(
                name: $0.name, kind: $0.kind, rowsRead: $0.rows_read, observations: $0.n,
                notes: (try? JSONDecoder().decode([String].self, from: Data($0.notes.utf8))) ?? [],
                importedAt: Date(timeIntervalSince1970: $0.imported_at), importedBy: $0.imported_by)
        }
    }

    /// The cells of a dataset, optionally only for some years. Read column by column as the rows stream in:
    /// a report reads tens of thousands of cells, and decoding each row into a Decodable struct took most of its time.
    public func observations(in dataset: String, years: ClosedRange<Int>? = nil) async throws -> [Observation] {
        try Self.decode(try await observationRows(in: dataset, years: years))
    }

    /// The first and last year of a dataset's country figures; nil for an empty dataset.
    public func years(in dataset: String) async throws -> ClosedRange<Int>? {
        struct Span: Decodable { let first: Int?; let last: Int? }
        let span = try await store.sql.select()
            .column(SQLAlias(SQLFunction("MIN", args: SQLIdentifier("year")), as: SQLIdentifier("first")))
            .column(SQLAlias(SQLFunction("MAX", args: SQLIdentifier("year")), as: SQLIdentifier("last")))
            .from("stat_observations").where("dataset", .equal, dataset).where("region", .notEqual, "")
            .first(decoding: Span.self)
        guard let first = span?.first, let last = span?.last, first <= last else { return nil }
        return first...last
    }

    /// The rows of a dataset as the driver returns them. Decoding them (`decode(_:)`) is CPU work that a server
    /// does off its event loops: for the whole GLOTIP file it takes as long as the report itself.
    public func observationRows(in dataset: String, years: ClosedRange<Int>? = nil) async throws -> [any SQLRow] {
        guard let sql = store.database as? any SQLDatabase else { return [] }
        var query = sql.select().columns(
            "area", "area_name", "region", "subregion", "indicator", "dimension", "category", "category_area",
            "sex", "age", "year", "low", "high", "source_row"
        )
        .from("stat_observations").where("dataset", .equal, dataset)
        if let years {
            query = query.where("year", .greaterThanOrEqual, years.lowerBound).where(
                "year", .lessThanOrEqual, years.upperBound)
        }
        return try await query.all()
    }

    public static func decode(_ rows: [any SQLRow]) throws -> [Observation] {
        var observations: [Observation] = []
        observations.reserveCapacity(rows.count)
        for row in rows {
            func text(_ column: String) throws -> String { try row.decode(column: column, as: String.self) }
            guard let indicator = Indicator(slug: try text("indicator")),
                let dimension = Disaggregation(label: try text("dimension")),
                let sex = Sex(label: try text("sex")), let age = AgeBand(label: try text("age"))
            else { continue }
            observations.append(
                Observation(
                    area: try text("area"), areaName: try text("area_name"), region: try text("region"),
                    subregion: try text("subregion"),
                    indicator: indicator, dimension: dimension, category: try text("category"),
                    categoryArea: try row.decode(column: "category_area", as: String?.self), sex: sex, age: age,
                    year: try row.decode(column: "year", as: Int.self),
                    value: CountRange(
                        low: try row.decode(column: "low", as: Int.self),
                        high: try row.decode(column: "high", as: Int.self)),
                    sourceRow: try row.decode(column: "source_row", as: Int?.self)))
        }
        return observations
    }

    /// A fingerprint of the cells, independent of their order, so a re-import of the same file is recognised.
    static func digest(_ observations: [Observation]) -> String {
        let lines = observations.map {
            [
                $0.area, $0.areaName, $0.region, $0.subregion, $0.indicator.slug, $0.dimension.rawValue, $0.category,
                $0.categoryArea ?? "",
                $0.sex.rawValue, $0.age.rawValue, String($0.year), String($0.value.low), String($0.value.high),
            ].joined(separator: "\u{1F}")
        }.sorted()
        var hasher = SHA256()
        for line in lines { hasher.update(data: Data((line + "\n").utf8)) }
        return hasher.finalize().hexString
    }
}

extension Store {
    public var statistics: StatisticsRepository { StatisticsRepository(store: self) }
}
