import Foundation
import PalermoCore
import PalermoIO
import PalermoReport
import PalermoStats
import Vapor
import XCTVapor
import XCTest

/// Every page of every role, in each of the six languages: the document says its language (and direction),
/// and no English string that the language translates shows in the page.
final class LocalisationTests: XCTestCase {
    func testNoEnglishLeaksIntoPagesInTheOtherLanguages() async throws {
        let world = try await TestWorld.make(TestDatabases.all[0])
        let id = try await world.createCase(
            as: "a-worker",
            [
                "prs_FirstName": .text("Makena"), "prs_Gender": .text("Feminine"), "prs_Citizenship": .text("UGA"),
                "prs_Birthdate": .text("1990-02-01"), "con_Consent": .text("TRUE"),
                "vic_TypeOfExploitation": .list(["ForcedLabour"]),
                "vic_MethodsOfControl": .list(["DebtBondage"]), "cas_IncomingReferralDate": .text("2024-05-06"),
            ])
        try await world.loadGLOTIP()
        let other = try await world.furnishCasework(around: id)
        let pages: [(user: String?, paths: [String])] = [
            (nil, ["/login"]),
            (
                "a-worker",
                ["/", "/cases", "/cases/new", "/cases/\(id)", "/cases/\(id)/edit", "/cases/\(UUID())", "/plan"]
            ),
            (
                "a-super",
                [
                    "/", "/stats", "/cases?owner=unassigned&sort=code", "/cases/\(id)", "/cases/import",
                    "/cases/\(id)/merge?with=\(other)",
                ]
            ),
            ("a-admin", ["/", "/admin/users", "/admin/organisation"]),
            ("root", ["/", "/admin/organisations", "/admin/status", "/admin/services"]),
            (
                "analyst",
                [
                    "/stats", "/stats/estimate", "/stats/estimate?country=KEN&from=2020&to=2026&bootstrap=400",
                    "/stats/patterns?source=GLOTIP&from=2018&to=2021", "/stats/national?country=KEN&year=2024",
                ]
            ),
            ("coordinator", ["/stats/national", "/stats/patterns?from=2017&to=2020&region=Africa", "/plans"]),
        ]
        var sessions: [String: String] = [:]
        for user in Set(pages.compactMap(\.user)) { sessions[user] = try await world.webLogin(user) }
        for language in Wording.languages where language != "en" {
            let leaks = Self.englishOnly(in: language)
            for (user, paths) in pages {
                for path in paths {
                    let html = try await Self.get(
                        path, world, session: user.flatMap { sessions[$0] }, language: language)
                    XCTAssertTrue(
                        html.contains("<html lang=\"\(language)\" dir=\"\(language == "ar" ? "rtl" : "ltr")\">"),
                        "\(language) \(path)")
                    let found = Self.visibleText(html).filter { leaks.contains($0) }
                    XCTAssertEqual(found, [], "\(language) \(path) (\(user ?? "anonymous")): English in the page")
                    if ["ar", "zh", "ru"].contains(language) {
                        // In a language not written in Latin letters, two English words in a row are a leak too,
                        // whether or not the English table has them.
                        // So is one lower-case English word on its own, such as a code shown as it is stored;
                        // the user names of the test world are the only such words a page may show.
                        let names: Set = ["analyst", "coordinator", "root"]
                        let latin = Self.visibleText(html).filter {
                            $0.contains(/[A-Za-z]{3,}[ ,][A-Za-z]{3,}/)
                                || ($0.wholeMatch(of: /[a-z]{4,}/) != nil && !names.contains($0))
                        }
                        XCTAssertEqual(latin, [], "\(language) \(path): Latin text")
                    }
                    if language == "fr" {
                        XCTAssertNil(
                            html.firstMatch(of: /\d\.\d+ ?%/), "\(path): a French percentage has a decimal comma")
                    }
                }
            }
            // A failed save says what is wrong in the reader's language.
            let form = try await Self.failedSave(world, session: sessions["a-worker"] ?? "", language: language)
            XCTAssertTrue(form.contains(Wording(language)("case.fixErrors")), language)
            XCTAssertTrue(form.contains(Wording(language)("validation.future", ["value": "2099-01-01"])), language)
        }
        try await world.app.asyncShutdown()
    }

    /// Strings of the English table that this language says differently, which must not appear as they are.
    static func englishOnly(in language: String) -> Set<String> {
        let english = Wording.english, other = Wording(language)
        return Set(
            Wording.keys(of: "en").compactMap { key in
                let text = english(key)
                return text != other(key) && text.count > 2 && !text.contains("{") ? text : nil
            })
    }

