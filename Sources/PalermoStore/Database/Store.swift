import FluentKit
import Foundation
import PalermoCore
import SQLKit

/// The persistence entry point: a database, the cipher for personal fields, and the rule for writing.
public struct Store: Sendable {
    public let database: any Database
    public let cipher: FieldCipher
    public let isPostgres: Bool
    private let gate: WriteGate?
    let auditBatcher: AuditBatcher

    public init(database: any Database, cipher: FieldCipher, isPostgres: Bool, gate: WriteGate?) {
        self.database = database
        self.cipher = cipher
        self.isPostgres = isPostgres
        self.gate = gate
        auditBatcher = AuditBatcher { drafts in
            try await Self.transaction(database, gate) { try await AuditLog.append(drafts, on: $0, isPostgres: isPostgres) }
        }
    }

    /// The same store reached through another handle on the same database, typically the one bound to a
    /// request's event loop: its queries then use that loop's connections instead of crossing to the loop
    /// the application's handle happened to pick. The audit batcher and the write gate stay shared.
    public func on(_ database: any Database) -> Store {
        Store(database: database, copying: self)
    }

    private init(database: any Database, copying other: Store) {
        self.database = database
        cipher = other.cipher
        isPostgres = other.isPostgres
        gate = other.gate
        auditBatcher = other.auditBatcher
    }

    /// Runs `body` in one transaction: all of it is written, or none of it.
    public func write<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await Self.transaction(database, gate, body)
    }

    private static func transaction<T: Sendable>(_ database: any Database, _ gate: WriteGate?,
                                                 _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        if let gate {
            return try await gate.pass { try await database.transaction { try await body($0) } }
        }
        return try await database.transaction { try await body($0) }
    }

    /// The database as SQL, for analytical queries and hot paths that skip Fluent's models. Both drivers
    /// Palermo runs on speak SQL; the error is for a driver that does not.
    var sql: any SQLDatabase {
        get throws {
            guard let sql = database as? any SQLDatabase else { throw StoreError.forbidden("this needs an SQL database") }
            return sql
        }
    }

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
        case .conflict(let current): "the case was changed by someone else meanwhile (it is now at version \(current)); reload it"
        }
    }
}
