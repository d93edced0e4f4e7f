import FluentKit
import Foundation
import PalermoCore
import PalermoStore
import Vapor
import XCTVapor
import XCTest

/// The directory of services: kept by an organisation's supervisors, searched by whom a service serves,
/// exported as searched, and chosen from when referring.
final class ServiceDirectoryTests: XCTestCase {
    struct Entry: Encodable {
        var kind = "shelter"
        var country = "UGA"
        var area = "Kampala"
        var forSexes: [String] = ["female"]
        var forAges: [String] = ["child"]
        var capacity = 12
        var available = 3
        var languages = ["en", "sw"]
        var hours = "Day and night"
        var contact = "+256 700 000 000"
        var lastChecked = "2025-06-01"
    }

    func testSupervisorsKeepTheirEntriesAndStaffSearchAndExportThem() async throws {
        try await TestWorld.each { world in
            let added = try await world.api(.POST, "/api/v1/services", as: "b-super", json: Entry())
            XCTAssertEqual(added.status, .created, added.body.string)
            let offer = try added.content.decode(ServiceOffer.self)
            XCTAssertEqual(offer.organisationID, world.organisations["B"])
            _ = try await world.api(
                .POST, "/api/v1/services", as: "b-super",
                json: Entry(kind: "legal_aid", country: "KEN", area: "Nairobi", forSexes: [], forAges: []))
            let refused = try await world.api(.POST, "/api/v1/services", as: "b-worker", json: Entry())
            XCTAssertEqual(refused.status, .forbidden, "a caseworker does not keep the directory")

            func search(_ query: String, as user: String = "a-worker") async throws -> [ServiceOffer] {
                try await world.api(.GET, "/api/v1/services" + query, as: user).content.decode([ServiceOffer].self)
            }
            let all = try await search("")
            XCTAssertEqual(all.count, 2)
            let forBoys = try await search("?sex=male&age=child")
            XCTAssertEqual(forBoys.map(\.kind), [.legalAid], "the shelter serves girls only")
            let inUganda = try await search("?country=uga&kind=shelter")
            XCTAssertEqual(inUganda.map(\.id), [offer.id])
            XCTAssertEqual(inUganda.first?.organisationName, "B")
            let bad = try await world.api(.GET, "/api/v1/services?kind=spa", as: "a-worker")
            XCTAssertEqual(bad.status, .unprocessableEntity)
            XCTAssertTrue(bad.body.string.contains("kind"))
            let analyst = try await world.api(.GET, "/api/v1/services", as: "analyst")
            XCTAssertEqual(analyst.status, .forbidden)

            let export = try await world.api(.GET, "/api/v1/services/export?country=UGA", as: "a-worker")
            XCTAssertEqual(export.status, .ok)
            let lines = export.body.string.split(whereSeparator: \.isNewline)
            XCTAssertEqual(lines.count, 2, export.body.string)
            XCTAssertTrue(lines[0].hasPrefix("organisation,service,country"))
            XCTAssertTrue(lines[1].contains("Kampala"))

            let changed = try await world.api(
                .PATCH, "/api/v1/services/\(try XCTUnwrap(offer.id))", as: "b-super", json: Entry(available: 0))
            XCTAssertEqual(try changed.content.decode(ServiceOffer.self).available, 0)
            let notTheirs = try await world.api(
                .PATCH, "/api/v1/services/\(try XCTUnwrap(offer.id))", as: "a-super", json: Entry())
            XCTAssertEqual(notTheirs.status, .notFound, "another organisation's entry")
        }
    }

    func testBadEntriesAreRefusedNamingTheFieldAndNothingIsWritten() async throws {
        try await TestWorld.each { world in
            let cases: [(Entry, String)] = [
                (Entry(country: "XXX"), "country"),
                (Entry(capacity: -1), "capacity"),
                (Entry(capacity: 2, available: 3), "available"),
                (Entry(languages: ["klingon"]), "languages"),
                (Entry(contact: " "), "contact"),
                (Entry(lastChecked: "2999-01-01"), "lastChecked"),
                (Entry(lastChecked: "yesterday"), "lastChecked"),
                (Entry(kind: "spa"), "kind"),
                (Entry(forAges: ["elder"]), "forAges"),
                (Entry(forSexes: ["other"]), "forSexes"),
            ]
            for (entry, field) in cases {
                let res = try await world.api(.POST, "/api/v1/services", as: "b-super", json: entry)
                XCTAssertEqual(res.status, .unprocessableEntity, "\(field): \(res.body.string)")
                XCTAssertTrue(res.body.string.contains(field), "\(field): \(res.body.string)")
            }
            let stored = try await ServiceOfferModel.query(on: world.app.palermo.store.database).count()
            XCTAssertEqual(stored, 0)
        }
    }

