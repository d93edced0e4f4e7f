import FluentKit
import Foundation
import PalermoCore
import PalermoStore
import Vapor
import XCTest

/// The case form in Chromium: the fully filled form saves 50 times in a row in English and in Arabic, each save
/// redirects (a reload sends nothing again), and after a failed save focus is on the list of problems.
final class CaseFormBrowserTests: XCTestCase {
    /// Fills every field of the form: text everywhere (with quotes, commas and markup), a date in every date,
    /// the last choice of every select, every checkbox.
    static let fillEverything = """
        const form = document.querySelector('form.case-form');
        for (const input of form.querySelectorAll('input[type=checkbox]')) input.checked = true;
        form.dispatchEvent(new Event('change'));
        let n = 0;
        // Letters that differ from save to save: the same names and birth date again would be a duplicate.
        const tag = Array.from({length: 8}, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
        for (const field of form.querySelectorAll('input:not([type=hidden]):not([type=checkbox]), textarea')) {
          n += 1;
          if (field.type === 'date') field.value = '2020-01-05';  // one day: every date rule holds
          else if (field.type === 'email') field.value = 'person' + n + '@example.org';
          else if (field.type === 'tel') field.value = '+254 700 000 ' + (100 + n);
          else field.value = 'Ann "Smith", a,b|c & <b>' + n + '</b> ' + tag;
        }
        for (const select of form.querySelectorAll('select')) select.selectedIndex = select.options.length - 1;
        return form.querySelectorAll('[hidden]').length;
        """

    /// As a supervisor, whose closures and status decisions apply at once (a caseworker's wait for approval).
    func testTheFullFormSavesFiftyTimesInARowInEnglishAndArabic() async throws {
        let site = try await BrowserSite.start()
        defer { Task { await site.stop() } }
        let browser = site.browser
        try await site.signIn("a-super")
        let before = try await site.world.caseCount()
        var failures: [String] = []
        for language in ["en", "ar"] {
            try await browser.setCookie("palermo-lang", language)
            for attempt in 1...50 {
                try await browser.open(site.url + "/cases/new")
                let hidden = try await browser.execute(Self.fillEverything) as? Int ?? -1
                XCTAssertEqual(hidden, 0, "every field applies once every form of exploitation is ticked")
                try await browser.submit("form.case-form .save-bar button[type=submit]", leaving: "/cases/new")
                let url = try await browser.currentURL
                if !url.contains("saved=1") { failures.append("\(language) #\(attempt): \(url)") }
            }
        }
        XCTAssertEqual(failures, [])
        let saved = try await site.world.caseCount()
        XCTAssertEqual(saved - before, 100)
        // Post/redirect/get: reloading the page the last save led to sends nothing again.
        _ = try await browser.execute("location.reload(); return true;")
        try await Task.sleep(for: .milliseconds(500))
        let afterReload = try await site.world.caseCount()
        XCTAssertEqual(afterReload, saved)
        // The last case holds every field of the form, as typed.
        let url = try await browser.currentURL
        let id = try XCTUnwrap(
            url.split(separator: "/").last?.split(separator: "?").first.flatMap { UUID(uuidString: String($0)) })
        let worker = try await UserModel.query(on: site.world.app.palermo.store.database)
            .filter(\.$username == "a-super").first()
        let principal = try XCTUnwrap(worker?.principal)
        let record = try await site.world.app.palermo.store.cases.read(id, by: principal)
        XCTAssertEqual(Set(record.fields.keys), Set(HTCDS.fields.map(\.name)))
        XCTAssertTrue(record.fields["asm_AssistancePlan"]?.description.hasPrefix("Ann \"Smith\", a,b|c & <b>") == true)
    }

    func testAfterAFailedSaveFocusIsOnTheListOfProblems() async throws {
        let site = try await BrowserSite.start()
        defer { Task { await site.stop() } }
        let browser = site.browser
        try await site.signIn("a-worker")
        for language in ["en", "ar"] {
            try await browser.setCookie("palermo-lang", language)
            try await browser.open(site.url + "/cases/new")
            try await browser.type("Amani", into: "#f-prs_FirstName")
            _ = try await browser.execute(
                "document.querySelector('#f-prs_Birthdate').value = '2099-01-01'; return true;")
            try await browser.click("form.case-form .save-bar button[type=submit]")
            try await Task.sleep(for: .milliseconds(500))
            let focused = try await browser.execute("return document.activeElement.id") as? String
            XCTAssertEqual(focused, "problems", language)
            // The refused form passes the same checks as every other page.
            let findings = try await PageSuiteTests.check(
                browser, page: "refused save", language: language,
                axe: try PageSuiteTests.axeSource())
            XCTAssertEqual(findings.map(\.description), [], language)
            let kept = try await browser.execute("return document.querySelector('#f-prs_FirstName').value") as? String
            XCTAssertEqual(kept, "Amani", "what was typed is kept")
            // The country is found by typing part of its name in the reader's language.
            try await browser.type(
                language == "ar" ? "كيني" : "keny", into: "input.choice-filter[aria-controls=f-prs_Citizenship]")
            let country =
                try await browser.execute("return document.querySelector('#f-prs_Citizenship').value") as? String
            XCTAssertEqual(country, "KEN", language)
        }
    }
}
