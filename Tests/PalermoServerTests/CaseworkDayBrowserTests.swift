import FluentKit
import Foundation
import PalermoCore
import PalermoStore
import Vapor
import XCTest

/// A day of casework in Chromium: a caseworker's dashboard, task, note and new case; her supervisor's
/// reassignment, approval, import and export; the organisation admin's new user signing in.
final class CaseworkDayBrowserTests: XCTestCase {
    func testADayOfCasework() async throws {
        let site = try await BrowserSite.start()
        defer { Task { await site.stop() } }
        let (world, browser, url) = (site.world, site.browser, site.url)
        let task = try await world.api(
            .POST, "/api/v1/cases/\(site.caseID)/tasks", as: "a-worker",
            json: ["title": "Call the legal aid clinic", "due": "2024-02-01"]
        ).content.decode(CaseTask.self)
        _ = try await world.api(
            .POST, "/api/v1/users", as: "root",
            json: NewUserBody(
                username: "a-admin", displayName: "Agnes", role: "organisation_admin", password: TestWorld.password,
                organisationId: world.organisations["A"]!))

        // The caseworker: her dashboard shows the overdue task; she opens it, adds a note and completes it.
        try await site.signIn("a-worker")
        let seen1 = try await browser.currentURL
        XCTAssertEqual(seen1, url + "/")
        let home = try await browser.pageSource
        XCTAssertTrue(home.contains("Call the legal aid clinic") && home.contains("Overdue"))
        try await browser.click("#my-tasks a[href$='#task-\(task.id)']")
        try await waitFor(browser, "/cases/\(site.caseID)")
        try await browser.type("Spoke with the clinic; appointment on Monday.", into: "#notes textarea[name=text]")
        try await browser.submit("#notes form.stacked button[type=submit]", leaving: "#task-\(task.id)")
        let seen2 = try await browser.pageSource.contains("Spoke with the clinic; appointment on Monday.")
        XCTAssertTrue(seen2)
        try await browser.submit("#task-\(task.id) form button", leaving: "#notes")
        let open = try await world.api(.GET, "/api/v1/tasks", as: "a-worker").content.decode([CaseTask].self)
        XCTAssertTrue(open.isEmpty, "the task is done")

        // She asks to close the case: it waits for her supervisor.
        try await browser.open(url + "/cases/\(site.caseID)/edit")
        _ = try await browser.execute(
            """
            document.querySelector('#f-cas_Status').value = 'Closed';
            document.querySelector('#f-cas_ClosureDate').value = '2025-06-01';
            document.querySelector('#f-cas_ReasonForCaseClosure').value = 'Returned home safely';
            return true;
            """)
        try await browser.submit("form.case-form .save-bar button[type=submit]", leaving: "/edit")
        let seen3 = try await browser.pageSource.contains("Waiting for a supervisor")
        XCTAssertTrue(seen3)

        // A new case for the same person: she is warned, with a link to the case, before it is made.
        try await browser.open(url + "/cases/new")
        _ = try await browser.execute(
            """
            const set = (id, value) => { document.querySelector('#f-' + id).value = value; };
            set('prs_FirstName', 'Otieno'); set('prs_SecondName', 'Makena'); set('prs_Birthdate', '1990-02-01');
            set('prs_Gender', 'Feminine'); set('prs_Citizenship', 'UGA'); set('cas_IdentificationDate', '2025-04-01');
            return true;
            """)
        try await browser.click("form.case-form .save-bar button[type=submit]")
        try await Task.sleep(for: .milliseconds(500))
        let warned = try await browser.pageSource
        XCTAssertTrue(warned.contains("already has a case"), "warned of the duplicate")
        XCTAssertTrue(warned.contains("href=\"/cases/\(site.caseID)\""))
        try await browser.submit("form.case-form .save-bar button[type=submit]", leaving: "/cases/new")
        let newURL = try await browser.currentURL
        let newID = try XCTUnwrap(
            newURL.split(separator: "/").last?.split(separator: "?").first.flatMap { UUID(uuidString: String($0)) })

        // The supervisor: reassigns the new case, approves the closure, imports through the preview, exports.
        try await browser.deleteCookies()
        try await site.signIn("a-super")
        let seen4 = try await browser.pageSource.contains("Waiting for your approval")
        XCTAssertTrue(seen4)
        try await browser.open(url + "/cases/\(newID)")
        let supervisor = try await UserModel.query(on: world.app.palermo.store.database)
            .filter(\.$username == "a-super").first()!.id!
        _ = try await browser.execute(
            "document.querySelector('#owner select[name=owner]').value = '\(supervisor)'; return true;")
        try await browser.submit("#owner form.inline-form button[type=submit]", leaving: "/cases/\(newID)")
        let reassigned = try await world.api(.GET, "/api/v1/cases/\(newID)", as: "a-super").content.decode(
            CaseRecord.self)
        XCTAssertEqual(reassigned.ownerID, supervisor)
        try await browser.open(url + "/cases/\(site.caseID)")
        try await browser.submit("#approvals form.inline button[type=submit]", leaving: "/cases/\(site.caseID)")
        let closed = try await world.api(.GET, "/api/v1/cases/\(site.caseID)", as: "a-super").content.decode(
            CaseRecord.self)
        XCTAssertEqual(closed.fields["cas_Status"], .text("Closed"))

        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "palermo-import-\(UUID().uuidString).csv")
        try Data(
            """
            prs_FirstName,prs_SecondName,prs_Birthdate,prs_Gender,prs_Citizenship,cas_IdentificationDate,cas_Status
            Baraka,Ochieng,1999-09-09,Masculine,Kenya,2025-01-01,Active
            Chiku,Ali,2008-03-03,Feminine,Tanzania,2025-01-01,FollowUp
            """.utf8
        ).write(to: file)
        let before = try await world.caseCount()
        try await browser.open(url + "/cases/import")
        try await browser.type(file.path, into: "input[type=file]")
        try await browser.submit("form[action='/cases/import/preview'] button[type=submit]", leaving: "/cases/import")
        let seen5 = try await browser.pageSource.contains("2 rows: 2 new cases")
        XCTAssertTrue(seen5)
        let seen6 = try await world.caseCount()
        XCTAssertEqual(seen6, before, "nothing written before the confirmation")
        try await browser.submit("#confirm-import button[type=submit]", leaving: "/preview")
        let seen7 = try await world.caseCount()
        XCTAssertEqual(seen7, before + 2)

