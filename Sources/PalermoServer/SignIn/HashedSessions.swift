import FluentKit
import Foundation
import PalermoCore
import PalermoStore
import SQLKit
import Vapor

/// Server-side sessions whose ids are stored only as SHA-256 digests (a copy of the table opens no session),
/// and which end on the server after `sessionIdleLimit` without a request and after `sessionAbsoluteLimit`
/// in any case, whatever the browser keeps. Writes go through the store's writer (group commit on SQLite).
struct HashedSessions: AsyncSessionDriver {
    static let table = "signin_sessions"
    /// The last-seen time is written at most this often, so that reading pages does not write on every request.
    static let touchInterval: TimeInterval = 60

    func createSession(_ data: SessionData, for request: Request) async throws -> SessionID {
        let id = Secrets.token(bytes: 32)
        // Vapor starts an empty session for a cookie it no longer knows (one that expired); nothing to keep.
        guard !data.snapshot.isEmpty else { return SessionID(string: id) }
        let digest = Self.digest(id), json = try Self.encode(data), now = Date().timeIntervalSince1970
        let limits = request.application.palermo.config
        try await request.store.write { db in
            let sql = try db.sql
            // Expired sessions of anyone are cleared as new ones begin.
            try await sql.delete(from: Self.table)
                .where("seen_at", .lessThan, now - limits.sessionIdleLimit)
                .orWhere("created_at", .lessThan, now - limits.sessionAbsoluteLimit).run()
            try await sql.insert(into: Self.table).columns("id_hash", "data", "created_at", "seen_at")
                .values(SQLBind(digest), SQLBind(json), SQLBind(now), SQLBind(now)).run()
        }
        return SessionID(string: id)
    }

    func readSession(_ sessionID: SessionID, for request: Request) async throws -> SessionData? {
        struct Row: Decodable { let data: String; let created_at: Double; let seen_at: Double }
        let digest = Self.digest(sessionID.string), now = Date().timeIntervalSince1970
        guard sessionID.string.utf8.count <= 128,
            let row = try await request.store.sql.select().columns("data", "created_at", "seen_at").from(Self.table)
                .where("id_hash", .equal, digest).first(decoding: Row.self)
        else { return nil }
        let limits = request.application.palermo.config
        if now - row.seen_at > limits.sessionIdleLimit || now - row.created_at > limits.sessionAbsoluteLimit {
            try await deleteSession(sessionID, for: request)
            return nil
        }
        if now - row.seen_at > Self.touchInterval {
            try await request.store.write { db in
                try await db.sql.update(Self.table).set("seen_at", to: now).where("id_hash", .equal, digest).run()
            }
        }
        let data = try Self.decode(row.data)
        request.storage[ReadData.self] = data.snapshot
        return data
    }

    /// The session's data as read for this request: Vapor saves every session a request touched, and a page
    /// that only read it (its user, its form token) need not write it back.
    private struct ReadData: StorageKey { typealias Value = [String: String] }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) async throws -> SessionID {
        if data.snapshot == request.storage[ReadData.self] { return sessionID }
        let digest = Self.digest(sessionID.string), json = try Self.encode(data), now = Date().timeIntervalSince1970
        try await request.store.write { db in
            try await db.sql.update(Self.table).set("data", to: json).set("seen_at", to: now)
                .where("id_hash", .equal, digest).run()
        }
        return sessionID
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) async throws {
        let digest = Self.digest(sessionID.string)
        try await request.store.write { db in
            try await db.sql.delete(from: Self.table).where("id_hash", .equal, digest).run()
        }
    }

    static func digest(_ id: String) -> String { Secrets.digest(id) }

    /// Ends every session of a user (new role, disabled account).
    static func endAll(of userID: UUID, store: Store) async throws {
        // The session data is JSON of string values that holds the user's id as `"user":"<uuid>"`.
        let pattern = "%\"user\":\"\(userID.uuidString)\"%"
        try await store.write { db in
            try await db.sql.delete(from: Self.table).where("data", .like, pattern).run()
        }
    }

    private static func encode(_ data: SessionData) throws -> String {
        String(decoding: try JSONEncoder().encode(data.snapshot), as: UTF8.self)
    }

    private static func decode(_ text: String) throws -> SessionData {
        SessionData(initialData: try JSONDecoder().decode([String: String].self, from: Data(text.utf8)))
    }

    /// The table; the sessions of Vapor's Fluent driver (ids in the clear) are dropped with it.
    struct Migration: AsyncMigration {
        func prepare(on database: any Database) async throws {
            try await database.schema(HashedSessions.table)
                .field("id_hash", .string, .identifier(auto: false))
                .field("data", .string, .required)
                .field("created_at", .double, .required)
                .field("seen_at", .double, .required)
                .create()
            try await database.schema("_fluent_sessions").delete()
        }

        func revert(on database: any Database) async throws {
            try await database.schema(HashedSessions.table).delete()
        }
    }
}
