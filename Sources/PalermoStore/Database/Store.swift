import FluentKit
import Foundation
import PalermoCore

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
