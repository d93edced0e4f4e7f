import FluentKit
import Foundation
import PalermoCore
import PalermoStore
import SQLKit
import Vapor
import XCTVapor
import XCTest

/// Good practices: submitted by any organisation, reviewed by a second person of the secretariat, then found by
/// full-text search (SQLite FTS5, PostgreSQL text search), paragraph, country and theme; bad ones refused by field.
final class GoodPracticeTests: XCTestCase {
    struct Reply: Decodable {
        let id: UUID
        let status: String
        let practice: GoodPractice
    }

    static func practice(
        title: String = "Screening days with labour inspectors", country: String = "KEN", theme: String = "protection",
        paragraphs: [String] = ["16", "26"]
    ) -> GoodPractice {
        GoodPractice(
            title: title,
            summary: "Caseworkers join inspectors on visits to flower farms and screen workers away from supervisors.",
            country: country, theme: theme, paragraphs: paragraphs,
            results: "Nine workers referred with their consent; six received back wages.",
            evidence: "Annual report of the shelter", contact: "Programme desk")
    }

    func search(_ world: TestWorld, _ query: String, as user: String = "b-worker") async throws -> [String] {
        let found = try await world.api(.GET, "/api/v1/practices?" + query, as: user)
        XCTAssertEqual(found.status, .ok, found.body.string)
        return try found.content.decode([Reply].self).map(\.practice.title)
    }

    func expect(
        _ world: TestWorld, _ query: String, _ titles: [String], _ message: String = "", line: UInt = #line
    ) async throws {
        let found = try await search(world, query)
        XCTAssertEqual(found, titles, message, line: line)
    }

    func testAPracticeIsReviewedByASecondPersonAndThenFoundBySearch() async throws {
        try await TestWorld.each { world in
            let submitted = try await world.api(.POST, "/api/v1/practices", as: "a-worker", json: Self.practice())
            XCTAssertEqual(submitted.status, .created, submitted.body.string)
            let id = try submitted.content.decode(Reply.self).id
            let other = try await world.api(
                .POST, "/api/v1/practices", as: "b-worker",
                json: Self.practice(title: "Peer mentors for returning survivors", country: "UGA", paragraphs: ["32"]))
            let otherID = try other.content.decode(Reply.self).id
            let title = "Screening days with labour inspectors"
            try await expect(world, "q=flower", [], "nothing is found before review")
            let unread = try await world.api(.GET, "/api/v1/practices/\(id)", as: "b-worker")
            XCTAssertEqual(unread.status, .notFound, "another organisation does not read a practice under review")

            let selfReview = try await world.api(.POST, "/api/v1/practices/\(id)/publish", as: "a-super")
            XCTAssertEqual(selfReview.status, .forbidden, "the secretariat reviews")
            let waiting = try await world.api(.GET, "/api/v1/practices/unpublished", as: "root")
            XCTAssertEqual(try waiting.content.decode([Reply].self).count, 2)
            let noComment = try await world.api(.POST, "/api/v1/practices/\(otherID)/return", as: "root")
            XCTAssertEqual(noComment.status, .unprocessableEntity, "a return says what to change")
            let returned = try await world.api(
                .POST, "/api/v1/practices/\(otherID)/return", as: "root", json: ["comment": "Name the district"])
            XCTAssertEqual(try returned.content.decode(Reply.self).status, "returned")
            let published = try await world.api(.POST, "/api/v1/practices/\(id)/publish", as: "root")
            XCTAssertEqual(try published.content.decode(Reply.self).status, "published")
            let again = try await world.api(.POST, "/api/v1/practices/\(id)/publish", as: "root")
            XCTAssertEqual(again.status, .unprocessableEntity, "a practice is reviewed once")

            try await expect(world, "q=flower", [title])
            try await expect(world, "q=flow", [title], "words match as prefixes")
            try await expect(world, "q=FARMS+inspectors", [title], "every word, any case")
            try await expect(world, "q=flower+mentors", [], "every word must be there")
            try await expect(world, "q=%22flower%22+OR+*+NEAR%28", [], "no query syntax gets through")
            try await expect(world, "q=wages&paragraph=16&country=KEN&theme=protection", [title])
            try await expect(world, "paragraph=26", [title])
            try await expect(world, "paragraph=2", [], "paragraph 2 is not 26")
            try await expect(world, "q=flower&country=UGA", [])
            try await expect(world, "q=flower&theme=prevention", [])
            try await expect(world, "q=mentors", [], "the returned practice is not published")

            // Revised, it goes back for review and is found once published.
            var revised = Self.practice(title: "Peer mentors for returning survivors", country: "UGA")
            revised.summary = "Mentors meet returnees from the Busia district at the border post."
            let resent = try await world.api(.PUT, "/api/v1/practices/\(otherID)", as: "b-worker", json: revised)
            XCTAssertEqual(try resent.content.decode(Reply.self).status, "submitted")
            _ = try await world.api(.POST, "/api/v1/practices/\(otherID)/publish", as: "root")
            try await expect(world, "q=busia", ["Peer mentors for returning survivors"])
            try await expect(world, "q=mentors", ["Peer mentors for returning survivors"])
        }
    }

