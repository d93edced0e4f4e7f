import FluentKit
import Foundation
import PalermoCore
import PalermoStore
import Vapor
import XCTVapor
import XCTest

/// Reporting rounds in the browser: the secretariat opens one by form, the focal point files the State's report
/// by form (computed indicators shown with their query, not asked), refusals keep what was typed.
final class RoundPagesTests: XCTestCase {
    func testTheSecretariatOpensARoundAndTheFocalPointFilesByForm() async throws {
        try await TestWorld.each { world in
            var fields = TestWorld.core
            fields["cas_IdentificationDate"] = .text("2026-02-01")
            _ = try await world.createCase(as: "a-worker", fields)
            try await ReportingRoundTests.publishPlan(&world)
            let root = try await world.webLogin("root")
            var round: [(String, String)] = [
                ("title", "Round on referral"), ("theme", "Referral"), ("from", "2026-12-31"), ("to", "2026-01-01"),
                ("questions", "Who refers victims?\n\nWhat is missing?"),
            ]
            let backwards = try await world.postForm("/rounds", cookie: root, round, from: "/rounds")
            XCTAssertEqual(backwards.status, .unprocessableEntity)
            XCTAssertTrue(backwards.body.string.contains("End of the period"), "the problem names the field")
            XCTAssertTrue(backwards.body.string.contains("value=\"Round on referral\""), "what was typed is kept")
            let refusedRounds = try await world.app.palermo.store.reportingRounds.rounds()
            XCTAssertTrue(refusedRounds.isEmpty, "nothing was written")
            round[2].1 = "2026-01-01"
            round[3].1 = "2026-12-31"
            let coordinator = try await world.webLogin("coordinator")
            let notHers = try await world.postForm("/rounds", cookie: coordinator, round, from: "/rounds")
            XCTAssertEqual(notHers.status, .forbidden, "the secretariat opens rounds")
            let opened = try await world.postForm("/rounds", cookie: root, round, from: "/rounds")
            XCTAssertEqual(opened.status, .seeOther, opened.body.string)
            let path = try XCTUnwrap(opened.headers.first(name: .location))
            let rounds = try await world.app.palermo.store.reportingRounds.rounds()
            let record = try XCTUnwrap(rounds.first)
            XCTAssertEqual(record.round.questions, ["Who refers victims?", "What is missing?"])

            let roundPage = try await world.page(path, cookie: coordinator).body.string
            XCTAssertTrue(roundPage.contains("id=\"round-report\""), "the focal point is sent to the report")
            let form = try await world.page(path + "/report", cookie: coordinator).body.string
            XCTAssertTrue(form.contains("id=\"computed-0.0\""), "the computed indicator is shown, not asked")
            XCTAssertTrue(form.contains("identified_on"), "with its query")
            XCTAssertFalse(form.contains("name=\"value.0.0\""))
            var report: [(String, String)] = [
                ("progress.0.0", "underway"), ("spent.0.0", "250000"), ("note.0.0", "Two courses held"),
                ("value.0.1", "14"), ("source.0.1", ""), ("answer.0", "Shelters and the police"),
            ]
            let sourceless = try await world.postForm(
                path + "/report", cookie: coordinator, report, from: path + "/report")
            XCTAssertEqual(sourceless.status, .unprocessableEntity)
            let refused = sourceless.body.string
            XCTAssertTrue(refused.contains("Labour inspections — "), "the problem names the indicator")
            XCTAssertTrue(refused.contains("value=\"Two courses held\""), "what was typed is kept")
            report[4].1 = "Labour inspectorate register"
            report.append(("value.0.0", "999"))
            let filed = try await world.postForm(path + "/report", cookie: coordinator, report, from: path + "/report")
            XCTAssertEqual(filed.status, .seeOther, filed.body.string)

            let reports = try await world.app.palermo.store.reportingRounds.reports(of: record.id)
            let stored = try XCTUnwrap(reports.first?.report)
            XCTAssertEqual(
                stored.measures,
                [.init(objective: 0, measure: 0, progress: .underway, note: "Two courses held", spent: 250_000)])
            let computed = try XCTUnwrap(stored.indicators.first { $0.computed })
            XCTAssertEqual(computed.value, 1, "Palermo's count of the one Kenyan case in 2026, not the 999 posted")
            XCTAssertEqual(stored.indicators.first { !$0.computed }?.source, "Labour inspectorate register")
            XCTAssertEqual(stored.answers.map(\.text), ["Shelters and the police"])
            let listed = try await world.page(path, cookie: try await world.webLogin("analyst")).body.string
            XCTAssertTrue(listed.contains("Kenya"), "everyone signed in reads who reported")

            let closed = try await world.postForm(path + "/close", cookie: root, [], from: path)
            XCTAssertEqual(closed.status, .seeOther)
            let late = try await world.postForm(path + "/report", cookie: coordinator, report, from: path)
            XCTAssertEqual(late.status, .unprocessableEntity)
            XCTAssertTrue(late.body.string.contains("closed"), late.body.string)
        }
    }
}
