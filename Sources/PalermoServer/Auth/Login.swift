import Crypto
import Fluent
import Foundation
import PalermoCore
import PalermoStore
import Vapor

/// Password login with lockout: after `maxFailures` wrong passwords in a row the account is locked for
/// `lockout`, whatever is typed. Every success and failure goes to the audit log.
enum Login {
    static let maxFailures = 5
    static let lockout: TimeInterval = 15 * 60

    enum Failure: Error { case invalid, locked(until: Date) }

    static func authenticate(username: String, password: String, on request: Request) async throws -> UserModel {
        let store = request.store
        guard let user = try await UserModel.query(on: store.database).filter(\.$username == username.lowercased()).first() else {
            _ = try? await request.password.async.verify(password, created: dummyHash) // same time whether or not the user exists
            try await store.audit.record([AuditDraft(actor: nil, actorName: "unknown", action: .loginFailed, detail: "unknown username")])
            throw Abort(.unauthorized, reason: "wrong username or password")
        }
        if let until = user.lockedUntil, until > Date() {
            try await store.audit.record([AuditDraft(actor: user.principal, action: .loginFailed, detail: "account locked")])
            throw Abort(.tooManyRequests, reason: "too many failed logins: the account is locked until \(until.formatted(.iso8601))")
        }
        guard try await request.password.async.verify(password, created: user.passwordHash) else {
            user.failedLogins += 1
            if user.failedLogins >= maxFailures {
                user.lockedUntil = Date().addingTimeInterval(lockout)
                user.failedLogins = 0
            }
            try await user.save(on: store.database)
            try await store.audit.record([AuditDraft(actor: user.principal, action: .loginFailed,
                                                     detail: user.lockedUntil != nil ? "wrong password; account locked" : "wrong password")])
            throw Abort(.unauthorized, reason: "wrong username or password")
        }
        user.failedLogins = 0
        user.lockedUntil = nil
        try await user.save(on: store.database)
        try await store.audit.record([AuditDraft(actor: user.principal, action: .login)])
        return user
    }

    /// A valid bcrypt hash of nothing anyone knows, to spend the same time on unknown usernames.
    private static let dummyHash = "$2b$12$C6UzMDM.H6dfI/f/IKxGhuSOPb0ye5mq6HVRgOF5kE3qNvNHNlS0a"
}

/// API tokens: `plm_` and 32 random bytes; only the SHA-256 is stored.
enum APITokens {
    static func issue(for user: UserModel, name: String, lifetime: TimeInterval, on db: any Database) async throws -> (token: String, expires: Date) {
        let raw = "plm_" + Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        let expires = Date().addingTimeInterval(lifetime)
        try await APITokenModel(userID: try user.requireID(), name: name, tokenHash: digest(raw), expiresAt: expires).create(on: db)
        return (raw, expires)
    }

    static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).hexString
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

/// Authenticates pages by the server-side session.
struct SessionPrincipalMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let id = request.session.data["user"].flatMap(UUID.init(uuidString:)),
           let user = try await UserModel.find(id, on: request.store.database) {
            request.principal = user.principal
        }
        return try await next.respond(to: request)
    }
}

/// Cross-site request forgery protection for forms: each session has a random token that every
/// form posts back in `_csrf`; a POST without the matching token is refused.
enum CSRF {
    static func token(for request: Request) -> String {
        if let token = request.session.data["csrf"] { return token }
        let token = Data((0..<24).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        request.session.data["csrf"] = token
        return token
    }

    struct Middleware: AsyncMiddleware {
        func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
            if request.method == .POST {
                let sent = (try? request.content.get(String.self, at: "_csrf")) ?? request.headers.first(name: "X-CSRF-Token")
                guard let expected = request.session.data["csrf"], let sent, sent == expected else {
                    throw Abort(.forbidden, reason: "the form has expired or did not come from this site; reload the page and try again")
                }
            }
            return try await next.respond(to: request)
        }
    }
}
