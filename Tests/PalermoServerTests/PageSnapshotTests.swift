import Foundation
import PalermoCore
import PalermoReport
import PalermoStore
import SnapshotTesting
import Vapor
import XCTVapor
import XCTest

/// The HTML of the main pages of each role, in English and Arabic, kept in `__Snapshots__`: a change of markup
/// shows as a diff to review. What changes from run to run (ids, tokens, today's date) is replaced first.
/// To accept a change on purpose: `SNAPSHOT_TESTING_RECORD=all swift test --filter PageSnapshotTests`.
final class PageSnapshotTests: XCTestCase {
    func testTheMainPagesOfEachRole() async throws {
        let world = try await TestWorld.make(TestDatabases.all[0])
        let id = try await world.createCase(
            as: "a-worker",
            [
                "prs_FirstName": .text("Makena"), "prs_Gender": .text("Feminine"), "prs_Citizenship": .text("UGA"),
                "vic_TypeOfExploitation": .list(["ForcedLabour"]), "cas_IncomingReferralDate": .text("2024-05-06"),
            ])
        let pages: [(name: String, user: String?, path: String)] = [
            ("login", nil, "/login"),
            ("home", "a-worker", "/"),
            ("team-home", "a-super", "/"),
            ("cases", "a-worker", "/cases"),
            ("case-form", "a-worker", "/cases/new"),
            ("case", "a-worker", "/cases/\(id)"),
            ("statistics", "a-super", "/stats"),
            ("estimate", "analyst", "/stats/estimate"),
            ("national", "coordinator", "/stats/national?year=2024"),
        ]
        var sessions: [String: String] = [:]
        for user in Set(pages.compactMap(\.user)) { sessions[user] = try await world.webLogin(user) }
        for language in ["en", "ar"] {
            for page in pages {
                let html = try await LocalisationTests.get(
                    page.path, world, session: page.user.flatMap { sessions[$0] },
                    language: language)
                assertSnapshot(of: Self.stable(html, language: language), as: .lines, named: "\(page.name)-\(language)")
            }
        }
        try await world.app.asyncShutdown()
    }

    /// The page with ids, tokens, case codes and today's date replaced by placeholders.
    static func stable(_ html: String, language: String) -> String {
        let w = Wording(language)
        var text = html.replacing(/[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}/, with: "<id>")
            .replacing(/name="_csrf" value="[^"]*"/, with: "name=\"_csrf\" value=\"<token>\"")
            .replacing(/[A-Z]{3}-[0-9]{2}-[0-9A-Z]{6}/, with: "<case-code>")
        for day in [Date(), Date().addingTimeInterval(-86_400)] {
            text = text.replacingOccurrences(of: w.date(day), with: "<date>")
        }
        // A date with its time of day: whatever follows the date up to the end of the text.
        text = text.replacing(/<date>[^<"]*/, with: "<date>")
        // A form's day that defaults from today (today, or a span after it); days in the past are data and stay.
        let yesterday = CaseTasks.today(Date().addingTimeInterval(-86_400))
        text = text.replacing(/value="(\d{4}-\d{2}-\d{2})"/) { match in
            String(match.output.1) >= yesterday ? "value=\"<day>\"" : String(match.output.0)
        }
        return text.replacingOccurrences(of: "><", with: ">\n<")
    }
}
