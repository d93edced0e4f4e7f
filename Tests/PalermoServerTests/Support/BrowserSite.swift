import Foundation
import PalermoCore
import PalermoIO
import PalermoStats
import PalermoStore
import Vapor
import XCTest

/// A test world served on a loopback port with a Chromium session, and the pages each role has.
struct BrowserSite {
    let world: TestWorld
    let browser: WebDriver
    let url: String
    let caseID: UUID
    let artifacts: URL

    static func start() async throws -> BrowserSite {
        let (chromedriver, chromium) = try WebDriver.requireChromium()
        let world = try await TestWorld.make(TestDatabases.all.last!)
        let caseID = try await world.createCase(
            as: "a-worker",
            [
                "prs_FirstName": .text("Makena"), "prs_SecondName": .text("Otieno"), "prs_Gender": .text("Feminine"),
                "prs_Citizenship": .text("UGA"), "prs_Birthdate": .text("1990-02-01"), "con_Consent": .text("TRUE"),
                "vic_TypeOfExploitation": .list(["ForcedLabour"]), "vic_MethodsOfControl": .list(["DebtBondage"]),
            ])
        try await world.loadGLOTIP()
        let port = Int.random(in: 40_001...50_000)
        try await world.app.server.start(address: .hostname("127.0.0.1", port: port))
        let browser = try await WebDriver(chromedriver: chromedriver, chromium: chromium, client: world.app.client)
        let artifacts = FileManager.default.temporaryDirectory.appendingPathComponent("palermo-browser")
        try? FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        let site = BrowserSite(
            world: world, browser: browser, url: "http://127.0.0.1:\(port)", caseID: caseID, artifacts: artifacts)
        try await browser.open(site.url + "/login")
        return site
    }

    func stop() async {
        await browser.quit()
        await world.app.server.shutdown()
        try? await world.app.asyncShutdown()
    }

    func artifact(_ name: String) -> String { artifacts.appendingPathComponent(name).path }

    func signIn(_ user: String) async throws {
        try await browser.open(url + "/login")
        try await browser.type(user, into: "#username")
        try await browser.type(TestWorld.password, into: "#password")
        try await browser.submit("form.login button[type=submit]", leaving: "/login")
    }

    /// Every page each role can reach, with a filled-in query where the page has one.
    func pagesByRole() async throws -> [(String?, [String])] {
        let other = try await world.furnishCasework(around: caseID)
        var world = self.world
        let (round, practice) = try await world.furnishPlanCycle()
        return [
            (nil, ["/login"]),
            (
                "a-worker",
                [
                    "/", "/cases", "/cases/new", "/cases/\(caseID)", "/cases/\(caseID)/edit", "/cases?q=nobody",
                    "/cases/\(UUID())", "/referrals", "/services", "/cases/\(caseID)/consent-copy?lang=ar",
                    "/plan", "/practices",
                ]
            ),
            (
                "a-super",
                [
                    "/", "/cases", "/stats", "/cases/\(caseID)", "/cases/import",
                    "/cases/\(caseID)/merge?with=\(other)",
                    "/referrals/oversight",
                ]
            ),
            ("a-admin", ["/", "/admin/users", "/admin/organisation"]),
            (
                "analyst",
                [
                    "/stats", "/stats/estimate", "/stats/estimate?country=KEN&from=2020&to=2026&bootstrap=400",
                    "/stats/patterns?source=GLOTIP&from=2018&to=2021", "/stats/national?country=KEN&year=2024",
                    "/appraisal", "/actors", "/publish",
                    "/publish?preview=1&attribute-sex=on&attribute-citizenship=on&method=table&threshold=5",
                    "/publish?preview=1&attribute-sex=on&attribute-ageGroup=on&method=synthetic&k=2&length=2",
                ]
            ),
            (
                "coordinator",
                [
                    "/stats", "/stats/national", "/stats/patterns?from=2017&to=2020&region=Africa", "/stats/estimate",
                    "/admin/services", "/plans", "/rounds/\(round)/report",
                ]
            ),
            ("stats-super", ["/rounds/\(round)/contribution"]),
            (
                "root",
                [
                    "/", "/stats", "/admin/organisations", "/admin/status", "/admin/services", "/rounds",
                    "/rounds/\(round)", "/practices/\(practice)",
                ]
            ),
        ]
    }
}

extension TestWorld {
    /// A published Kenyan plan, an open round, and a practice waiting for review: the pages of the Plan's cycle.
    mutating func furnishPlanCycle() async throws -> (round: UUID, practice: UUID) {
        try await ReportingRoundTests.publishPlan(&self)
        let round = try await api(.POST, "/api/v1/rounds", as: "root", json: ReportingRoundTests.round)
        let practice = try await api(.POST, "/api/v1/practices", as: "a-worker", json: GoodPracticeTests.practice())
        let roundID = try round.content.decode(ReportingRoundTests.RoundReply.self).id
        _ = try await api(
            .PUT, "/api/v1/rounds/\(roundID)/contribution", as: "stats-super",
            json: Contribution(answers: [.init(question: 0, text: "By phone to the shelter")], note: "More to come"))
        return (
            roundID,
            try practice.content.decode(GoodPracticeTests.Reply.self).id
        )
    }

    /// UNODC's published GLOTIP file from ../shared/data, as the dataset "GLOTIP".
    func loadGLOTIP() async throws {
        let file = try GLOTIPReader.read(
            try XLSXTable.read(Data(contentsOf: SharedData.url("glotip/data_glotip.xlsx"))))
        try await app.palermo.store.statistics.importDataset(
            "GLOTIP", kind: "glotip", observations: file.observations, rowsRead: file.observations.count,
            notes: file.notes.lines, by: "test")
    }
}