    /// The text nodes and accessible names of a page, without the parts marked as being in another language
    /// (the language switch names each language in itself; source notes are English as published).
    static func visibleText(_ html: String) -> [String] {
        // People's names and what staff typed are marked translate="no": they are as typed, in any language.
        let marked = html.replacing(/<(a|strong|ul|p|dd)[^>]*\blang="[a-z]+"[^>]*>[\s\S]*?<\/\1>/, with: "")
            .replacing(/<(td|th|p|span)[^>]*\btranslate="no"[^>]*>[^<]*<\/\1>/, with: "")
        let text = marked.matches(of: />([^<]+)</).map { String($0.output.1) }
        let names = marked.matches(of: /aria-label="([^"]+)"/).map { String($0.output.1) }
        return (text + names).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    static func get(_ path: String, _ world: TestWorld, session: String?, language: String) async throws -> String {
        try await world.page(path, cookie: session, language: language).body.string
    }

    static func failedSave(_ world: TestWorld, session: String, language: String) async throws -> String {
        let page = try await get("/cases/new", world, session: session, language: language)
        let token = AuthenticationTests.csrf(in: page)
        var html = ""
        try await world.app.send(
            .POST, "/cases",
            before: { req in
                req.headers.cookie = [
                    "palermo-session": .init(string: session), "palermo-lang": .init(string: language),
                ]
                req.headers.replaceOrAdd(name: .accept, value: "text/html")
                try req.content.encode(
                    ["_csrf": token, "prs_FirstName": "Amani", "prs_Birthdate": "2099-01-01"], as: .urlEncodedForm)
            },
            after: { res in
                XCTAssertEqual(res.status, .unprocessableEntity)
                html = res.body.string
            })
        return html
    }
}

/// Bad input on each form: a clear message in the reader's language, the values as typed, nothing written.
final class FormProblemTests: XCTestCase {
    func testBadInputIsExplainedInTheReadersLanguageAndKept() async throws {
        let world = try await TestWorld.make(TestDatabases.all[0])
        let coordinator = try await world.webLogin("coordinator"), analyst = try await world.webLogin("analyst")
        for language in Wording.languages {
            let w = Wording(language)
            // National counts: one count is not a number.
            let page = try await LocalisationTests.get(
                "/stats/national?year=2024", world, session: coordinator,
                language: language)
            let token = AuthenticationTests.csrf(in: page)
            var html = ""
            try await world.app.send(
                .POST, "/stats/national",
                before: { req in
                    req.headers.cookie = [
                        "palermo-session": .init(string: coordinator), "palermo-lang": .init(string: language),
                    ]
                    req.headers.replaceOrAdd(name: .accept, value: "text/html")
                    try req.content.encode(
                        ["_csrf": token, "year": "2024", "prosecuted-total": "12", "convicted-female": "a few"],
                        as: .urlEncodedForm)
                },
                after: { res in
                    XCTAssertEqual(res.status, .unprocessableEntity, language)
                    html = res.body.string
                })
            XCTAssertTrue(
                html.contains(w("validation.notACount", ["value": "a few"])), "\(language): \(html.prefix(200))")
            XCTAssertTrue(html.contains("value=\"a few\"") && html.contains("value=\"12\""), "\(language): values kept")
            let saved = try await world.app.palermo.store.national.justiceCounts(country: "KEN")
            XCTAssertEqual(saved.count, 0, "nothing is written")
            // A report's years the wrong way round: the problem, and the years as typed.
            let patterns = try await LocalisationTests.get(
                "/stats/patterns?from=2021&to=2017", world, session: analyst,
                language: language)
            XCTAssertTrue(patterns.contains("value=\"2021\"") && patterns.contains("value=\"2017\""), language)
            XCTAssertTrue(patterns.contains("class=\"alert\""), language)
            // Sign-in: the refusal in the reader's language, the username kept.
            var login = ""
            let form = try await LocalisationTests.get("/login", world, session: nil, language: language)
            try await world.app.send(
                .POST, "/login",
                before: { req in
                    req.headers.cookie = [
                        "palermo-lang": .init(string: language),
                        "palermo-csrf": .init(string: AuthenticationTests.csrf(in: form)),
                    ]
                    try req.content.encode(
                        [
                            "_csrf": AuthenticationTests.csrf(in: form), "username": "analyst",
                            "password": "not the password",
                        ], as: .urlEncodedForm)
                }, after: { res in login = res.body.string })
            XCTAssertTrue(login.contains(w("login.refused")) && login.contains("value=\"analyst\""), language)
        }
        try await world.app.asyncShutdown()
    }
}
