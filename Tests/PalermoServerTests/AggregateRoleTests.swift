import Foundation
import PalermoCore
import PalermoStore
import Vapor
import XCTVapor
import XCTest

/// Analysts and national coordinators see counts, never a case record or a personal field.
final class AggregateRoleTests: XCTestCase {
    func testAnalystGetsNoPersonalField() async throws {
        try await TestWorld.each { world in
            let personal: [String: FieldValue] = [
                "prs_FirstName": .text("Nyokabi"), "prs_SecondName": .text("Kariuki"),
                "prs_Email": .text("nyokabi@example.org"),
                "prs_Birthdate": .text("1999-04-02"), "prs_MobilePhone": .text("+254 700 123456"),
                "prs_Gender": .text("Feminine"), "prs_Citizenship": .text("KEN"),
                "vic_TypeOfExploitation": .list(["ForcedLabour"]),
            ]
            let id = try await world.createCase(as: "a-worker", personal)
            var bodies: [String] = []
            for user in ["analyst", "coordinator"] {
                for path in [
                    "/api/v1/cases", "/api/v1/cases/\(id)", "/api/v1/cases/\(id)/history", "/api/v1/cases/export",
                ] {
                    let res = try await world.api(.GET, path, as: user)
                    XCTAssertEqual(res.status, .forbidden, "\(user) \(path)")
                    bodies.append(res.body.string)
                }
                for dimension in [
                    "status", "traffickingStatus", "gender", "ageGroup", "citizenship", "exploitation",
                    "countryOfExploitation", "region",
                ] {
                    let res = try await world.api(.GET, "/api/v1/stats/cases?by=\(dimension)", as: user)
                    XCTAssertEqual(res.status, .ok, res.body.string)
                    bodies.append(res.body.string)
                }
            }
            let everything = bodies.joined(separator: "\n")
            for value in ["Nyokabi", "Kariuki", "nyokabi@example.org", "1999-04-02", "700 123456"] {
                XCTAssertFalse(everything.contains(value), "\(value) leaked to an aggregate role on \(world.label)")
            }
            for name in HTCDS.personalFieldNames { XCTAssertFalse(everything.contains(name), "\(name) leaked") }
            // The aggregates are real: the coordinator sees the one case of their country, an adult; across
            // organisations the analyst sees that there is one, but not how many.
            let stats = try await world.api(.GET, "/api/v1/stats/cases?by=ageGroup", as: "coordinator").content
                .decode(CaseStatistics.Breakdown.self)
            XCTAssertEqual(stats.total, 1)
            XCTAssertEqual(stats.cells, [CaseStatistics.Cell(category: "adult", count: 1)])
            let across = try await world.api(.GET, "/api/v1/stats/cases?by=ageGroup", as: "analyst").content.decode(
                CaseStatistics.Breakdown.self)
            XCTAssertNil(across.total)
            XCTAssertEqual(across.cells, [CaseStatistics.Cell(category: "adult", count: nil)])
        }
    }

    func testCoordinatorSeesOnlyTheirCountry() async throws {
        try await TestWorld.each { world in
            _ = try await world.createCase(as: "a-worker", ["cas_Status": .text("Active")])  // Kenya
            _ = try await world.createCase(as: "b-worker", ["cas_Status": .text("Active")])  // Uganda
            _ = try await world.createCase(
                as: "b-worker",
                [
                    "cas_Status": .text("Closed"), "cas_ClosureDate": .text("2025-06-01"),
                    "cas_ReasonForCaseClosure": .text("Returned home"),
                ])
            let coordinator = try await world.api(.GET, "/api/v1/stats/cases?by=status", as: "coordinator").content
                .decode(CaseStatistics.Breakdown.self)
            XCTAssertEqual(coordinator.total, 1)
            let analyst = try await world.api(.GET, "/api/v1/stats/cases?by=status", as: "analyst").content.decode(
                CaseStatistics.Breakdown.self)
            // Three cases across organisations: fewer than 5, so the analyst's total is withheld.
            XCTAssertNil(analyst.total)
            XCTAssertEqual(analyst.cells.map(\.count), [nil, nil])
            let worker = try await world.api(.GET, "/api/v1/stats/cases?by=status", as: "a-worker")
            XCTAssertEqual(worker.status, .forbidden)
        }
    }

    /// An analyst sees every organisation's counts, but none of 1 to 4 and none that would give one away; the
    /// coordinator sees their own country's counts exactly. The API, the page, its CSV and the home page agree.
    func testAnalystSeesNoSmallCount() async throws {
        try await TestWorld.each { world in
            for (citizenship, n) in [("KEN", 6), ("UGA", 1), ("TZA", 3)] {
                for _ in 0..<n {
                    _ = try await world.createCase(as: "a-worker", ["prs_Citizenship": .text(citizenship)])
                }
            }
            let analyst = try await world.api(.GET, "/api/v1/stats/cases?by=citizenship", as: "analyst").content
                .decode(CaseStatistics.Breakdown.self)
            XCTAssertEqual(analyst.total, 10)
            XCTAssertEqual(analyst.disclosure, "suppressed")
            XCTAssertEqual(analyst.threshold, 5)
            // The 1 and the 3 are withheld, and the 6 with them: 10 − 6 − 3 would give the 1 away.
            XCTAssertEqual(analyst.cells.map(\.count), [nil, nil, nil])
            XCTAssertEqual(analyst.cells.map(\.category), ["KEN", "TZA", "UGA"], "withheld cells in no telling order")
            let coordinator = try await world.api(.GET, "/api/v1/stats/cases?by=citizenship", as: "coordinator").content
                .decode(CaseStatistics.Breakdown.self)
            XCTAssertEqual(coordinator.disclosure, "exact")
            XCTAssertEqual(coordinator.cells.map(\.count), [6, 3, 1])

            let cookie = try await world.webLogin("analyst")
            let csv = try await world.page("/stats/download?by=citizenship", cookie: cookie).body.string
            XCTAssertTrue(csv.contains("UGA,,"), csv)
            XCTAssertFalse(csv.contains(",1,") || csv.contains(",3,") || csv.contains(",6,"), csv)
            let page = try await world.page("/stats", cookie: cookie).body.string
            XCTAssertTrue(page.contains("not shown"), "the page says which counts are withheld")

            // Rounding instead: 6, 3 and 1 become multiples of 5 that add up to the total rounded, 10.
            let rounded = try await world.api(
                .GET, "/api/v1/stats/cases?by=citizenship&method=rounding", as: "analyst"
            ).content.decode(CaseStatistics.Breakdown.self)
            XCTAssertEqual(rounded.disclosure, "rounded")
            XCTAssertEqual(rounded.total, 10)
            XCTAssertEqual(rounded.cells.compactMap(\.count).reduce(0, +), 10)
            XCTAssertTrue(rounded.cells.allSatisfy { ($0.count ?? 1) % 5 == 0 }, "\(rounded.cells)")
            let roundedPage = try await world.page("/stats?method=rounding", cookie: cookie).body.string
            XCTAssertTrue(roundedPage.contains("rounded to a multiple of 5"))
            let bad = try await world.api(.GET, "/api/v1/stats/cases?by=citizenship&method=blur", as: "analyst")
            XCTAssertEqual(bad.status, .unprocessableEntity)
            XCTAssertTrue(bad.body.string.contains("method"), bad.body.string)
        }
    }
}
