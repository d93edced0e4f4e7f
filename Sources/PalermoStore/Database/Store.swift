import FluentKit
import Foundation
import PalermoCore
import SQLKit

/// The persistence entry point: a database, the cipher for personal fields, and the rule for writing.
public struct Store: Sendable {
    public let database: any Database
    public let cipher: FieldCipher
    public let isPostgres: Bool
    let groupCommit: GroupCommit

    /// `writer`, if given, is the handle the group commit writes through: on a SQLite file, a connection
    /// of its own (see `GroupCommit`).
    public init(database: any Database, cipher: FieldCipher, isPostgres: Bool, writer: (any Database)? = nil) {
        self.database = database
        self.cipher = cipher
        self.isPostgres = isPostgres
        groupCommit = GroupCommit(database: writer ?? database, isPostgres: isPostgres, keys: cipher.keys)
    }

    /// The same store reached through another handle on the same database, typically the one bound to a
    /// request's event loop: its queries then use that loop's connections instead of crossing to the loop
    /// the application's handle happened to pick. Writes still go through the one group commit.
    public func on(_ database: any Database) -> Store {
        Store(database: database, copying: self)
    }

    private init(database: any Database, copying other: Store) {
        self.database = database
        cipher = other.cipher
        isPostgres = other.isPostgres
        groupCommit = other.groupCommit
    }

    /// Runs `body` in a transaction: all of it is written, or none of it. `body` must not wait for another write.
    ///
    /// SQLite has a single writer, so there writes share transactions with others waiting at the same moment
    /// (see `GroupCommit`). PostgreSQL runs writers side by side on several connections, ordered only where
    /// they meet at the audit chain's head; measured, that beats sharing one connection's transaction.
    public func write<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        if isPostgres { return try await database.transaction { try await body($0) } }
        return try await groupCommit.write(body)
    }

    /// Saves a model (a new one or a change) with the audit entry that records it, in one commit.
    public func save(_ model: any Model, audited draft: AuditDraft) async throws {
        let isPostgres = self.isPostgres, keys = cipher.keys
        try await write { db in
            try await model.save(on: db)
            try await AuditLog.append([draft], on: db, isPostgres: isPostgres, keys: keys)
        }
    }

    /// The database as SQL (see `Database.sql`).
    public var sql: any SQLDatabase { get throws { try database.sql } }

    public var cases: CaseRepository { CaseRepository(store: self) }
    public var audit: AuditLog { AuditLog(store: self) }
}

public enum StoreError: Error, Equatable, CustomStringConvertible {
    case notFound
    case forbidden(String)
    case conflict(current: Int)

    public var description: String {
        switch self {
        case .notFound: "not found"
        case .forbidden(let why): "forbidden: \(why)"
        case .conflict(let current):
            "the case was changed by someone else meanwhile (it is now at version \(current)); reload it"
        }
    }
}

extension Database {
    /// The database as SQL, for analytical queries and hot paths that skip Fluent's models. Both drivers
    /// Palermo runs on speak SQL; the error is for a driver that does not.
    public var sql: any SQLDatabase {
        get throws {
            guard let sql = self as? any SQLDatabase else { throw StoreError.forbidden("this needs an SQL database") }
            return sql
        }
    }
}