    func testTheDirectoryPageAddsAnEntryForWhomItServesAndTheReferFormOffersIt() async throws {
        try await TestWorld.each { world in
            let cookie = try await world.webLogin("b-super")
            let res = try await world.postForm(
                "/services", cookie: cookie,
                [
                    ("kind", "shelter"), ("country", "UGA"), ("area", "Gulu"), ("forSexes", "female"),
                    ("forAges", "child"), ("forAges", "adult"), ("capacity", "8"), ("available", "2"),
                    ("languages", "en ach"), ("hours", "Day and night"), ("contact", "+256 700 111 222"),
                    ("lastChecked", "2025-06-01"),
                ], from: "/services")
            XCTAssertEqual(res.status, .seeOther, res.body.string)
            let offers = try await world.api(.GET, "/api/v1/services?country=UGA", as: "a-worker").content.decode(
                [ServiceOffer].self)
            XCTAssertEqual(offers.map(\.area), ["Gulu"])
            XCTAssertEqual(offers.first?.forSexes, ["female"])
            XCTAssertEqual(offers.first?.forAges, [.child, .adult])
            let caseID = try await world.createCase(as: "a-worker", [:])
            let page = try await world.page("/cases/\(caseID)", cookie: try await world.webLogin("a-worker"))
            XCTAssertTrue(page.body.string.contains("name=\"offer\""), "the refer form chooses from the directory")
            XCTAssertTrue(page.body.string.contains("Gulu"))
        }
    }

    /// Places change every day: a keeper updates an entry's places free on the page, which marks it checked
    /// today; another organisation's keeper, a caseworker, or a count past the capacity changes nothing.
    func testAKeeperUpdatesThePlacesFreeOnThePage() async throws {
        try await TestWorld.each { world in
            let added = try await world.api(.POST, "/api/v1/services", as: "b-super", json: Entry())
            let id = try XCTUnwrap(try added.content.decode(ServiceOffer.self).id)
            let keeper = try await world.webLogin("b-super")
            let page = try await world.page("/services", cookie: keeper).body.string
            XCTAssertTrue(page.contains("action=\"/services/\(id)/places\""), "the keeper's own entry has the form")
            let other = try await world.webLogin("a-super")
            let otherPage = try await world.page("/services", cookie: other).body.string
            XCTAssertFalse(otherPage.contains("/places\""), "not on another organisation's entry")

            let updated = try await world.postForm(
                "/services/\(id)/places", cookie: keeper, [("available", "7")], from: "/services")
            XCTAssertEqual(updated.status, .seeOther, updated.body.string)
            func current() async throws -> ServiceOffer {
                let all = try await world.api(.GET, "/api/v1/services?country=UGA", as: "a-worker").content.decode(
                    [ServiceOffer].self)
                return try XCTUnwrap(all.first { $0.id == id })
            }
            var offer = try await current()
            XCTAssertEqual(offer.available, 7)
            XCTAssertEqual(offer.lastChecked, CaseTasks.today())

            let tooMany = try await world.postForm(
                "/services/\(id)/places", cookie: keeper, [("available", "13")], from: "/services")
            XCTAssertEqual(tooMany.status, .unprocessableEntity)
            let notANumber = try await world.postForm(
                "/services/\(id)/places", cookie: keeper, [("available", "lots")], from: "/services")
            XCTAssertEqual(notANumber.status, .unprocessableEntity)
            XCTAssertTrue(notANumber.body.string.contains("lots"))
            let notTheirs = try await world.postForm(
                "/services/\(id)/places", cookie: other, [("available", "1")], from: "/services")
            XCTAssertEqual(notTheirs.status, .notFound)
            let worker = try await world.webLogin("b-worker")
            let refused = try await world.postForm(
                "/services/\(id)/places", cookie: worker, [("available", "1")], from: "/services")
            XCTAssertEqual(refused.status, .forbidden)
            offer = try await current()
            XCTAssertEqual(offer.available, 7, "nothing changed")
        }
    }
}