    func testBadPracticesAndSearchesAreRefusedByFieldAndNothingIsWritten() async throws {
        try await TestWorld.each { world in
            let cases: [(GoodPractice, String)] = [
                (Self.practice(paragraphs: ["29"]), "planParagraphGone"),
                (Self.practice(paragraphs: ["99"]), "planParagraph"),
                (Self.practice(paragraphs: []), "\"paragraphs\""),
                (Self.practice(country: "XXX"), "notACountry"),
                (Self.practice(theme: "everything"), "\"theme\""),
                (Self.practice(title: " "), "\"title\""),
                (Self.practice(title: String(repeating: "a", count: 301)), "tooLong"),
            ]
            for (practice, expected) in cases {
                let refused = try await world.api(.POST, "/api/v1/practices", as: "a-worker", json: practice)
                XCTAssertEqual(refused.status, .unprocessableEntity, refused.body.string)
                XCTAssertTrue(refused.body.string.contains(expected), "\(expected): \(refused.body.string)")
            }
            let stored = try await GoodPracticeModel.query(on: world.app.palermo.store.database).count()
            XCTAssertEqual(stored, 0, "nothing was written")
            if !world.app.palermo.store.isPostgres {
                let indexed = try await world.app.palermo.store.sql.raw(
                    "SELECT COUNT(*) AS n FROM good_practices_fts"
                ).first()?.decode(column: "n", as: Int.self)
                XCTAssertEqual(indexed, 0, "nor indexed")
            }
            for (query, field) in [
                ("paragraph=999", "paragraph"), ("country=ZZZ", "country"), ("theme=all", "theme"),
                ("q=" + String(repeating: "a", count: 501), "q"),
            ] {
                let refused = try await world.api(.GET, "/api/v1/practices?" + query, as: "a-worker")
                XCTAssertEqual(refused.status, .unprocessableEntity, query)
                XCTAssertTrue(refused.body.string.contains("\"\(field)\""), refused.body.string)
            }
        }
    }

    func testAPracticeIsSubmittedReviewedAndSearchedInTheBrowser() async throws {
        try await TestWorld.each { world in
            let worker = try await world.webLogin("a-worker")
            var fields: [(String, String)] = [
                ("title", ""), ("summary", "Inspectors and caseworkers visit flower farms together."),
                ("country", "KEN"), ("theme", "protection"), ("paragraphs", "16 26"),
                ("results", "Nine workers referred."), ("evidence", ""), ("contact", "Programme desk"),
            ]
            let refused = try await world.postForm("/practices", cookie: worker, fields, from: "/practices")
            XCTAssertEqual(refused.status, .unprocessableEntity)
            let page = refused.body.string
            XCTAssertTrue(page.contains("Title of the practice"), "the problem names the field")
            XCTAssertTrue(page.contains("visit flower farms together"), "what was typed is kept")
            fields[0].1 = "Joint visits to flower farms"
            let made = try await world.postForm("/practices", cookie: worker, fields, from: "/practices")
            XCTAssertEqual(made.status, .seeOther, made.body.string)
            let path = try XCTUnwrap(made.headers.first(name: .location))
            let mine = try await world.page("/practices", cookie: worker).body.string
            XCTAssertTrue(mine.contains("id=\"practice-waiting\""), "the organisation sees its practice waiting")
            let root = try await world.webLogin("root")
            let review = try await world.page(path, cookie: root).body.string
            XCTAssertTrue(review.contains("id=\"practice-publish\""), "the reviewer is offered the decision")
            let published = try await world.postForm(path + "/publish", cookie: root, [], from: path)
            XCTAssertEqual(published.status, .seeOther)
            let reader = try await world.webLogin("b-worker")
            let found = try await world.page("/practices?q=flower+farm&paragraph=26", cookie: reader).body.string
            XCTAssertTrue(found.contains("Joint visits to flower farms"), found)
            let none = try await world.page("/practices?q=shelters", cookie: reader).body.string
            XCTAssertFalse(none.contains("Joint visits to flower farms"))
        }
    }
}
