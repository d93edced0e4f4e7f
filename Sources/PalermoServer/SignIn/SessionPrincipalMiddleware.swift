import Fluent
import Foundation
import PalermoCore
import PalermoStore
import SQLKit
import Vapor

/// Authenticates pages by the server-side session. A request without a session cookie gets no session:
/// anonymous pages (the login page among them) leave nothing in the database.
struct SessionPrincipalMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.hasSession, let id = request.session.data["user"].flatMap(UUID.init(uuidString:)),
            let principal = try await request.store.activePrincipal(of: id)
        {
            request.principal = principal
        }
        return try await next.respond(to: request)
    }
}
