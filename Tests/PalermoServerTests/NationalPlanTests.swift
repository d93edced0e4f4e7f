import FluentKit
import Foundation
import PalermoCore
import PalermoStore
import Vapor
import XCTVapor
import XCTest

/// National action plans: drafted by the State's coordinator in the Framework-for-Action shape, approved or
/// returned by a second person, published for everyone; bad plans refused by field with nothing written.
final class NationalPlanTests: XCTestCase {
    static func plan(
        country: String = "KEN", currency: String = "KES", paragraphs: [String] = ["16", "25"], fromYear: Int = 2026
    ) -> NationalPlan {
        NationalPlan(
            kind: .national, country: country, title: "Kenya's national plan 2026–2030", fromYear: fromYear,
            toYear: 2030, breakdowns: ["sex", "age group"],
            objectives: [
                .init(
                    text: "Identify and refer more victims", paragraphs: paragraphs,
                    indicators: [
                        .init(
                            name: "Victims identified", unit: "persons", baseline: 120, baselineYear: 2025, target: 300,
                            targetYear: 2030, breakdown: ["sex"], computed: "victimsIdentified")
                    ],
                    measures: [
                        .init(
                            text: "Train labour inspectors to identify victims", responsible: "Ministry of Labour",
                            budget: .init(amount: 1_200_000, currency: currency), start: "2026-01-01",
                            end: "2027-12-31", paragraphs: ["26"])
                    ])
            ])
    }

    struct Change: Encodable {
        let version: Int?
        let plan: NationalPlan
    }

    struct Reply: Decodable, Sendable {
        let id: UUID
        let status: String
        let version: Int
        let comment: String?
    }

    /// A supervisor of the coordinator's organisation, who approves.
    static func addApprover(_ world: inout TestWorld) async throws {
        let made = try await world.api(
            .POST, "/api/v1/users", as: "root",
            json: NewUserBody(
                username: "stats-super", displayName: "stats-super", role: "supervisor", password: TestWorld.password,
                organisationId: try XCTUnwrap(world.organisations["Stats"])))
        XCTAssertEqual(made.status, .created, made.body.string)
        world.tokens["stats-super"] = try await world.token("stats-super")
    }

    func testBadPlansAreRefusedByFieldAndNothingIsWritten() async throws {
        try await TestWorld.each { world in
            for user in ["a-worker", "analyst"] {
                let refused = try await world.api(
                    .POST, "/api/v1/national-plans", as: user, body: Data("{".utf8), contentType: "application/json")
                XCTAssertEqual(refused.status, .forbidden, "\(user): the role is checked before the body is read")
            }
            let cases: [(NationalPlan, String, String)] = [
                (Self.plan(currency: "XYZ"), "objectives[0].measures[0].budget.currency", "currency"),
                (Self.plan(paragraphs: ["5"]), "objectives[0].paragraphs", "planParagraphGone"),
                (Self.plan(paragraphs: ["43"]), "objectives[0].paragraphs", "planParagraphGone"),
                (Self.plan(paragraphs: ["999"]), "objectives[0].paragraphs", "planParagraph"),
                (Self.plan(country: "UGA"), "country", "planCountry"),
                (Self.plan(fromYear: 2031), "toYear", "yearOrder"),
            ]
            for (plan, field, code) in cases {
                let refused = try await world.api(.POST, "/api/v1/national-plans", as: "coordinator", json: plan)
                XCTAssertEqual(refused.status, .unprocessableEntity, field)
                XCTAssertTrue(refused.body.string.contains("\"\(field)\""), refused.body.string)
                XCTAssertTrue(refused.body.string.contains("\"\(code)\""), refused.body.string)
            }
            let written = try await NationalPlanModel.query(on: world.app.palermo.store.database).count()
            XCTAssertEqual(written, 0)
        }
    }

