import Foundation
import PalermoCore
import Vapor
import XCTVapor
import XCTest

final class StatisticsPageTests: XCTestCase {
    func testAnalystSeesAggregatesAndNoCase() async throws {
        try await TestWorld.each { world in
            let id = try await world.createCase(
                as: "a-worker",
                [
                    "prs_FirstName": .text("Makena"), "prs_Gender": .text("Feminine"),
                    "vic_TypeOfExploitation": .list(["ForcedBegging"]),
                ])
            let cookie = try await world.webLogin("analyst")
            let stats = try await world.page("/stats", cookie: cookie)
            XCTAssertEqual(stats.status, .ok)
            let html = stats.body.string
            XCTAssertTrue(html.contains("Form of exploitation") && html.contains("Forced begging"), "labels, not codes")
            XCTAssertTrue(html.contains("<svg class=\"bar\""), "bars drawn as SVG")
            XCTAssertFalse(html.contains("Makena"))
            let csv = try await world.page("/stats/download?by=exploitation", cookie: cookie)
            // One case across organisations: the analyst learns the category, not the count.
            XCTAssertEqual(
                csv.body.string, "dimension,category,count,scope\nexploitation,ForcedBegging,,all organisations")
            let refused = try await world.page("/cases/\(id)", cookie: cookie)
            XCTAssertEqual(refused.status, .forbidden)
            XCTAssertFalse(refused.body.string.contains("Makena"))
            // The navigation offers an analyst statistics only.
            XCTAssertFalse(html.contains("href=\"/cases/new\""))
        }
    }
}
