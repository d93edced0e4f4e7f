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
            let list = try await world.page("/rounds", cookie: root).body.string
            XCTAssertTrue(list.contains("<td>1</td>"), "the list counts the one report filed")

            let closed = try await world.postForm(path + "/close", cookie: root, [], from: path)
            XCTAssertEqual(closed.status, .seeOther)
            var changed = report
            changed[0].1 = "completed"
            let late = try await world.postForm(path + "/report", cookie: coordinator, changed, from: path)
            XCTAssertEqual(late.status, .unprocessableEntity)
            XCTAssertTrue(late.body.string.contains("closed"), late.body.string)
            let after = try await world.app.palermo.store.reportingRounds.reports(of: record.id)
            XCTAssertEqual(after.first?.report, stored, "nothing changed")
        }
    }

    /// Recommendations made after a round are followed up in the State's next report, and the appraisal says where
    /// each stands; a follow-up of anything else is refused.
    func testRecommendationsAreFollowedUpInTheNextReport() async throws {
        try await TestWorld.each { world in
            try await ReportingRoundTests.publishPlan(&world)
            struct Made: Decodable { let id: UUID }
            let first = try await world.api(.POST, "/api/v1/rounds", as: "root", json: ReportingRoundTests.round)
                .content.decode(Made.self).id
            let path = "/api/v1/rounds/\(first)/recommendations"
            let notHers = try await world.api(
                .POST, path, as: "coordinator", json: Recommendation(country: "KEN", text: "Fund shelters"))
            XCTAssertEqual(notHers.status, .forbidden)
            let nowhere = try await world.api(
                .POST, path, as: "root", json: Recommendation(country: "XXX", text: "Fund shelters"))
            XCTAssertEqual(nowhere.status, .unprocessableEntity)
            XCTAssertTrue(nowhere.body.string.contains("notACountry"))
            let root = try await world.webLogin("root")
            let empty = try await world.postForm(
                "/rounds/\(first)/recommendations", cookie: root, [("country", "KEN"), ("text", " ")],
                from: "/rounds/\(first)")
            XCTAssertEqual(empty.status, .unprocessableEntity)
            XCTAssertTrue(empty.body.string.contains("Recommendation: is required"), "named as the form names it")
            let made = try await world.postForm(
                "/rounds/\(first)/recommendations", cookie: root,
                [("country", "KEN"), ("text", "Fund shelters for children")], from: "/rounds/\(first)")
            XCTAssertEqual(made.status, .seeOther, made.body.string)
            let listed = try await world.api(.GET, path, as: "analyst").content.decode([Made].self)
            let recommendation = try XCTUnwrap(listed.first).id

            var next = ReportingRoundTests.round
            next.title = "Second round"
            next.from = "2026-01-01"
            next.to = "2026-12-31"
            let second = try await world.api(.POST, "/api/v1/rounds", as: "root", json: next)
                .content.decode(Made.self).id
            let sameRound = try await world.api(
                .POST, "/api/v1/rounds/\(second)/recommendations", as: "root",
                json: Recommendation(country: "KEN", text: "Not yet due"))
            let notYetDue = try sameRound.content.decode(Made.self).id
            for (unknown, why) in [(UUID(), "unknown"), (notYetDue, "made after this round began")] {
                let refused = try await world.api(
                    .PUT, "/api/v1/rounds/\(second)/report", as: "coordinator",
                    json: StateReport(followUp: [.init(recommendation: unknown, progress: .implemented)]))
                XCTAssertEqual(refused.status, .unprocessableEntity, why)
                XCTAssertTrue(refused.body.string.contains("recommendationUnknown"), refused.body.string)
            }

            let coordinator = try await world.webLogin("coordinator")
            let reportPath = "/rounds/\(second)/report"
            let form = try await world.page(reportPath, cookie: coordinator).body.string
            XCTAssertTrue(form.contains("Fund shelters for children"), "the earlier recommendation is asked about")
            XCTAssertFalse(form.contains("Not yet due"), "this round's own is not")
            let filed = try await world.postForm(
                reportPath, cookie: coordinator,
                [("follow.0.progress", "partlyImplemented"), ("follow.0.note", "Two shelters funded")],
                from: reportPath)
            XCTAssertEqual(filed.status, .seeOther, filed.body.string)
            let stored = try await world.app.palermo.store.reportingRounds.reports(of: second).first?.report
            XCTAssertEqual(
                stored?.followUp,
                [.init(recommendation: recommendation, progress: .partlyImplemented, note: "Two shelters funded")])
            let appraisal = try await world.page("/appraisal?round=\(second)", cookie: coordinator).body.string
            let section = try XCTUnwrap(appraisal.range(of: "id=\"appraisal-follow-up\"")).upperBound
            let rows = appraisal[section...].prefix(1500)
            XCTAssertTrue(
                rows.contains("Fund shelters for children") && rows.contains("Partly implemented"), String(rows))
        }
    }

    /// Answers already given are not asked again: a sheet of checklist answers fills in the form (nothing filed
    /// until the focal point files), and a question asked in an earlier round starts from the State's answer there.
    func testAnswersAlreadyGivenFillInTheFormInsteadOfBeingAskedAgain() async throws {
        try await TestWorld.each { world in
            try await ReportingRoundTests.publishPlan(&world)
            struct Made: Decodable { let id: UUID }
            var first = ReportingRoundTests.round
            first.questions = ["How are victims referred between organisations?", "Who pays for shelters?"]
            let round = try await world.api(.POST, "/api/v1/rounds", as: "root", json: first)
                .content.decode(Made.self).id
            let coordinator = try await world.webLogin("coordinator")
            let path = "/rounds/\(round)/report"
            func upload(_ csv: String) async throws -> XCTHTTPResponse {
                let token = AuthenticationTests.csrf(in: try await world.page(path, cookie: coordinator).body.string)
                let boundary = "palermo-\(UUID().uuidString)"
                var body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(token)\r\n"
                body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"checklist.csv\"\r\n"
                body += "Content-Type: text/csv\r\n\r\n\(csv)\r\n--\(boundary)--\r\n"
                var captured: XCTHTTPResponse?
                try await world.app.send(
                    .POST, path + "/answers",
                    before: { req in
                        req.headers.cookie = ["palermo-session": .init(string: coordinator)]
                        req.headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
                        req.body = ByteBuffer(string: body)
                    }, after: { captured = $0 })
                return try XCTUnwrap(captured)
            }
            let unmatched = try await upload("question,answer\nWhat colour is the sky?,Blue\n")
            XCTAssertEqual(unmatched.status, .unprocessableEntity)
            XCTAssertTrue(unmatched.body.string.contains("matches no question of the round"), unmatched.body.string)
            let imported = try await upload("question,answer\n1,Through the national referral mechanism.\n")
            XCTAssertEqual(imported.status, .ok, imported.body.string)
            XCTAssertTrue(imported.body.string.contains("1 answers filled in from the sheet"))
            XCTAssertTrue(imported.body.string.contains(">Through the national referral mechanism.</textarea>"))
            let none = try await world.app.palermo.store.reportingRounds.reports(of: round)
            XCTAssertTrue(none.isEmpty, "the import files nothing")
            let filed = try await world.postForm(
                path, cookie: coordinator, [("answer.0", "Through the national referral mechanism.")], from: path)
            XCTAssertEqual(filed.status, .seeOther, filed.body.string)

            // The next round asks the first question again: the form starts from the answer given before.
            var next = ReportingRoundTests.round
            next.title = "Second round"
            next.from = "2026-01-01"
            next.to = "2026-12-31"
            next.questions = ["How are victims referred between organisations", "What is new?"]
            let second = try await world.api(.POST, "/api/v1/rounds", as: "root", json: next)
                .content.decode(Made.self).id
            let form = try await world.page("/rounds/\(second)/report", cookie: coordinator).body.string
            XCTAssertTrue(form.contains(">Through the national referral mechanism.</textarea>"), "carried forward")
            XCTAssertTrue(form.contains("Taken from our report for First round"))
        }
    }

    /// The focal point gathers the answers of the State's agencies: an agency's supervisor contributes, the focal
    /// point reads it beside the report; others may not contribute or read.
    func testTheStatesAgenciesContributeAndTheFocalPointReadsThem() async throws {
        try await TestWorld.each { world in
            try await ReportingRoundTests.publishPlan(&world)  // adds stats-super, a supervisor of the agency
            struct Made: Decodable { let id: UUID }
            let round = try await world.api(.POST, "/api/v1/rounds", as: "root", json: ReportingRoundTests.round)
                .content.decode(Made.self).id
            let path = "/api/v1/rounds/\(round)/contribution"
            let shelter = try await world.api(.PUT, path, as: "a-super", json: Contribution(note: "From a shelter"))
            XCTAssertEqual(shelter.status, .forbidden, "a shelter is not an agency of the State")
            let unknown = try await world.api(
                .PUT, path, as: "stats-super", json: Contribution(answers: [.init(question: 7, text: "No such")]))
            XCTAssertEqual(unknown.status, .unprocessableEntity)
            let agency = try await world.webLogin("stats-super")
            let roundPage = try await world.page("/rounds/\(round)", cookie: agency).body.string
            XCTAssertTrue(roundPage.contains("id=\"round-contribute\""), "the agency is offered its contribution")
            let sent = try await world.postForm(
                "/rounds/\(round)/contribution", cookie: agency,
                [("answer.0", "Our inspectors refer to the shelter by phone."), ("note", "Figures follow by mail.")],
                from: "/rounds/\(round)/contribution")
            XCTAssertEqual(sent.status, .seeOther, sent.body.string)

            let coordinator = try await world.webLogin("coordinator")
            let report = try await world.page("/rounds/\(round)/report", cookie: coordinator).body.string
            XCTAssertTrue(report.contains("id=\"report-contributions\""))
            XCTAssertTrue(report.contains("Our inspectors refer to the shelter by phone."), "beside the report")
            let listed = try await world.api(.GET, "/api/v1/rounds/\(round)/contributions", as: "coordinator")
            XCTAssertEqual(listed.status, .ok)
            XCTAssertTrue(listed.body.string.contains("Figures follow by mail."))
            let outsider = try await world.api(.GET, "/api/v1/rounds/\(round)/contributions", as: "analyst")
            XCTAssertEqual(outsider.status, .forbidden, "contributions stay inside the State")

            _ = try await world.api(.POST, "/api/v1/rounds/\(round)/close", as: "root")
            let late = try await world.api(.PUT, path, as: "stats-super", json: Contribution(note: "Late"))
            XCTAssertEqual(late.status, .unprocessableEntity)
        }
    }
}
