import Foundation
import PalermoCore
import PalermoReport
import PalermoStore
import Vapor

/// Signing in and out in the browser, and the language switch.
struct SignInPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("login") { req in LoginPage(req).response(req) }
        routes.post("login", use: login)
        routes.post("logout", use: logout)
        routes.get("lang", ":code", use: language)
    }

    /// After sign-in, the home page of the reader's role.
    func home(_ req: Request) -> Response {
        req.redirect(to: req.principal == nil ? "/login" : "/")
    }

    func login(_ req: Request) async throws -> Response {
        struct Form: Content { let username: String; let password: String }
        let form = try req.content.decode(Form.self)
        do {
            let user = try await Login.authenticate(username: form.username, password: form.password, on: req)
            // A fresh session id after login, so an id planted before login is worthless (session fixation).
            if let old = req.session.id {
                try await req.application.sessions.driver.deleteSession(old, for: req).get()
                req.session.id = nil
            }
            req.session.data["user"] = user.id?.uuidString
            req.session.data["csrf"] = nil
            req.principal = user.principal
            return home(req)
        } catch let abort as any AbortError {
            let w = req.localizer
            let message =
                abort.status == .unauthorized
                ? w("login.refused") : w.optional("error.\(abort.status.code)") ?? abort.reason
            return LoginPage(req, error: message, username: form.username).response(req, status: abort.status)
        }
    }

    func logout(_ req: Request) -> Response {
        req.session.destroy()
        return req.redirect(to: "/login")
    }

    /// The language is remembered in a cookie of its own: choosing one before sign-in creates no session.
    func language(_ req: Request) -> Response {
        let response = req.redirect(to: SameSitePath.validated(req.query[String.self, at: "back"]) ?? "/")
        if let code = req.parameters.get("code"), Wording.languages.contains(code) {
            response.cookies[ReaderLanguage.cookieName] = HTTPCookies.Value(
                string: code, maxAge: 365 * 24 * 3600, path: "/",
                isSecure: req.application.palermo.config.servesOverHTTPS, isHTTPOnly: true, sameSite: .lax)
        }
        return response
    }
}