        try await browser.open(url + "/cases?status=FollowUp")
        let exported =
            try await browser.execute(
                """
                const link = document.querySelector("a[href^='/cases/export.csv']");
                return fetch(link.getAttribute('href')).then(r => r.text());
                """) as? String ?? ""
        XCTAssertTrue(exported.contains("Chiku") && exported.contains("palermo_CaseCode"))
        XCTAssertFalse(exported.contains("Baraka"), "the export follows the list's filter")

        // The organisation admin creates a user, who then signs in.
        try await browser.deleteCookies()
        try await site.signIn("a-admin")
        try await browser.open(url + "/admin/users")
        try await browser.type("wanjiru", into: "#new-user input[name=username]")
        try await browser.type("Wanjiru", into: "#new-user input[name=displayName]")
        try await browser.type(TestWorld.password, into: "#new-user input[name=password]")
        try await browser.submit("#new-user button[type=submit]", leaving: "/admin/users")
        let seen8 = try await browser.pageSource.contains("id=\"user-wanjiru\"")
        XCTAssertTrue(seen8)
        try await browser.deleteCookies()
        try await site.signIn("wanjiru")
        let seen9 = try await browser.currentURL
        XCTAssertEqual(seen9, url + "/")
        let seen10 = try await browser.pageSource.contains("wanjiru")
        XCTAssertTrue(seen10)
    }

    func waitFor(_ browser: WebDriver, _ path: String) async throws {
        for _ in 0..<100 {
            if try await browser.currentURL.contains(path) { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        XCTFail("never reached \(path)")
    }
}
