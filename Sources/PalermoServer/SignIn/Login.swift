import Fluent
import Foundation
import PalermoCore
import PalermoStore
import SQLKit
import Vapor

/// Password login with lockout: after `maxFailures` wrong passwords the account is locked for `lockout`,
/// whatever is typed. Failures are counted by one atomic UPDATE in the database, so parallel guesses all
/// count. Unknown user, wrong password and locked account answer alike (401, the same body, one bcrypt each),
/// and the lock's end is never disclosed. Every success and failure goes to the audit log.
enum Login {
    static let maxFailures = 5
    static let lockout: TimeInterval = 15 * 60

    static let refused = Abort(.unauthorized, reason: "wrong username or password, or the account is locked")

    static func authenticate(username: String, password: String, on request: Request) async throws -> UserModel {
        let store = request.store, app = request.application
        let name = username.trimmingCharacters(in: .whitespaces).lowercased()
        guard name.count <= 64, password.utf8.count <= 4096,
            let user = try await UserModel.query(on: store.database).filter(\.$username == name).first(),
            let id = user.id
        else {
            _ = try await PasswordHashing.verify(password, hash: app.palermo.dummyPasswordHash, app: app)
            try await store.audit.record([
                AuditDraft(actor: nil, actorName: "unknown", action: .loginFailed, detail: "unknown username")
            ])
            throw refused
        }
        let matches = try await PasswordHashing.verify(password, hash: user.passwordHash, app: app)
        guard matches else {
            let locked = try await countFailure(of: id, on: store)
            try await store.audit.record([
                AuditDraft(
                    actor: user.principal, action: .loginFailed,
                    detail: locked ? "wrong password; account locked" : "wrong password")
            ])
            throw refused
        }
        // Checked after the hash and in the same statement as the reset: a lock set by a parallel guess while
        // this one was hashing still holds, and a success cannot clear a lock it did not see.
        guard try await clearFailures(of: id, on: store) else {
            try await store.audit.record([
                AuditDraft(actor: user.principal, action: .loginFailed, detail: "account locked")
            ])
            throw refused
        }
        // A disabled user is refused like a wrong password, after the same bcrypt, with no hint why.
        guard user.disabledAt == nil else {
            try await store.audit.record([
                AuditDraft(
                    actor: nil, actorName: user.username, action: .loginFailed,
                    detail: "account disabled")
            ])
            throw refused
        }
        try await store.audit.record([AuditDraft(actor: user.principal, action: .login)])
        return user
    }

    /// Resets the failure count unless the account is locked; false when it is.
    private static func clearFailures(of id: UUID, on store: Store) async throws -> Bool {
        let now = Date()
        return try await store.write { db in
            let cleared = try await db.sql.update(UserModel.schema)
                .set("failed_logins", to: 0).set("locked_until", to: SQLLiteral.null)
                .where("id", .equal, id)
                .where { $0.where("locked_until", .is, SQLLiteral.null).orWhere("locked_until", .lessThanOrEqual, now) }
                .returning("id").all()
            return !cleared.isEmpty
        }
    }

    /// Adds one failure in the database and locks the account when the count reaches `maxFailures`;
    /// true when this failure locked it.
    private static func countFailure(of id: UUID, on store: Store) async throws -> Bool {
        // Through the store's writer: on SQLite every write shares its one write transaction (group commit).
        try await store.write { db in
            let sql = try db.sql
            try await sql.update(UserModel.schema)
                .set(
                    SQLIdentifier("failed_logins"),
                    to: SQLBinaryExpression(SQLIdentifier("failed_logins"), .add, SQLLiteral.numeric("1"))
                )
                .where("id", .equal, id).run()
            let locked = try await sql.update(UserModel.schema)
                .set("locked_until", to: Date().addingTimeInterval(lockout)).set("failed_logins", to: 0)
                .where("id", .equal, id).where("failed_logins", .greaterThanOrEqual, maxFailures)
                .returning("id").all()
            return !locked.isEmpty
        }
    }
}
