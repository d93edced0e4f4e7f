import FluentKit
import Foundation
import PalermoCore
import PalermoStore
import SQLKit
import Vapor
import XCTVapor
import XCTest

/// Reporting rounds: opened by the secretariat, a State's focal point files against its published plan, computed
/// indicators counted by Palermo (checked here against a direct query), bad reports refused by field.
final class ReportingRoundTests: XCTestCase {
    struct RoundReply: Decodable {
        struct Report: Decodable {
            let country: String
            let report: StateReport
        }
        let id: UUID
        let open: Bool
        let reports: [Report]?
    }

    static let round = ReportingRound(
        title: "First round", theme: "Identification and referral", from: "2025-01-01", to: "2025-12-31",
        questions: ["How are victims referred between organisations?"])

    /// A published Kenyan plan whose first indicator Palermo computes (victims identified) and the second not.
    static func publishPlan(_ world: inout TestWorld) async throws {
        try await NationalPlanTests.addApprover(&world)
        var plan = NationalPlanTests.plan()
        plan.objectives[0].indicators.append(.init(name: "Labour inspections", unit: "inspections"))
        let created = try await world.api(.POST, "/api/v1/national-plans", as: "coordinator", json: plan)
        let id = try created.content.decode(NationalPlanTests.Reply.self).id
        for (step, user) in [("submit", "coordinator"), ("approve", "stats-super"), ("publish", "coordinator")] {
            let moved = try await world.api(.POST, "/api/v1/national-plans/\(id)/\(step)", as: user)
            XCTAssertEqual(moved.status, .ok, moved.body.string)
        }
    }

    func testAFocalPointFilesAReportWithAComputedIndicatorAndBadReportsAreRefused() async throws {
        try await TestWorld.each { world in
            for (day, n) in [("2025-03-01", 2), ("2024-06-01", 1)] {
                for _ in 0..<n {
                    var fields = TestWorld.core
                    fields["cas_IdentificationDate"] = .text(day)
                    _ = try await world.createCase(as: "a-worker", fields)
                }
            }
            let early = try await world.api(.POST, "/api/v1/rounds", as: "root", json: Self.round)
            let firstRound = try early.content.decode(RoundReply.self).id
            let noPlan = try await world.api(
                .PUT, "/api/v1/rounds/\(firstRound)/report", as: "coordinator", json: StateReport())
            XCTAssertEqual(noPlan.status, .unprocessableEntity)
            XCTAssertTrue(noPlan.body.string.contains("reportNoPlan"), noPlan.body.string)

            try await Self.publishPlan(&world)
            let refused = try await world.api(.POST, "/api/v1/rounds", as: "coordinator", json: Self.round)
            XCTAssertEqual(refused.status, .forbidden, "the secretariat opens rounds")
            let draft = try await world.api(.GET, "/api/v1/rounds/\(firstRound)/report", as: "coordinator")
                .content.decode(StateReport.self)
            let computed = try XCTUnwrap(draft.indicators.first { $0.computed })
            // The same count, asked of the database directly.
            let row = try await world.app.palermo.store.sql.raw(
                """
                SELECT COUNT(*) AS n FROM cases c JOIN organisations o ON o.id = c.organisation_id
                WHERE o.country = 'KEN' AND c.identified_on >= '2025-01-01' AND c.identified_on <= '2025-12-31'
                """
            ).first()
            let direct = try XCTUnwrap(row?.decode(column: "n", as: Int.self))
            XCTAssertEqual(direct, 2)
            XCTAssertEqual(computed.value, Double(direct))
            XCTAssertTrue(computed.query?.contains("identified_on") == true)

            var report = draft
            report.indicators.append(.init(objective: 0, indicator: 1, value: 12, source: " "))
            report.measures = [.init(objective: 0, measure: 0, progress: .underway)]
            report.answers = [.init(question: 0, text: "Through the national referral mechanism.")]
            let path = "/api/v1/rounds/\(firstRound)/report"
            let sourceless = try await world.api(.PUT, path, as: "coordinator", json: report)
            XCTAssertEqual(sourceless.status, .unprocessableEntity)
            XCTAssertTrue(sourceless.body.string.contains("indicators[1].source"), sourceless.body.string)
            report.indicators[1].source = "Labour inspectorate annual report 2025"
            report.indicators[0].value = 999  // a computed value is Palermo's to count
            let filed = try await world.api(.PUT, path, as: "coordinator", json: report)
            XCTAssertEqual(filed.status, .ok, filed.body.string)
            let round = try await world.api(.GET, "/api/v1/rounds/\(firstRound)", as: "analyst")
                .content.decode(RoundReply.self)
            let stored = try XCTUnwrap(round.reports?.first)
            XCTAssertEqual(stored.country, "KEN")
            XCTAssertEqual(stored.report.indicators.first { $0.computed }?.value, Double(direct))

            _ = try await world.api(.POST, "/api/v1/rounds/\(firstRound)/close", as: "root")
            let late = try await world.api(.PUT, path, as: "coordinator", json: report)
            XCTAssertEqual(late.status, .unprocessableEntity)
            XCTAssertTrue(late.body.string.contains("roundClosed"))
        }
    }
}
