import FluentKit
import Foundation
import PalermoCore
import PalermoIO
import PalermoStore
import SQLKit
import XCTest

/// The indicators Palermo computes for a State's report beyond plain counts: the median time to referral from its
/// own records, and persons prosecuted and convicted as the State reported them to UNODC (GLOTIP).
final class PlanFiguresTests: XCTestCase {
    func testTheMedianTimeToReferralCountsEachPersonsFirstReferralInThePeriod() async throws {
        try await TestWorld.each { world in
            let store = world.app.palermo.store
            let shelter = try XCTUnwrap(world.organisations["B"])
            // Identified on these days; first referred after 2, 4 and 10 days; one more referral of the first
            // person later (not the first), and a person first referred before the period (left out).
            let people: [(String, [String])] = [
                ("2026-01-01", ["2026-01-03", "2026-02-01"]), ("2026-01-05", ["2026-01-09"]),
                ("2026-01-10", ["2026-01-20"]), ("2025-06-01", ["2025-12-30", "2026-01-15"]),
            ]
            for (identified, referrals) in people {
                var fields = TestWorld.core
                fields["cas_IdentificationDate"] = .text(identified)
                let caseID = try await world.createCase(as: "a-worker", fields)
                for day in referrals {
                    let referral = ReferralModel()
                    referral.id = UUID()
                    referral.caseID = caseID
                    referral.senderID = try XCTUnwrap(world.organisations["A"])
                    referral.receiverID = shelter
                    referral.service = "shelter"
                    referral.state = ReferralState.pending.rawValue
                    referral.createdBy = UUID()
                    try await referral.create(on: store.database)
                    let at = try XCTUnwrap(CaseValidator.parseDate(day)).addingTimeInterval(3600)
                    try await store.sql.raw(
                        "UPDATE referrals SET created_at = \(bind: at) WHERE id = \(bind: referral.id)"
                    ).run()
                }
            }
            let figure = try await store.planFigures.figure(
                .timeToReferral, country: "KEN", from: "2026-01-01", to: "2026-12-31")
            XCTAssertEqual(figure?.value, 4, "the median of 2, 4 and 10 days")
            XCTAssertTrue(figure?.query.contains("MIN(r.created_at)") == true)
            let none = try await store.planFigures.figure(
                .timeToReferral, country: "UGA", from: "2026-01-01", to: "2026-12-31")
            XCTAssertNil(none, "no one referred: the State reports the figure itself")
        }
    }

    func testProsecutionsAndConvictionsAreTheStatesOwnFiguresAsReportedToUNODC() async throws {
        let world = try await TestWorld.make(TestDatabases.all[0])
        do {
            try await world.loadGLOTIP()
            let file = try GLOTIPReader.read(
                try XLSXTable.read(Data(contentsOf: SharedData.url("glotip/data_glotip.xlsx"))))
            for indicator in [Indicator.prosecuted, .convicted] {
                let cells = file.observations.filter {
                    $0.area == "KEN" && $0.indicator == indicator && $0.dimension == .total && $0.sex == .total
                        && $0.age == .total && (2014...2016).contains($0.year)
                }
                XCTAssertFalse(cells.isEmpty, "Kenya reported \(indicator) for 2014–2016")
                let figure = try await world.app.palermo.store.planFigures.figure(
                    indicator == .prosecuted ? .prosecuted : .convicted, country: "KEN", from: "2014-01-01",
                    to: "2016-12-31")
                XCTAssertEqual(figure?.value, Double(cells.map(\.value.low).reduce(0, +)), "\(indicator)")
                XCTAssertTrue(figure?.query.contains("stat_observations") == true)
                let ranged = cells.contains { $0.value.low != $0.value.high }
                XCTAssertEqual(figure?.query.contains("a published range") == true, ranged, "a \"<5\" cell is said")
            }
            let nowhere = try await world.app.palermo.store.planFigures.figure(
                .convicted, country: "KEN", from: "1990-01-01", to: "1990-12-31")
            XCTAssertNil(nowhere, "not in the data: the State reports the figure itself")
            try await world.app.asyncShutdown()
        } catch {
            try? await world.app.asyncShutdown()
            throw error
        }
    }
}
