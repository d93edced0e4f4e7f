import FluentKit
import Foundation
import PalermoCore
import PalermoIO
import PalermoStore
import Vapor
import XCTVapor
import XCTest

/// Multiple systems estimation on Palermo's own records: people linked across organisations by keyed
/// hashes, never by names leaving the system.
final class EstimateFromRecordsTests: XCTestCase {
    func testTheSamePersonInTwoOrganisationsIsLinkedAndTheTotalEstimated() async throws {
        try await TestWorld.each { world in
            let store = world.app.palermo.store
            let kenyanA = Principal(
                userID: UUID(), username: "a", organisationID: world.organisations["A"]!, role: .caseworker)
            let kenyanStats = Principal(
                userID: UUID(), username: "s", organisationID: world.organisations["Stats"]!, role: .caseworker)
            func person(_ n: Int) -> [String: FieldValue?] {
                [
                    "prs_FirstName": .text("Given\(String(UnicodeScalar(65 + n % 26)!))"),
                    "prs_SecondName": .text("Family\(String(UnicodeScalar(65 + n / 26)!))"),
                    "prs_Birthdate": .text("1990-01-\(String(format: "%02d", 1 + n % 28))"),
                    "cas_IncomingReferralDate": .text("2025-03-01"),
                    "cas_IdentificationDate": .text("2025-03-01"), "prs_Gender": .text("Feminine"),
                    "prs_Citizenship": .text("KEN"),
                ]
            }
            // 60 people recorded by A, 40 by Stats, 20 of them by both: Lincoln–Petersen 60 · 40 / 20 = 120.
            for n in 0..<60 { _ = try await store.cases.create(person(n), organisationCountry: "KEN", by: kenyanA) }
            for n in 40..<80 {
                var fields = person(n)
                // The same person written differently by the second organisation: names swapped, other case.
                fields["prs_FirstName"] = person(n)["prs_SecondName"]!
                fields["prs_SecondName"] = .text((person(n)["prs_FirstName"]!!.description).uppercased())
                _ = try await store.cases.create(fields, organisationCountry: "KEN", by: kenyanStats)
            }
            let res = try await world.api(
                .GET, "/api/v1/stats/estimate?country=KEN&from=2024&to=2026&bootstrap=200", as: "analyst")
            XCTAssertEqual(res.status, .ok, res.body.string)
            struct Body: Decodable {
                let observed: Int; let estimate: Double; let lists: [String]; let intervals: [String: Double]
                let monte_carlo_error: [String: Double]; let replicates: [Double?]; let resamples: Int
            }
            let body = try res.content.decode(Body.self)
            XCTAssertEqual(body.lists, ["A", "Stats"])
            XCTAssertEqual(body.observed, 80)
            XCTAssertEqual(body.estimate, 120, accuracy: 1e-6)
            XCTAssertEqual(body.intervals.count, 8)
            XCTAssertEqual(Set(body.monte_carlo_error.keys), Set(body.intervals.keys))
            XCTAssertEqual(body.replicates.count, 200)
            XCTAssertEqual(body.resamples, 200)
            XCTAssertFalse(res.body.string.contains("Given"), "no name in the response")

            // Coordinators estimate for their own country only; caseworkers not at all.
            let uganda = try await world.api(.GET, "/api/v1/stats/estimate?country=UGA", as: "coordinator")
            XCTAssertEqual(uganda.status, .forbidden)
            let worker = try await world.api(.GET, "/api/v1/stats/estimate?country=KEN", as: "a-worker")
            XCTAssertEqual(worker.status, .forbidden)
            let badYear = try await world.api(
                .GET, "/api/v1/stats/estimate?country=KEN&from=2030&to=2020", as: "analyst")
            XCTAssertEqual(badYear.status, .unprocessableEntity)

            // The page shows the same result to the analyst, with the bootstrap drawn.
            let cookie = try await world.webLogin("analyst")
            let page = try await world.page("/stats/estimate?country=KEN&from=2024&to=2026", cookie: cookie)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("<strong>120</strong>"), "estimate shown")
            XCTAssertTrue(page.body.string.contains("<svg class=\"chart\""))
            XCTAssertTrue(page.body.string.contains("Monte Carlo error (±)"))
            XCTAssertTrue(page.body.string.contains("Resamples</text>"), "the histogram's count axis is titled")
            XCTAssertFalse(page.body.string.contains("Given"))

            // Its parts download: the table reads back as the same table, the JSON holds the same estimate.
            let query = "country=KEN&from=2024&to=2026&bootstrap=10000&seed=1234"
            XCTAssertTrue(
                page.body.string.contains(
                    "/stats/estimate/table.csv?\(query.replacingOccurrences(of: "&", with: "&amp;"))"),
                "download links")
            let csv = try await world.page("/stats/estimate/table.csv?\(query)", cookie: cookie)
            XCTAssertEqual(csv.status, .ok)
            let table = try CaptureTableReader.read(Data(csv.body.readableBytesView)).table
            XCTAssertEqual(table.lists, ["A", "Stats"])
            XCTAssertEqual(table.observed, 80)
            let json = try await world.page("/stats/estimate/estimate.json?\(query)", cookie: cookie)
            let downloaded = try JSONDecoder().decode(Body.self, from: Data(json.body.readableBytesView))
            XCTAssertEqual(downloaded.estimate, 120, accuracy: 1e-6)
            XCTAssertEqual(downloaded.replicates.count, 10_000)
            let limits = try await world.page("/stats/estimate/limits.csv?\(query)", cookie: cookie)
            XCTAssertTrue(limits.body.string.hasPrefix("item,percentile,value,monte_carlo_error"), limits.body.string)
            let replicates = try await world.page("/stats/estimate/replicates.csv?\(query)", cookie: cookie)
            XCTAssertEqual(replicates.body.string.split(separator: "\n").count, 10_001)
            let unknown = try await world.page("/stats/estimate/secrets.csv?\(query)", cookie: cookie)
            XCTAssertEqual(unknown.status, .notFound)
            let refused = try await world.page("/stats/estimate/table.csv?\(query)", cookie: nil)
            XCTAssertNotEqual(refused.status, .ok)
        }
    }
}
