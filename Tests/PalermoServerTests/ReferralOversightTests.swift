import FluentKit
import Foundation
import PalermoCore
import PalermoServer
import PalermoStore
import SQLKit
import Vapor
import XCTVapor
import XCTest

/// Oversight on the demo's referral network against direct SQL, and its suppression of small counts.
final class ReferralOversightTests: XCTestCase {
    struct Row: Decodable {
        let service: String
        let state: String
        let n: Int
    }
    struct Times: Decodable {
        let created_at: Date
        let responded_at: Date?
        let closed_at: Date?
        let state: String
    }

    func testOversightOfTheDemoNetworkMatchesDirectSQL() async throws {
        for database in TestDatabases.all {
            let world = try await TestWorld.make(database)
            try await DemoData.load(into: world.app)
            let store = world.app.palermo.store
            let sql = try store.sql
            let users = try await UserModel.query(on: store.database).all()
            for name in ["brian", "faith"] {
                let principal = try XCTUnwrap(users.first { $0.username == name }?.principal)
                let scope = try await store.referrals.oversightScope(of: principal)
                XCTAssertFalse(scope.isEmpty)
                let inScope = SQLBind.group(scope)
                let rows = try await sql.select().column("service").column("state")
                    .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("n")))
                    .from("referrals")
                    .where {
                        $0.where(SQLIdentifier("sender_id"), .in, inScope).orWhere(
                            SQLIdentifier("receiver_id"), .in, inScope)
                    }
                    .groupBy("service").groupBy("state").all(decoding: Row.self)
                XCTAssertFalse(rows.isEmpty, "the demo has referrals for \(name)")
                // A threshold of 1 suppresses nothing: every figure is exact and comparable.
                let exact = try await store.referrals.oversight(by: principal, waitDays: 3, threshold: 1)
                for group in exact.byService {
                    let mine = rows.filter { $0.service == group.name }
                    func n(_ states: String...) -> Int {
                        mine.filter { states.contains($0.state) }.map(\.n).reduce(0, +)
                    }
                    XCTAssertEqual(group.referred, .exact(mine.map(\.n).reduce(0, +)), group.name)
                    XCTAssertEqual(group.waiting, .exact(n("pending")), group.name)
                    XCTAssertEqual(group.accepted, .exact(n("accepted", "completed")), group.name)
                    XCTAssertEqual(group.declined, .exact(n("declined")), group.name)
                    XCTAssertEqual(group.withdrawn, .exact(n("withdrawn")), group.name)
                }
                XCTAssertEqual(Set(exact.byService.map(\.name)), Set(rows.map(\.service)))
                XCTAssertEqual(exact.total.referred, .exact(rows.map(\.n).reduce(0, +)))
                let withdrawn = try await sql.select()
                    .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("n")))
                    .from("consents").where(SQLIdentifier("withdrawn_at"), .isNot, SQLLiteral.null)
                    .where {
                        $0.where(SQLIdentifier("organisation_id"), .in, inScope)
                            .orWhere(SQLIdentifier("recipient_id"), .in, inScope)
                    }
                    .first(decodingColumn: "n", as: Int.self)
                XCTAssertEqual(exact.withdrawals, .exact(withdrawn ?? -1))
                // Hours to an answer, from the rows themselves, with the interpolated median.
                let times = try await sql.select().columns("created_at", "responded_at", "closed_at", "state")
                    .from("referrals")
                    .where {
                        $0.where(SQLIdentifier("sender_id"), .in, inScope).orWhere(
                            SQLIdentifier("receiver_id"), .in, inScope)
                    }
                    .all(decoding: Times.self)
                let hours = times.compactMap { t in t.responded_at.map { $0.timeIntervalSince(t.created_at) / 3_600 } }
                    .sorted()
                if hours.isEmpty {
                    XCTAssertNil(exact.hoursToAnswer)
                } else {
                    let middle =
                        hours.count % 2 == 1
                        ? hours[hours.count / 2] : (hours[hours.count / 2 - 1] + hours[hours.count / 2]) / 2
                    XCTAssertEqual(try XCTUnwrap(exact.hoursToAnswer).median, middle, accuracy: 1e-9)
                    XCTAssertEqual(exact.hoursToAnswer?.count, hours.count)
                }

                // With the default threshold of 5, the demo's small counts read "fewer than 5", rates vanish.
                let safe = try await store.referrals.oversight(by: principal, waitDays: 3, threshold: 5)
                for group in safe.byService {
                    let total = rows.filter { $0.service == group.name }.map(\.n).reduce(0, +)
                    XCTAssertEqual(group.referred, total < 5 ? .fewerThan(5) : .exact(total), group.name)
                    XCTAssertNil(group.acceptance, "no rate rests on fewer than 5 answers")
                }
            }
            // A caseworker has no oversight; through the API, a coordinator reads it.
            let worker = try await world.api(.GET, "/api/v1/referrals/oversight", as: "a-worker")
            XCTAssertEqual(worker.status, .forbidden)
            let coordinator = try await world.api(.GET, "/api/v1/referrals/oversight?waitDays=500", as: "coordinator")
            XCTAssertEqual(coordinator.status, .unprocessableEntity, "waitDays is bounded")
            try await world.app.asyncShutdown()
        }
    }

    func testQuantilesInterpolateAsRAndNumPyDo() {
        // numpy.percentile([1, 2, 3, 4, 10], [50, 90]) = [3.0, 7.6]
        XCTAssertEqual(ReferralFigures.quantile([1, 2, 3, 4, 10], 0.5), 3, accuracy: 1e-12)
        XCTAssertEqual(ReferralFigures.quantile([1, 2, 3, 4, 10], 0.9), 7.6, accuracy: 1e-12)
        XCTAssertEqual(ReferralFigures.quantile([5], 0.9), 5)
    }
}
