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
                    let reported = try await sql.raw(
                        "SELECT country, document FROM state_reports WHERE round_id = \(bind: round.id)"
                    ).all(decoding: Row.self).map {
                        ($0.country, try JSONDecoder().decode(StateReport.self, from: Data($0.document.utf8)))
                    }
                    for row in appraisal.coverage {
                        let paragraph = row.paragraph
                        let direct = documents.filter { plan in
                            plan.objectives.contains {
                                $0.paragraphs.contains(paragraph)
                                    || $0.measures.contains { $0.paragraphs.contains(paragraph) }
                            }
                        }.count
                        XCTAssertEqual(row.plans, direct, "paragraph \(paragraph)")
                        var measures = 0, statuses = 0
                        for plan in documents {
                            let report = reported.first { $0.0 == plan.country }?.1
                            for (o, objective) in plan.objectives.enumerated() {
                                for (m, measure) in objective.measures.enumerated()
                                where measure.paragraphs.contains(paragraph) {
                                    measures += 1
                                    statuses +=
                                        report?.measures.filter { $0.objective == o && $0.measure == m }.count ?? 0
                                }
                            }
                        }
                        XCTAssertEqual(row.measures, measures, "measures for paragraph \(paragraph)")
                        XCTAssertEqual(row.reported, statuses, "measures reported on for paragraph \(paragraph)")
                    }
                    XCTAssertEqual(
                        appraisal.regions.map { [$0.region, String($0.states), String($0.reported)] },
                        [["Africa", "2", String(filed.count)]], "Kenya and Uganda are both in Africa")
                    let budgetKES = documents.filter { $0.country == "KEN" }.flatMap(\.objectives).flatMap(\.measures)
                        .compactMap(\.budget).filter { $0.currency == "KES" }.map(\.amount).reduce(0, +)
                    XCTAssertEqual(
                        appraisal.budgets.first { $0.country == "KEN" && $0.currency == "KES" }?.budget, budgetKES)
                    let computed = appraisal.indicators.filter(\.computed)
                    XCTAssertFalse(computed.isEmpty, "Kenya's computed indicators are filled in")
                }
                XCTAssertEqual(rounds.filter(\.open).count, 1, "the 2025 round is closed")

                // Trends across rounds: Kenya's convictions in each round, as stored in its reports.
                let latest = try XCTUnwrap(rounds.first { $0.open })
                let trends = try await store.reportingRounds.trends(through: latest.id)
                let convicted = try XCTUnwrap(trends.first { $0.country == "KEN" && $0.name.contains("convicted") })
                var direct: [Int: Double] = [:]
                for round in rounds {
                    for report in try await store.reportingRounds.reports(of: round.id) where report.country == "KEN" {
                        let plan = try XCTUnwrap(documents.first { $0.country == "KEN" })
                        for value in report.report.indicators
                        where plan.objectives[value.objective].indicators[value.indicator].name == convicted.name {
                            direct[Int(round.round.from.prefix(4)) ?? 0] = value.value
                        }
                    }
                }
                XCTAssertEqual(direct.count, 2, "reported in both rounds")
                XCTAssertEqual(Dictionary(uniqueKeysWithValues: convicted.points.map { ($0.year, $0.value) }), direct)

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
                // The report to download: one self-contained file, its trends drawn as SVG, in the reader's language.
                let document = try await world.page("/appraisal/report.html", cookie: cookie, language: "ar")
                XCTAssertEqual(document.status, .ok)
                XCTAssertEqual(document.headers.contentType?.subType, "html")
                let html = document.body.string
                XCTAssertTrue(html.contains("dir=\"rtl\"") && html.contains("<svg"), String(html.prefix(500)))
                XCTAssertTrue(html.contains("id=\"appraisal-regions\"") && html.contains("id=\"appraisal-trends\""))
                XCTAssertFalse(html.contains("<script") || html.contains("<link"), "nothing is fetched or run")
                try await world.app.asyncShutdown()
            } catch {
                try? await world.app.asyncShutdown()
                throw error
            }
        }
    }
}
