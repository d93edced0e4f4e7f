import FluentKit
import Foundation
import PalermoCore
import PalermoStore
import Vapor
import XCTest

/// One person through the referral mechanism in Chromium: assistance planned first, screening, the proposed
/// status approved by a supervisor, consent, a referral to a shelter of another organisation, accepted there,
/// the shared fields read, the service delivered; consent withdrawn, and the shelter's access gone.
final class ReferralBrowserTests: XCTestCase {
    func testAPersonReferredWithConsentUntilTheConsentIsWithdrawn() async throws {
        let site = try await BrowserSite.start()
        defer { Task { await site.stop() } }
        let (world, browser, url, caseID) = (site.world, site.browser, site.url, site.caseID)
        let shelter = try XCTUnwrap(world.organisations["B"])

        // Needs first: assistance is planned before any screening.
        try await site.signIn("a-worker")
        try await browser.open(url + "/cases/\(caseID)")
        _ = try await browser.execute(
            """
            const form = document.querySelector("form[action$='/plan']");
            form.querySelector('[name=objectives]').value = 'A safe bed and medical care tonight';
            return true;
            """)
        try await browser.submit("form[action$='/plan'] button[type=submit]", leaving: "/cases/\(caseID)")
        let planned = try await world.api(.GET, "/api/v1/cases/\(caseID)/support-plan", as: "a-worker")
        XCTAssertTrue(planned.body.string.contains("A safe bed"), "assistance started before screening")

        // Screening: act, means and exploitation observed; Palermo proposes, she takes the proposal, and the
        // decision waits for her supervisor.
        try await browser.open(url + "/cases/\(caseID)")
        _ = try await browser.execute(
            """
            const form = document.querySelector('#screening-form');
            form.querySelector('[name=acts][value=recruited]').checked = true;
            form.querySelector('[name=means][value=DebtBondage]').checked = true;
            form.querySelector('[name=purposes][value=ForcedLabour]').checked = true;
            for (const code of ['dr.natureOfJob', 'dr.wages', 'ex.excessiveHours', 'cd.documents', 'cd.violence']) {
                form.querySelector(`[name=indicators][value="${code}"]`).checked = true;
            }
            return true;
            """)
        try await browser.submit("#screening-form button[type=submit]", leaving: "/cases/\(caseID)")
        let proposed = try await browser.pageSource
        XCTAssertTrue(proposed.contains("id=\"screening-proposal\""), "a proposal is shown")
        XCTAssertTrue(proposed.contains("Deceptive recruitment (including transfer and transport): present"), proposed)
        XCTAssertTrue(proposed.contains("Exploitative conditions: not enough (1 strong, 0 medium, 0 weak)"))
        try await browser.open(url + "/cases/\(caseID)")
        try await browser.submit("#screening-proposal form button", leaving: "/cases/\(caseID)")
        let waiting = try await world.api(.GET, "/api/v1/cases/\(caseID)", as: "a-worker").content.decode(
            CaseRecord.self)
        XCTAssertNotEqual(waiting.fields["vic_TraffickingStatus"], .text("ActualVictimOfTrafficking"), "it waits")
        try await browser.deleteCookies()
        try await site.signIn("a-super")
        try await browser.open(url + "/cases/\(caseID)")
        try await browser.submit("#approvals form.inline button[type=submit]", leaving: "/cases/\(caseID)")
        let decided = try await world.api(.GET, "/api/v1/cases/\(caseID)", as: "a-super").content.decode(
            CaseRecord.self)
        XCTAssertEqual(decided.fields["vic_TraffickingStatus"], .text("ActualVictimOfTrafficking"))

        // The caseworker records the person's consent to share her name and profile with the shelter.
        try await browser.deleteCookies()
        try await site.signIn("a-worker")
        try await browser.open(url + "/cases/\(caseID)")
        _ = try await browser.execute(
            """
            const form = document.querySelector('#consent-form');
            form.querySelector('[name=recipient]').value = '\(shelter.uuidString)';
            form.querySelector('[name=purpose]').value = 'shelter';
            form.querySelector('[name=groups][value=identity]').checked = true;
            form.querySelector('[name=groups][value=profile]').checked = true;
            form.querySelector('[name=informedIn]').value = 'sw';
            return true;
            """)
        try await browser.submit("#consent-form button[type=submit]", leaving: "/cases/\(caseID)")
        let consented = try await browser.pageSource
        XCTAssertTrue(consented.contains("id=\"consent-list\""), "the consent is listed")
        XCTAssertTrue(consented.contains("Running"))

        // She refers the case to the shelter on that consent.
        try await browser.open(url + "/cases/\(caseID)")
        _ = try await browser.execute(
            """
            const form = document.querySelector('#refer-form');
            form.querySelector('[name=receiver]').value = '\(shelter.uuidString)';
            form.querySelector('[name=service]').value = 'shelter';
            form.querySelector('[name=consent]').selectedIndex = 1;
            return true;
            """)
        try await browser.submit("#refer-form button[type=submit]", leaving: "/cases/\(caseID)")
        let referred = try await browser.pageSource
        XCTAssertTrue(referred.contains("Waiting for an answer"), "the referral waits")

        // The shelter: its home page says a referral waits; it accepts and reads what is shared.
        try await browser.deleteCookies()
        try await site.signIn("b-worker")
        let home = try await browser.pageSource
        XCTAssertTrue(home.contains("id=\"referrals\"") && home.contains("Waiting for an answer"))
        try await browser.open(url + "/referrals")
        try await browser.submit("#incoming-list form[action$='/accept'] button", leaving: "/referrals")
        let stored = try await ReferralModel.query(on: world.app.palermo.store.database).first()
        let referral = try XCTUnwrap(stored)
        XCTAssertEqual(referral.state, "accepted")
        XCTAssertNotNil(referral.linkedCaseID, "accepting opened the shelter's own case")
        try await browser.open(url + "/referrals/\(try referral.requireID())")
        let shared = try await browser.pageSource
        XCTAssertTrue(shared.contains("Makena"), "the consented name")
        XCTAssertFalse(shared.contains("Forced"), "the exploitation is outside the consent")

        // The service is delivered.
        try await browser.open(url + "/referrals")
        _ = try await browser.execute(
            "document.querySelector(\"#incoming-list form[action$='/complete'] [name=outcome]\").value = 'delivered';"
                + " return true;")
        try await browser.submit("#incoming-list form[action$='/complete'] button", leaving: "/referrals")
        let done = try await browser.pageSource
        XCTAssertTrue(done.contains("Service given"))

        // The person withdraws consent: the caseworker records it, and the shelter sees nothing more.
        try await browser.deleteCookies()
        try await site.signIn("a-worker")
        try await browser.open(url + "/cases/\(caseID)")
        try await browser.submit("#consent-list form button", leaving: "/cases/\(caseID)")
        let withdrawn = try await browser.pageSource
        XCTAssertTrue(withdrawn.contains("Withdrawn"))
        try await browser.deleteCookies()
        try await site.signIn("b-worker")
        try await browser.open(url + "/referrals/\(try referral.requireID())")
        let gone = try await browser.pageSource
        XCTAssertFalse(gone.contains("Makena"), "the shelter's access is gone")
        XCTAssertTrue(gone.contains("withdrawn or has expired"))
    }
}
