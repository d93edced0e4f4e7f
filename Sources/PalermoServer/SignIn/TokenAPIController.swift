import Fluent
import Foundation
import PalermoCore
import PalermoStore
import Vapor

/// `/api/v1/auth/token` issues API tokens for scripts; `/api/v1/me` says who the token belongs to.
struct AuthAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("auth", "token", use: token)
        routes.delete("auth", "token", use: revoke)
        routes.get("me", use: me)
    }

    /// Revokes the token the request presents.
    func revoke(_ req: Request) async throws -> HTTPStatus {
        guard let token = req.headers.bearerAuthorization?.token else {
            throw Abort(.unauthorized, reason: "send the token to revoke as 'Authorization: Bearer …'")
        }
        _ = try req.requirePrincipal()
        try await APITokens.revoke(digest: APITokens.digest(token), app: req.application)
        return .noContent
    }

    func token(_ req: Request) async throws -> TokenResponse {
        let input = try req.content.decode(TokenRequest.self)
        if let name = input.name, name.count > 100 {
            throw ValidationFailure([.init(field: "name", message: "at most 100 characters")])
        }
        let user = try await Login.authenticate(username: input.username, password: input.password, on: req)
        let issued = try await APITokens.issue(
            for: user, name: input.name ?? "api", lifetime: req.application.palermo.config.tokenLifetime,
            on: req.store.database)
        return TokenResponse(token: issued.token, expiresAt: issued.expires)
    }

    func me(_ req: Request) async throws -> UserDTO {
        let principal = try req.requirePrincipal()
        guard let user = try await UserModel.find(principal.userID, on: req.store.database) else {
            throw Abort(.unauthorized)
        }
        return UserDTO(user)
    }
}
