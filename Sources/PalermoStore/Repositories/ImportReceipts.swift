import FluentKit
import Foundation
import PalermoCore
import SQLKit

/// What an import produced, kept so that a retried upload returns the first result instead of importing the
/// same cases again. Found by the client's `Idempotency-Key`, or, without one, by the file's digest within a day,
/// always for the same user.
public struct ImportReceipt: Sendable {
    static let table = "import_receipts"
    /// How long a file's digest alone identifies a retry.
    public static let digestWindow: TimeInterval = 24 * 3600

    public let userID: UUID
    public let key: String?
    public let digest: String

    public init(userID: UUID, key: String?, digest: String) {
        self.userID = userID
        self.key = key
        self.digest = digest
    }

    public enum Lookup: Sendable, Equatable {
        case none
        case done(caseCodes: [String])
        /// The key was used before for another file.
        case keyReused
    }

    /// The earlier import this upload repeats, if any.
    public func find(in store: Store) async throws -> Lookup {
        struct Row: Decodable { let digest: String; let case_codes: String }
        let select = try store.sql.select().columns("digest", "case_codes").from(Self.table).where(
            "user_id", .equal, userID)
        if let key {
            select.where("idempotency_key", .equal, key)
        } else {
            select.where("digest", .equal, digest).where(
                "created_at", .greaterThan, Date().timeIntervalSince1970 - Self.digestWindow)
        }
        guard let row = try await select.orderBy("created_at", .descending).first(decoding: Row.self) else {
            return .none
        }
        if key != nil && row.digest != digest { return .keyReused }
        return .done(caseCodes: row.case_codes.split(separator: ";").map(String.init))
    }

    func save(caseCodes: [String], on db: any Database) async throws {
        try await db.sql.insert(into: Self.table)
            .columns("id", "user_id", "idempotency_key", "digest", "case_codes", "created_at")
            .values(
                SQLBind(UUID()), SQLBind(userID), SQLBind(key), SQLBind(digest),
                SQLBind(caseCodes.joined(separator: ";")),
                SQLBind(Date().timeIntervalSince1970)
            )
            .run()
    }

    /// The receipts table; a user's key is unique, so two retries racing each other cannot both import.
    public struct Migration: AsyncMigration {
        public init() {}

        public func prepare(on database: any Database) async throws {
            try await database.schema(ImportReceipt.table)
                .id()
                .field("user_id", .uuid, .required)
                .field("idempotency_key", .string)
                .field("digest", .string, .required)
                .field("case_codes", .string, .required)
                .field("created_at", .double, .required)
                .unique(on: "user_id", "idempotency_key")
                .create()
            if let sql = database as? any SQLDatabase {
                try await sql.raw(
                    "CREATE INDEX IF NOT EXISTS import_receipts_by_digest ON import_receipts (user_id, digest)"
                ).run()
            }
        }

        public func revert(on database: any Database) async throws {
            try await database.schema(ImportReceipt.table).delete()
        }
    }
}
