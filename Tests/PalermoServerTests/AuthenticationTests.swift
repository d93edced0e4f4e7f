import Foundation
import PalermoCore
import PalermoStore
import Vapor
import XCTVapor
import XCTest

final class AuthenticationTests: XCTestCase {
    func testAPIRefusesMissingAndUnknownTokens() async throws {
        try await TestWorld.each { world in
            let anonymous = try await world.api(.GET, "/api/v1/cases", as: nil)
            XCTAssertEqual(anonymous.status, .unauthorized)
            try await world.app.send(
                .GET, "/api/v1/cases",
                before: { req in
                    req.headers.bearerAuthorization = BearerAuthorization(token: "plm_forged")
                }, after: { res in XCTAssertEqual(res.status, .unauthorized) })
        }
    }

    func testFiveWrongPasswordsLockTheAccount() async throws {
        try await TestWorld.each { world in
            for attempt in 1...5 {
                try await world.app.send(
                    .POST, "/api/v1/auth/token",
                    before: { req in
                        try req.content.encode(["username": "a-worker", "password": "wrong \(attempt)"])
                    }, after: { res in XCTAssertEqual(res.status, .unauthorized) })
            }
            // Now even the right password is refused until the lock expires, in the words of any failed login.
            try await world.app.send(
                .POST, "/api/v1/auth/token",
                before: { req in
                    try req.content.encode(["username": "a-worker", "password": TestWorld.password])
                },
                after: { res in
                    XCTAssertEqual(res.status, .unauthorized)
                    XCTAssertEqual(
                        res.body.string, #"{"error":"wrong username or password, or the account is locked"}"#)
                })
            let failures = try await world.app.palermo.store.audit.recent(limit: 10).filter {
                $0.action == .loginFailed
            }
            XCTAssertEqual(failures.count, 6)
        }
    }

    func testPagesNeedLoginAndFormsNeedTheCSRFToken() async throws {
        try await TestWorld.each { world in
            let app = world.app
            try await app.send(
                .GET, "/cases",
                after: { res in
                    XCTAssertEqual(res.status, .seeOther)
                    XCTAssertEqual(res.headers.first(name: .location), "/login")
                })
            // Log in through the form, carrying the session cookie and the form's token.
            var cookie = ""
            var csrf = ""
            var csrfCookie = ""
            try await app.send(
                .GET, "/login",
                after: { res in
                    XCTAssertNil(res.headers.setCookie?["palermo-session"], "an anonymous visit starts no session")
                    csrfCookie = res.headers.setCookie?["palermo-csrf"]?.string ?? ""
                    csrf = Self.csrf(in: res.body.string)
                })
            XCTAssertFalse(csrf.isEmpty)
            try await app.send(
                .POST, "/login",
                before: { [csrfCookie] req in
                    req.headers.cookie = ["palermo-csrf": .init(string: csrfCookie)]
                    try req.content.encode(
                        ["username": "a-worker", "password": TestWorld.password, "_csrf": "forged"], as: .urlEncodedForm
                    )
                },
                after: { res in XCTAssertEqual(res.status, .forbidden, "a login without the right token is refused") })
            try await app.send(
                .POST, "/login",
                before: { [csrfCookie] req in
                    req.headers.cookie = ["palermo-csrf": .init(string: csrfCookie)]
                    try req.content.encode(
                        ["username": "a-worker", "password": TestWorld.password, "_csrf": csrf], as: .urlEncodedForm)
                },
                after: { res in
                    XCTAssertEqual(res.status, .seeOther, res.body.string)
                    let fresh = res.headers.setCookie?["palermo-session"]?.string ?? ""
                    XCTAssertNotEqual(fresh, cookie, "a new session id after login")
                    cookie = fresh
                })
            var formToken = ""
            try await app.send(
                .GET, "/cases/new",
                before: { req in
                    req.headers.cookie = ["palermo-session": .init(string: cookie)]
                },
                after: { res in
                    XCTAssertEqual(res.status, .ok)
                    XCTAssertTrue(res.body.string.contains("<legend>Person</legend>"))
                    formToken = Self.csrf(in: res.body.string)
                })
            let before = try await world.caseCount()
            try await app.send(
                .POST, "/cases",
                before: { req in
                    req.headers.cookie = ["palermo-session": .init(string: cookie)]
                    try req.content.encode(["prs_FirstName": "Forged"], as: .urlEncodedForm)
                }, after: { res in XCTAssertEqual(res.status, .forbidden) })
            let after = try await world.caseCount()
            XCTAssertEqual(after, before)
            // With the token, an invalid form comes back with the problem next to its field.
            try await app.send(
                .POST, "/cases",
                before: { req in
                    req.headers.cookie = ["palermo-session": .init(string: cookie)]
                    req.headers.contentType = .urlEncodedForm
                    req.body = ByteBuffer(
                        string:
                            "_csrf=\(formToken.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&prs_FirstName=Valid&prs_Birthdate=2099-01-01"
                    )
                },
                after: { res in
                    XCTAssertEqual(res.status, .unprocessableEntity)
                    XCTAssertTrue(res.body.string.contains("id=\"f-prs_Birthdate-error\""), "error tied to its field")
                    XCTAssertTrue(res.body.string.contains("value=\"Valid\""), "what was typed is kept")
                })
            // French on request.
            try await app.send(
                .GET, "/login",
                before: { req in
                    req.headers.replaceOrAdd(name: .acceptLanguage, value: "fr-FR,fr;q=0.9")
                },
                after: { res in
                    XCTAssertTrue(res.body.string.contains("Mot de passe"))
                    XCTAssertTrue(res.body.string.contains("<html lang=\"fr\" dir=\"ltr\">"), res.body.string)
                })
        }
    }

    static func csrf(in html: String) -> String {
        guard let range = html.range(of: "name=\"_csrf\" value=\"") else { return "" }
        let rest = html[range.upperBound...]
        return String(rest.prefix { $0 != "\"" }).replacingOccurrences(of: "&#43;", with: "+")
    }
}
