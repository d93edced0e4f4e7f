import Foundation
import PalermoCore
import PalermoStore
import Vapor
import XCTest

/// A caseworker in a real browser: logs in, records a case, finds it in the list; a caseworker of another
/// organisation cannot open it. Needs Debian's chromium and chromium-driver; CI requires them
/// (`PALERMO_REQUIRE_BROWSER=1`), elsewhere the test is skipped when they are missing.
final class BrowserTests: XCTestCase {
    func testCaseworkerRecordsAndFindsACaseThatAnotherOrganisationCannotOpen() async throws {
        let (chromedriver, chromium) = try WebDriver.requireChromium()
        let world = try await TestWorld.make(TestDatabases.all.last!)
        let port = Int.random(in: 40_001...50_000)
        try await world.app.server.start(address: .hostname("127.0.0.1", port: port))
        let browser = try await WebDriver(chromedriver: chromedriver, chromium: chromium, client: world.app.client)
        let site = "http://127.0.0.1:\(port)"
        let artifacts = FileManager.default.temporaryDirectory.appendingPathComponent("palermo-browser")
        try? FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        do {
            // Log in as a caseworker of organisation A.
            try await browser.open("\(site)/login")
            try await browser.type("a-worker", into: "#username")
            try await browser.type(TestWorld.password, into: "#password")
            try await browser.submit("form.login button[type=submit]", leaving: "/login")
            let afterLogin = try await browser.currentURL
            XCTAssertTrue(afterLogin.hasSuffix("/"), "her home page: \(afterLogin)")

            // Record a case through the form.
            try await browser.open("\(site)/cases/new")
            try await browser.type("Browserina", into: "#f-prs_FirstName")
            try await browser.type("Testwell", into: "#f-prs_SecondName")
            try await browser.click("#f-prs_Gender option[value=Feminine]")
            try await browser.click("#f-prs_Citizenship option[value=UGA]")
            _ = try await browser.execute(
                """
                document.querySelector('#f-prs_AgeGroup').value = 'Adult';
                document.querySelector('#f-cas_IdentificationDate').value = '2025-03-01';
                return true;
                """)
            try await browser.click("input[name=vic_TypeOfExploitation][value=ForcedLabour]")
            try await browser.screenshot(to: artifacts.appendingPathComponent("case-form.png").path)
            try await browser.submit("form.case-form button[type=submit]", leaving: "/cases/new")
            let caseURL = try await browser.currentURL
            let page = try await browser.pageSource
            XCTAssertTrue(caseURL.contains("/cases/") && caseURL.contains("saved=1"), caseURL)
            XCTAssertTrue(page.contains("Browserina"), "the case view shows the name to its own caseworker")
            XCTAssertTrue(page.contains("Forced labour"))
            let caseCode = try XCTUnwrap(
                page.range(of: "KEN-[0-9]{2}-[0-9A-Z]{6}", options: .regularExpression).map { String(page[$0]) })
            try await browser.screenshot(to: artifacts.appendingPathComponent("case-view.png").path)

            // Find it in the list by name, and by code.
            try await browser.open("\(site)/cases")
            try await browser.type("browserina", into: "input[name=q]")
            try await browser.submit("form.filters button[type=submit]", leaving: "/cases")
            var list = try await browser.pageSource
            XCTAssertTrue(list.contains(caseCode), "the list search by name finds the case")
            try await browser.open("\(site)/cases?q=\(caseCode)")
            list = try await browser.pageSource
            XCTAssertTrue(list.contains(caseCode))
            try await browser.screenshot(to: artifacts.appendingPathComponent("case-list.png").path)

            // Someone from organisation B cannot open it, even with the address.
            try await browser.submit("header form button[type=submit]", leaving: "/cases")  // log out
            try await browser.open("\(site)/login")
            try await browser.type("b-worker", into: "#username")
            try await browser.type(TestWorld.password, into: "#password")
            try await browser.submit("form.login button[type=submit]", leaving: "/login")
            let path = URL(string: caseURL)!.path
            try await browser.open("\(site)\(path)")
            let refused = try await browser.pageSource
            XCTAssertTrue(refused.contains("404"), "organisation B gets not-found")
            XCTAssertFalse(refused.contains("Browserina"))
            XCTAssertFalse(refused.contains(caseCode))
            try await browser.open("\(site)/cases?q=browserina")
            let theirList = try await browser.pageSource
            XCTAssertFalse(theirList.contains(caseCode))
            try await browser.screenshot(to: artifacts.appendingPathComponent("other-organisation.png").path)
        } catch {
            await browser.quit()
            await world.app.server.shutdown()
            try? await world.app.asyncShutdown()
            throw error
        }
        await browser.quit()
        await world.app.server.shutdown()
        try await world.app.asyncShutdown()
    }
}
