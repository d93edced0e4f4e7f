import FluentKit
import SQLKit

/// GLOTIP-shaped statistics: datasets (a published file, or a country's national figures) and their cells.
public struct CreateStatistics: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema("stat_datasets")
            .field("name", .string, .required, .identifier(auto: false))
            .field("kind", .string, .required)
            .field("digest", .string, .required)
            .field("rows_read", .int, .required)
            .field("notes", .string, .required)
            .field("imported_at", .double, .required)
            .field("imported_by", .string, .required)
            .create()
        try await database.schema("stat_observations")
            .field("dataset", .string, .required, .references("stat_datasets", "name"))
            .field("area", .string, .required)
            .field("area_name", .string, .required)
            .field("region", .string, .required)
            .field("subregion", .string, .required)
            .field("indicator", .string, .required)
            .field("dimension", .string, .required)
            .field("category", .string, .required)
            .field("category_area", .string)
            .field("sex", .string, .required)
            .field("age", .string, .required)
            .field("year", .int, .required)
            .field("low", .int, .required)
            .field("high", .int, .required)
            .field("source_row", .int)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.raw(
                "CREATE INDEX IF NOT EXISTS stat_observations_by_dataset ON stat_observations (dataset, year)"
            ).run()
        }
    }

    public func revert(on database: any Database) async throws {
        try await database.schema("stat_observations").delete()
        try await database.schema("stat_datasets").delete()
    }
}
