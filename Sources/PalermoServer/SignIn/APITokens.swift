import Fluent
import Foundation
import PalermoCore
import PalermoStore
import SQLKit
import Vapor

/// API tokens: `plm_` and 32 random bytes; only the SHA-256 is stored.
enum APITokens {
    static func issue(
        for user: UserModel, name: String, lifetime: TimeInterval, on db: any Database
    ) async throws -> (token: String, expires: Date) {
        let raw = "plm_" + Secrets.token(bytes: 32)
        let expires = Date().addingTimeInterval(lifetime)
        try await APITokenModel(userID: try user.requireID(), name: name, tokenHash: digest(raw), expiresAt: expires)
            .create(on: db)
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
        guard let principal else {
            throw Abort(.unauthorized, reason: "log in, or send an API token as 'Authorization: Bearer …'")
        }
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
                guard
                    let stored = try await APITokenModel.query(on: db).filter(\.$tokenHash == digest).with(\.$user)
                        .first(),
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