    func testAPlanIsDraftedApprovedByASecondPersonAndPublished() async throws {
        try await TestWorld.each { world in
            try await Self.addApprover(&world)
            let created = try await world.api(.POST, "/api/v1/national-plans", as: "coordinator", json: Self.plan())
            XCTAssertEqual(created.status, .created, created.body.string)
            let draft = try created.content.decode(Reply.self)
            XCTAssertEqual(draft.status, "draft")
            let path = "/api/v1/national-plans/\(draft.id)"
            let unseen = try await world.api(.GET, path, as: "b-worker")
            XCTAssertEqual(unseen.status, .notFound, "a draft is the organisation's own")

            var changed = Self.plan()
            changed.breakdowns.append("form of exploitation")
            let updated = try await world.api(.PUT, path, as: "coordinator", json: Change(version: 1, plan: changed))
            XCTAssertEqual(try updated.content.decode(Reply.self).version, 2)
            let stale = try await world.api(.PUT, path, as: "coordinator", json: Change(version: 1, plan: changed))
            XCTAssertEqual(stale.status, .conflict)

            let early = try await world.api(.POST, path + "/approve", as: "stats-super")
            XCTAssertEqual(early.status, .unprocessableEntity, "only a submitted plan is approved")
            let submitted = try await world.api(.POST, path + "/submit", as: "coordinator")
            XCTAssertEqual(submitted.status, .ok)
            let own = try await world.api(.POST, path + "/approve", as: "coordinator")
            XCTAssertEqual(own.status, .forbidden, "the coordinator does not approve their own plan")
            let bare = try await world.api(.POST, path + "/return", as: "stats-super", json: ["comment": " "])
            XCTAssertEqual(bare.status, .unprocessableEntity, "a return says what to change")
            let returned = try await world.api(
                .POST, path + "/return", as: "stats-super", json: ["comment": "Add a target for referrals"])
            XCTAssertEqual(try returned.content.decode(Reply.self).status, "returned")
            XCTAssertEqual(try returned.content.decode(Reply.self).comment, "Add a target for referrals")
            let frozen = try await world.api(.POST, path + "/publish", as: "coordinator")
            XCTAssertEqual(frozen.status, .unprocessableEntity, "not published before approval")

            let again = try await world.api(.POST, path + "/submit", as: "coordinator")
            XCTAssertEqual(again.status, .ok)
            let approved = try await world.api(.POST, path + "/approve", as: "stats-super")
            XCTAssertEqual(approved.status, .ok)
            let locked = try await world.api(.PUT, path, as: "coordinator", json: Change(version: 2, plan: changed))
            XCTAssertEqual(locked.status, .unprocessableEntity, "an approved plan is not changed")
            let published = try await world.api(.POST, path + "/publish", as: "coordinator")
            XCTAssertEqual(try published.content.decode(Reply.self).status, "published")
            let seen = try await world.api(.GET, path, as: "b-worker")
            XCTAssertEqual(seen.status, .ok, "a published plan is read by everyone")
            let audited = try await world.app.palermo.store.audit.recent(limit: 50).filter {
                $0.detail.hasPrefix("national plan")
            }
            XCTAssertEqual(audited.count, 7, "drafted, changed, submitted, returned, submitted, approved, published")
        }
    }

    func testTheTeamBuildsAPlanInTheBrowserAndTheApproverApprovesIt() async throws {
        try await TestWorld.each { world in
            try await Self.addApprover(&world)
            let coordinator = try await world.webLogin("coordinator")
            let created = try await world.postForm(
                "/plans", cookie: coordinator,
                [
                    ("kind", "national"), ("title", "Plan 2026"), ("country", "KEN"), ("fromYear", "2026"),
                    ("toYear", "2030"),
                ], from: "/plans")
            XCTAssertEqual(created.status, .seeOther, created.body.string)
            let path = try XCTUnwrap(created.headers.first(name: .location))
            func version() async throws -> String {
                let page = try await world.page(path, cookie: coordinator).body.string
                return try XCTUnwrap(page.firstMatch(of: /name="version" value="(\d+)"/)).output.1.description
            }
            let objective = try await world.postForm(
                path + "/objectives", cookie: coordinator,
                [("version", try await version()), ("text", "Refer every victim"), ("paragraphs", "16 25")], from: path)
            XCTAssertEqual(objective.status, .seeOther, objective.body.string)
            let gone = try await world.postForm(
                path + "/measures", cookie: coordinator,
                [
                    ("version", try await version()), ("objective", "0"), ("text", "Shelters"),
                    ("responsible", "Ministry"), ("amount", "5000"), ("currency", "KES"), ("start", "2026-01-01"),
                    ("end", "2026-12-31"), ("paragraphs", "29"),
                ], from: path)
            XCTAssertEqual(gone.status, .unprocessableEntity)
            XCTAssertTrue(gone.body.string.contains("paragraph 29 was deleted or merged"), gone.body.string)
            let measure = try await world.postForm(
                path + "/measures", cookie: coordinator,
                [
                    ("version", try await version()), ("objective", "0"), ("text", "Shelters"),
                    ("responsible", "Ministry"), ("amount", "5000"), ("currency", "KES"), ("start", "2026-01-01"),
                    ("end", "2026-12-31"), ("paragraphs", "30"),
                ], from: path)
            XCTAssertEqual(measure.status, .seeOther, measure.body.string)
            _ = try await world.postForm(path + "/submit", cookie: coordinator, [], from: path)
            let approver = try await world.webLogin("stats-super")
            let page = try await world.page(path, cookie: approver).body.string
            XCTAssertTrue(page.contains("id=\"step-approve\""), "the approver is offered the step")
            XCTAssertTrue(page.contains("href=\"/plan#p16\""), "paragraphs link to the Plan")
            let approved = try await world.postForm(path + "/approve", cookie: approver, [], from: path)
            XCTAssertEqual(approved.status, .seeOther)
            _ = try await world.postForm(path + "/publish", cookie: coordinator, [], from: path)
            let list = try await world.page("/plans", cookie: try await world.webLogin("b-worker")).body.string
            XCTAssertTrue(list.contains("Plan 2026"))
            XCTAssertTrue(list.contains("Published"))
        }
    }
}
