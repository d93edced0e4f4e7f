import FluentKit
import Foundation
import PalermoCore
import PalermoStore
import Vapor
import XCTest

/// The Plan's cycle in Chromium: a coordinator drafts a national plan with a measure linked to a paragraph, a
/// supervisor approves and publishes it, the secretariat opens a round, the focal point files the report with an
/// indicator Palermo computes, and the appraisal shows it; a practice is submitted, reviewed and found by search.
final class PlanCycleBrowserTests: XCTestCase {
    func testFromANationalPlanToTheAppraisalAndAPracticeFoundBySearch() async throws {
        let site = try await BrowserSite.start()
        defer { Task { await site.stop() } }
        var world = site.world
        let (browser, url) = (site.browser, site.url)
        try await NationalPlanTests.addApprover(&world)

        // The coordinator drafts the plan: an objective, an indicator Palermo computes, a measure for paragraph 25.
        try await site.signIn("coordinator")
        try await browser.open(url + "/plans")
        try await browser.type("Kenya's plan 2025–2029", into: "#new-plan [name=title]")
        _ = try await browser.execute(
            "document.querySelector('#new-plan [name=fromYear]').value = '2025';"
                + " document.querySelector('#new-plan [name=toYear]').value = '2029'; return true;")
        try await browser.submit("#new-plan button[type=submit]", leaving: "/plans")
        let planPath = try await browser.currentURL.replacingOccurrences(of: url, with: "")
        try await browser.type("Identify and refer every victim", into: "#plan-objectives [name=text]")
        try await browser.type("16", into: "#plan-objectives [name=paragraphs]")
        try await submitInPlace("#plan-objectives", browser)
        try await browser.type("Victims identified", into: "#plan-indicators [name=name]")
        try await browser.type("persons", into: "#plan-indicators [name=unit]")
        _ = try await browser.execute(
            "document.querySelector('#plan-indicators [name=computed]').value = 'victimsIdentified'; return true;")
        try await submitInPlace("#plan-indicators", browser)
        try await browser.type("Train labour inspectors", into: "#plan-measures [name=text]")
        try await browser.type("Ministry of Labour", into: "#plan-measures [name=responsible]")
        try await browser.type("1200000", into: "#plan-measures [name=amount]")
        try await browser.type("25", into: "#plan-measures [name=paragraphs]")
        _ = try await browser.execute(
            """
            const form = document.querySelector('#plan-measures');
            form.querySelector('[name=currency]').value = 'KES';
            form.querySelector('[name=start]').value = '2025-01-01';
            form.querySelector('[name=end]').value = '2026-12-31';
            return true;
            """)
        try await submitInPlace("#plan-measures", browser)
        let drafted = try await browser.pageSource
        XCTAssertTrue(drafted.contains("Train labour inspectors") && drafted.contains("paragraph 25"), "the measure")
        try await submitInPlace("#step-submit", browser)

        // A second person approves and publishes it.
        try await browser.deleteCookies()
        try await site.signIn("stats-super")
        try await browser.open(url + planPath)
        try await submitInPlace("#step-approve", browser)
        try await submitInPlace("#step-publish", browser)
        let published = try await browser.pageSource
        XCTAssertTrue(published.contains("Published"))

        // The secretariat opens a round for 2025.
        try await browser.deleteCookies()
        try await site.signIn("root")
        try await browser.open(url + "/rounds")
        try await browser.type("Round 2025", into: "#round-form [name=title]")
        try await browser.type("Identification", into: "#round-form [name=theme]")
        try await browser.type("How are victims referred?", into: "#round-form [name=questions]")
        _ = try await browser.execute(
            "document.querySelector('#round-form [name=from]').value = '2025-01-01';"
                + " document.querySelector('#round-form [name=to]').value = '2025-12-31'; return true;")
        try await browser.submit("#round-form button[type=submit]", leaving: "/rounds")
        let roundPath = try await browser.currentURL.replacingOccurrences(of: url, with: "")

        // The focal point files the report; the victims identified are Palermo's count (the one Kenyan case).
        try await browser.deleteCookies()
        try await site.signIn("coordinator")
        try await browser.open(url + roundPath)
        try await browser.submit("#round-report", leaving: roundPath)
        let form = try await browser.pageSource
        XCTAssertTrue(form.contains("id=\"computed-0.0\""), "the computed indicator is shown with its query")
        _ = try await browser.execute(
            "document.querySelector('#report-form [name=\"progress.0.0\"]').value = 'underway'; return true;")
        try await browser.type("300000", into: "#report-form [name=\"spent.0.0\"]")
        try await browser.type("Through shelters and the police", into: "#report-form [name=\"answer.0\"]")
        try await browser.submit("#report-form button[type=submit]", leaving: "/report")
        let round = try await browser.pageSource
        XCTAssertTrue(round.contains("Kenya"), "the round lists the report")

        // She attaches the labour inspectorate's register as evidence; the round's page lists it for everyone.
        let register = FileManager.default.temporaryDirectory.appendingPathComponent("register-2025.pdf")
        try EvidenceTests.pdf.write(to: register)
        try await browser.open(url + roundPath + "/report")
        try await browser.type(register.path, into: "#evidence-form [name=file]")
        try await submitInPlace("#evidence-form", browser)
        let attached = try await browser.pageSource
        XCTAssertTrue(attached.contains("register-2025.pdf"), "the document is listed on the report")
        try await browser.open(url + roundPath)
        let listed = try await browser.pageSource
        XCTAssertTrue(listed.contains("register-2025.pdf"), "and on the round's page")

        // The appraisal shows the report and the computed figure.
        try await browser.open(url + "/appraisal")
        let appraisal = try await browser.pageSource
        XCTAssertTrue(appraisal.contains("1 of 1 States"), "Kenya reported")
        let indicators = try XCTUnwrap(appraisal.range(of: "id=\"appraisal-indicators\"")).upperBound
        let row = appraisal[indicators...].prefix(2000)
        XCTAssertTrue(row.contains("Victims identified") && row.contains("Computed by Palermo"), String(row))
        XCTAssertTrue(row.contains("<td>1</td>"), String(row))

        // A caseworker shares a practice; the secretariat publishes it; a reader finds it.
        try await browser.deleteCookies()
        try await site.signIn("a-worker")
        try await browser.open(url + "/practices")
        try await browser.type("Joint visits to flower farms", into: "#practice-form [name=title]")
        try await browser.type(
            "Caseworkers join labour inspectors on farm visits.", into: "#practice-form [name=summary]")
        try await browser.type("16 26", into: "#practice-form [name=paragraphs]")
        try await browser.type("Nine workers referred with their consent.", into: "#practice-form [name=results]")
        try await browser.type("Programme desk", into: "#practice-form [name=contact]")
        _ = try await browser.execute(
            "document.querySelector('#practice-form [name=theme]').value = 'protection'; return true;")
        try await browser.submit("#practice-form button[type=submit]", leaving: "/practices")
        let practicePath = try await browser.currentURL.replacingOccurrences(of: url, with: "")
        try await browser.deleteCookies()
        try await site.signIn("root")
        try await browser.open(url + practicePath)
        try await submitInPlace("#practice-publish", browser)
        try await browser.deleteCookies()
        try await site.signIn("b-worker")
        try await browser.open(url + "/practices")
        try await browser.type("flower inspectors", into: "form[role=search] [name=q]")
        try await browser.submit("form[role=search] button[type=submit]", leaving: "/practices")
        let found = try await browser.pageSource
        XCTAssertTrue(found.contains("Joint visits to flower farms"), "found by its words")
    }

    /// Submits a form whose answer brings the browser back to the same page, and waits for the new page.
    func submitInPlace(_ form: String, _ browser: WebDriver) async throws {
        _ = try await browser.execute("document.body.dataset.before = 'yes'; return true;")
        try await browser.click(form + " button[type=submit]")
        for _ in 0..<100 {
            let marked = try await browser.execute("return document.body.dataset.before || ''") as? String
            if marked == "", try await browser.pageSource.contains("</html>") { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        XCTFail("the page did not come back after submitting \(form)")
    }
}
