import FluentKit
import Foundation
import PalermoCore
import PalermoServer
import PalermoStore
import SQLKit
import Vapor
import XCTVapor
import XCTest

/// The appraisal of the demo's two rounds against direct queries of the stored plans and reports; its page
/// names no score or rank.
final class AppraisalTests: XCTestCase {
    struct Row: Decodable { let country: String; let document: String }

    func testTheAppraisalOfTheDemoRoundsMatchesDirectQueries() async throws {
        for database in TestDatabases.all {
            let world = try await TestWorld.make(database)
            do {
                try await DemoData.load(into: world.app)
                let store = world.app.palermo.store
                let sql = try store.sql
                let plans = try await sql.raw(
                    """
                    SELECT country, document FROM national_plans WHERE status = 'published' AND kind = 'national'
                    """
                ).all(decoding: Row.self)
                let documents = try plans.map {
                    try JSONDecoder().decode(NationalPlan.self, from: Data($0.document.utf8))
                }
                XCTAssertEqual(Set(plans.map(\.country)), ["KEN", "UGA"], "two States' plans in the demo")
                let rounds = try await store.reportingRounds.rounds()
                XCTAssertEqual(rounds.count, 2)
                for round in rounds {
                    let appraisal = try await store.reportingRounds.appraisal(round.id)
                    struct Filed: Decodable { let country: String }
                    let filed = try await sql.raw(
                        "SELECT country FROM state_reports WHERE round_id = \(bind: round.id)"
                    ).all(decoding: Filed.self)
                    XCTAssertEqual(appraisal.states.map(\.country), plans.map(\.country).sorted())
                    XCTAssertEqual(Set(appraisal.states.filter(\.reported).map(\.country)), Set(filed.map(\.country)))
                    for (paragraph, count) in appraisal.coverage {
                        let direct = documents.filter { plan in
                            plan.objectives.contains {
                                $0.paragraphs.contains(paragraph)
                                    || $0.measures.contains { $0.paragraphs.contains(paragraph) }
                            }
                        }.count
                        XCTAssertEqual(count, direct, "paragraph \(paragraph)")
                    }
                    let budgetKES = documents.filter { $0.country == "KEN" }.flatMap(\.objectives).flatMap(\.measures)
                        .compactMap(\.budget).filter { $0.currency == "KES" }.map(\.amount).reduce(0, +)
                    XCTAssertEqual(
                        appraisal.budgets.first { $0.country == "KEN" && $0.currency == "KES" }?.budget, budgetKES)
                    let computed = appraisal.indicators.filter(\.computed)
                    XCTAssertFalse(computed.isEmpty, "Kenya's computed indicators are filled in")
                }
                XCTAssertEqual(rounds.filter(\.open).count, 1, "the 2025 round is closed")

                let cookie = try await world.webLogin("analyst")
                let page = try await world.page("/appraisal", cookie: cookie).body.string
                XCTAssertTrue(page.contains("2 of 2 States with a published national plan reported"), page)
                // No column ranks, scores or rates the States.
                let headers = page.matches(of: /<th[^>]*>([^<]*)<\/th>/).map { $0.output.1.lowercased() }
                XCTAssertFalse(headers.isEmpty)
                for word in ["rank", "score", "rating", "position"] {
                    XCTAssertFalse(headers.contains { $0.contains(word) }, "no \(word) of States")
                }
                let csv = try await world.page("/appraisal/indicators.csv", cookie: cookie)
                XCTAssertEqual(csv.status, .ok)
                XCTAssertTrue(csv.body.string.hasPrefix("country,indicator,unit"))
                try await world.app.asyncShutdown()
            } catch {
                try? await world.app.asyncShutdown()
                throw error
            }
        }
    }
}
