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
            try await store.audit.record([AuditDraft(actor: nil, actorName: "unknown", action: .loginFailed, detail: "unknown username")])
            throw refused
        }
        let matches = try await PasswordHashing.verify(password, hash: user.passwordHash, app: app)
        guard matches else {
            let locked = try await countFailure(of: id, on: store)
            try await store.audit.record([AuditDraft(actor: user.principal, action: .loginFailed,
                                                     detail: locked ? "wrong password; account locked" : "wrong password")])
            throw refused
        }
        // Checked after the hash and in the same statement as the reset: a lock set by a parallel guess while
        // this one was hashing still holds, and a success cannot clear a lock it did not see.
        guard try await clearFailures(of: id, on: store) else {
            try await store.audit.record([AuditDraft(actor: user.principal, action: .loginFailed, detail: "account locked")])
            throw refused
        }
        // A disabled user is refused like a wrong password, after the same bcrypt, with no hint why.
        guard user.disabledAt == nil else {
            try await store.audit.record([AuditDraft(actor: nil, actorName: user.username, action: .loginFailed,
                                                     detail: "account disabled")])
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
                .set(SQLIdentifier("failed_logins"), to: SQLBinaryExpression(SQLIdentifier("failed_logins"), .add, SQLLiteral.numeric("1")))
                .where("id", .equal, id).run()
            let locked = try await sql.update(UserModel.schema)
                .set("locked_until", to: Date().addingTimeInterval(lockout)).set("failed_logins", to: 0)
                .where("id", .equal, id).where("failed_logins", .greaterThanOrEqual, maxFailures)
                .returning("id").all()
            return !locked.isEmpty
        }
    }
}

/// API tokens: `plm_` and 32 random bytes; only the SHA-256 is stored.
enum APITokens {
    static func issue(for user: UserModel, name: String, lifetime: TimeInterval, on db: any Database) async throws -> (token: String, expires: Date) {
        let raw = "plm_" + Secrets.token(bytes: 32)
        let expires = Date().addingTimeInterval(lifetime)
        try await APITokenModel(userID: try user.requireID(), name: name, tokenHash: digest(raw), expiresAt: expires).create(on: db)
        return (raw, expires)
    }

    static func digest(_ token: String) -> String { Secrets.digest(token) }

    /// Revokes one token. It stops working at once on this server; other servers forget it within
    /// `BearerTokenMiddleware.memory`.
    static func revoke(digest: String, app: Application) async throws {
        try await APITokenModel.query(on: app.palermo.store.database).filter(\.$tokenHash == digest).delete()
        app.palermo.tokenCache.withLockedValue { _ = $0.removeValue(forKey: digest) }
    }

    /// Revokes every token of a user (password reset, role change, disabling).
    static func revokeAll(of userID: UUID, app: Application) async throws {
        try await APITokenModel.query(on: app.palermo.store.database).filter(\.$user.$id == userID).delete()
        app.palermo.tokenCache.withLockedValue { cache in cache = cache.filter { $0.value.principal.userID != userID } }
    }
}

extension Request {
    private struct PrincipalKey: StorageKey { typealias Value = Principal }

    var principal: Principal? {
        get { storage[PrincipalKey.self] }
        set { storage[PrincipalKey.self] = newValue }
    }

    func requirePrincipal() throws -> Principal {
        guard let principal else { throw Abort(.unauthorized, reason: "log in, or send an API token as 'Authorization: Bearer …'") }
        return principal
    }
}

/// Authenticates API calls by bearer token. A verified token is remembered for a minute, so a script's
/// calls do not each look it up; a token that expires is refused from its expiry on all the same.
struct BearerTokenMiddleware: AsyncMiddleware {
    static let memory: TimeInterval = 60

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let token = request.headers.bearerAuthorization?.token {
            let digest = APITokens.digest(token)
            let cache = request.application.palermo.tokenCache
            let now = Date()
            if let known = cache.withLockedValue({ $0[digest] }), known.until > now {
                request.principal = known.principal
            } else {
                let db = request.store.database
                guard let stored = try await APITokenModel.query(on: db).filter(\.$tokenHash == digest).with(\.$user).first(),
                      stored.expiresAt > now, let principal = stored.user.principal
                else { throw Abort(.unauthorized, reason: "the API token is unknown or has expired") }
                let until = min(stored.expiresAt, now.addingTimeInterval(Self.memory))
                cache.withLockedValue { entries in
                    if entries.count > 10_000 { entries = entries.filter { $0.value.until > now } }
                    entries[digest] = (principal, until)
                }
                request.principal = principal
            }
        }
        return try await next.respond(to: request)
    }
}

/// Authenticates pages by the server-side session. A request without a session cookie gets no session:
/// anonymous pages (the login page among them) leave nothing in the database.
struct SessionPrincipalMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.hasSession, let id = request.session.data["user"].flatMap(UUID.init(uuidString:)),
           let user = try await UserModel.find(id, on: request.store.database) {
            request.principal = user.principal
        }
        return try await next.respond(to: request)
    }
}

/// Cross-site request forgery protection for forms. A signed-in session has a random token that every form
/// posts back in `_csrf`. Before sign-in there is no session: the login form's token is a random value in a
/// SameSite=Strict cookie that the form must repeat (double submit). A POST without the matching token is refused.
enum CSRF {
    static let cookieName = "palermo-csrf"

    static func token(for request: Request) -> String {
        guard request.principal != nil || request.hasSession else { return anonymousToken(for: request) }
        if let token = request.session.data["csrf"] { return token }
        let token = random()
        request.session.data["csrf"] = token
        return token
    }

    private struct MintedKey: StorageKey { typealias Value = String }

    private static func anonymousToken(for request: Request) -> String {
        if let minted = request.storage[MintedKey.self] { return minted }
        if let sent = request.cookies[cookieName]?.string, sent.utf8.count == 32 { return sent }
        let token = random()
        request.storage[MintedKey.self] = token
        return token
    }

    private static func random() -> String { Secrets.random(bytes: 24).base64EncodedString() }

    struct Middleware: AsyncMiddleware {
        func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
            if request.method == .POST {
                // The whole form is read before its token: a large form arrives in several chunks.
                _ = try await request.body.collect(max: 1024 * 1024).get()
                let sent = (try? request.content.get(String.self, at: "_csrf")) ?? request.headers.first(name: "X-CSRF-Token")
                let expected = request.hasSession ? request.session.data["csrf"] : nil
                let anonymous = request.principal == nil ? request.cookies[cookieName]?.string : nil
                guard let sent, sent == expected || (anonymous != nil && sent == anonymous) else {
                    throw Abort(.forbidden, reason: "the form has expired or did not come from this site; reload the page and try again")
                }
            }
            let response = try await next.respond(to: request)
            if let minted = request.storage[MintedKey.self] {
                let secure = request.application.palermo.config.servesOverHTTPS
                response.cookies[cookieName] = HTTPCookies.Value(string: minted, maxAge: 3600, path: "/", isSecure: secure,
                                                                 isHTTPOnly: true, sameSite: .strict)
            }
            return response
        }
    }
}
