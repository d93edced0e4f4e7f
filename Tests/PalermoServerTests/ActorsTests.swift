import Foundation
import PalermoCore
@testable import PalermoServer
import PalermoStore
import Vapor
import XCTVapor
import XCTest

/// The Plan's actors: every organisation in the group the Plan addresses it as, with its country's M49 region and
/// what it has published, checked against the demo's organisations, plans and practices.
final class ActorsTests: XCTestCase {
    struct Actor: Decodable {
        let name: String
        let kind: String
        let group: String
        let region: String?
        let publishedPlans: Int
        let publishedPractices: Int
    }

    func testActorsAreGroupedAsThePlanAddressesThem() async throws {
        let world = try await TestWorld.make(TestDatabases.all[0])
        do {
            try await DemoData.load(into: world.app)
            let actors = try await world.api(.GET, "/api/v1/actors", as: "analyst").content.decode([Actor].self)
            let demo = Dictionary(uniqueKeysWithValues: actors.map { ($0.name, $0) })
            XCTAssertEqual(
                actors.count, DemoData.organisations.count + 3, "the demo's and the test world's A, B, Stats")
            for spec in DemoData.organisations {
                let actor = try XCTUnwrap(demo[spec.name], spec.name)
                XCTAssertEqual(actor.kind, spec.kind.rawValue)
                XCTAssertEqual(actor.group, ActorGroup(kind: spec.kind).rawValue)
                XCTAssertEqual(actor.region, Countries.find(spec.country)?.region)
            }
            XCTAssertEqual(demo["UNODC Regional Office for Eastern Africa"]?.group, "unEntities")
            XCTAssertEqual(demo["UNODC Regional Office for Eastern Africa"]?.publishedPlans, 1, "its commitments")
            XCTAssertEqual(demo["East African Community Secretariat"]?.region, "Africa")
            XCTAssertEqual(demo["Coast Hotels Association"]?.group, "privateSector")
            XCTAssertEqual(demo["National Counter-Trafficking Secretariat"]?.publishedPlans, 1, "Kenya's plan")
            XCTAssertEqual(demo["Safe Harbour Shelter"]?.publishedPractices, 1)
            XCTAssertEqual(demo["Coast Labour Inspectorate"]?.publishedPractices, 0, "its practice waits for review")

            // The paragraphs addressed to UN entities, counted from the Plan's data file directly.
            let plan = try XCTUnwrap(PlanOfAction.current)
            let direct = plan.paragraphs.filter { paragraph in
                paragraph.status == .active
                    && (paragraph.actors ?? []).contains {
                        ["unSystem", "unodc", "ohchr", "unicef", "ilo", "iom", "icat"].contains($0.rawValue)
                    }
            }
            XCTAssertFalse(direct.isEmpty)
            XCTAssertEqual(ActorGroup.unEntities.paragraphs(in: plan).map(\.number), direct.map(\.number))
            let page = try await world.page("/actors", cookie: try await world.webLogin("analyst")).body.string
            XCTAssertTrue(page.contains("id=\"actors-unEntities\""))
            XCTAssertTrue(page.contains("Paragraphs of the Plan addressed to them: \(direct.count)"), page)
            try await world.app.asyncShutdown()
        } catch {
            try? await world.app.asyncShutdown()
            throw error
        }
    }
}
