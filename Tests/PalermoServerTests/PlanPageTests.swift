import Foundation
import PalermoCore
import Vapor
import XCTVapor
import XCTest

/// The Plan through the API and its page: every paragraph, deleted and merged ones marked, an unknown version
/// refused by name, nothing for anyone not signed in.
final class PlanPageTests: XCTestCase {
    func testThePlanReadsThroughTheAPIAndThePage() async throws {
        try await TestWorld.each { world in
            let plan = try await world.api(.GET, "/api/v1/plan", as: "analyst")
            XCTAssertEqual(plan.status, .ok)
            let decoded = try plan.content.decode(PlanOfAction.self)
            XCTAssertEqual(decoded.version, "2010-07-19")
            XCTAssertEqual(decoded.paragraphs.count, PlanOfAction.current?.paragraphs.count)
            let unknown = try await world.api(.GET, "/api/v1/plan?version=2030-01-01", as: "analyst")
            XCTAssertEqual(unknown.status, .unprocessableEntity)
            XCTAssertTrue(unknown.body.string.contains("version"))
            let anonymous = try await world.api(.GET, "/api/v1/plan", as: nil)
            XCTAssertEqual(anonymous.status, .unauthorized)

            let cookie = try await world.webLogin("a-worker")
            let page = try await world.page("/plan", cookie: cookie, language: "fr").body.string
            XCTAssertTrue(page.contains("<h2>II. Protéger et aider les victimes</h2>"), page)
            XCTAssertTrue(page.contains("id=\"p36\""))
            XCTAssertTrue(page.contains("trust fund for the rehabilitation and compensation"))
            XCTAssertTrue(page.contains("Fusionné avec le paragraphe 42."), "a merged paragraph says where it went")
            XCTAssertTrue(page.contains("Supprimé dans ce projet."))
            // Palermo's titles and suggested indicators are in the reader's language; the Plan's text stays English.
            XCTAssertTrue(page.contains("<strong>Identification des victimes</strong>"), "a translated title, unmarked")
            XCTAssertTrue(page.contains("<li>Victimes identifiées</li>"), "a translated suggested indicator")
            XCTAssertTrue(
                page.contains("<p lang=\"en\">Strengthen or continue"), "the Plan's own wording marked English")
            let home = try await world.page("/", cookie: cookie).body.string
            XCTAssertTrue(home.contains("href=\"/plan\""), "the home page links to the Plan")
        }
    }
}
