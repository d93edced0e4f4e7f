import Fluent
import Foundation
import PalermoCore
import PalermoStore
import SQLKit
import Vapor

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
        /// The largest form read; an upload's route sets its own.
        var maxBody = 1024 * 1024

        func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
            if request.method == .POST {
                // The whole form is read before its token: a large form arrives in several chunks.
                _ = try await request.body.collect(max: maxBody).get()
                let sent =
                    (try? request.content.get(String.self, at: "_csrf")) ?? request.headers.first(name: "X-CSRF-Token")
                let expected = request.hasSession ? request.session.data["csrf"] : nil
                let anonymous = request.principal == nil ? request.cookies[cookieName]?.string : nil
                guard let sent, sent == expected || (anonymous != nil && sent == anonymous) else {
                    throw Abort(
                        .forbidden,
                        reason: "the form has expired or did not come from this site; reload the page and try again")
                }
            }
            let response = try await next.respond(to: request)
            if let minted = request.storage[MintedKey.self] {
                let secure = request.application.palermo.config.servesOverHTTPS
                response.cookies[cookieName] = HTTPCookies.Value(
                    string: minted, maxAge: 3600, path: "/", isSecure: secure,
                    isHTTPOnly: true, sameSite: .strict)
            }
            return response
        }
    }
}
