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
            // The aggregates are real: the analyst sees the one case, as an adult woman doing forced labour.
            let stats = try await world.api(.GET, "/api/v1/stats/cases?by=ageGroup", as: "analyst").content.decode(
                CaseStatistics.Breakdown.self)
            XCTAssertEqual(stats.total, 1)
            XCTAssertEqual(stats.cells, [CaseStatistics.Cell(category: "adult", count: 1)])
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
            XCTAssertEqual(analyst.total, 3)
            let worker = try await world.api(.GET, "/api/v1/stats/cases?by=status", as: "a-worker")
            XCTAssertEqual(worker.status, .forbidden)
        }
    }
}
