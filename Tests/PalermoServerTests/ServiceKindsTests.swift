import FluentKit
import Foundation
import PalermoCore
import PalermoStore
import Vapor
import XCTVapor
import XCTest

/// The configurable list of services: the system admin and the national coordinator add kinds beside the
/// built-in ones, and every organisation then consents, refers and lists by them; an unknown kind is refused
/// wherever a service is named.
final class ServiceKindsTests: XCTestCase {
    struct Kind: Encodable {
        var code = "family_tracing"
        var names: [String: String]? = ["en": "Family tracing", "fr": "Recherche familiale"]
    }

    struct Listed: Decodable {
        let code: String
        let name: String
        let builtIn: Bool
    }

    func testOnlyTheSystemAdminAndTheCoordinatorAddKindsAndBadOnesAreRefusedByField() async throws {
        try await TestWorld.each { world in
            let db = world.app.palermo.store.database
            for user in ["a-worker", "a-super", "b-super", "analyst"] {
                // The role is checked before the body is read: a body that is not JSON still gets 403.
                let refused = try await world.api(
                    .POST, "/api/v1/service-kinds", as: user, body: Data("not json".utf8),
                    contentType: "application/json")
                XCTAssertEqual(refused.status, .forbidden, user)
            }
            let bad: [(Kind, String)] = [
                (Kind(code: "Family Tracing"), "code"), (Kind(code: "shelter"), "code"),
                (Kind(code: "x"), "code"), (Kind(names: ["fr": "Recherche familiale"]), "names.en"),
                (Kind(names: ["en": "Tracing", "de": "Suche"]), "names"),
                (Kind(names: ["en": String(repeating: "a", count: 81)]), "names.en"),
            ]
            for (body, field) in bad {
                let refused = try await world.api(.POST, "/api/v1/service-kinds", as: "root", json: body)
                XCTAssertEqual(refused.status, .unprocessableEntity, "\(body)")
                XCTAssertTrue(refused.body.string.contains("\"\(field)\""), refused.body.string)
            }
            let none = try await ServiceKindModel.query(on: db).count()
            XCTAssertEqual(none, 0, "nothing is written")

            let added = try await world.api(.POST, "/api/v1/service-kinds", as: "coordinator", json: Kind())
            XCTAssertEqual(added.status, .created, added.body.string)
            let again = try await world.api(.POST, "/api/v1/service-kinds", as: "root", json: Kind())
            XCTAssertEqual(again.status, .unprocessableEntity, "a code is added once")
            let listed = try await world.api(.GET, "/api/v1/service-kinds", as: "a-worker").content.decode(
                [Listed].self)
            XCTAssertEqual(listed.count, ServiceKind.builtIn.count + 1)
            XCTAssertEqual(listed.last?.code, "family_tracing")
            XCTAssertEqual(listed.last?.builtIn, false)
            XCTAssertEqual(listed.first?.name, "Shelter")
            let audited = try await world.app.palermo.store.audit.recent(limit: 20).contains {
                $0.detail.contains("kind of service added: family_tracing")
            }
            XCTAssertTrue(audited, "the addition is audited")

            // The page: names in the reader's language, English where none was given.
            let cookie = try await world.webLogin("root")
            let french = try await world.page("/admin/services", cookie: cookie, language: "fr").body.string
            XCTAssertTrue(french.contains("Recherche familiale"), french)
            let spanish = try await world.page("/admin/services", cookie: cookie, language: "es").body.string
            XCTAssertTrue(spanish.contains("Family tracing"))
            let worker = try await world.webLogin("a-worker")
            let forbidden = try await world.page("/admin/services", cookie: worker)
            XCTAssertEqual(forbidden.status, .forbidden)
            let posted = try await world.postForm(
                "/admin/services", cookie: cookie, [("code", "vocational"), ("name_en", "Vocational training")],
                from: "/admin/services")
            XCTAssertEqual(posted.status, .seeOther, posted.body.string)
            let after = try await world.page("/admin/services", cookie: cookie).body.string
            XCTAssertTrue(after.contains("Vocational training"))
        }
    }

    func testAnAddedKindIsUsedLikeABuiltInOneAndAnUnknownOneIsRefusedEverywhere() async throws {
        try await TestWorld.each { world in
            let db = world.app.palermo.store.database
            let shelter = try XCTUnwrap(world.organisations["B"])
            let caseID = try await world.createCase(as: "a-worker", ReferralTests.person)
            typealias ConsentBody = ReferralTests.ConsentBody
            typealias ReferBody = ReferralTests.ReferBody

            // Unknown (though well formed): refused by field, and nothing written.
            let consent = try await world.api(
                .POST, "/api/v1/cases/\(caseID)/consents", as: "a-worker",
                json: ConsentBody(recipient: shelter, purpose: "family_tracing"))
            XCTAssertEqual(consent.status, .unprocessableEntity)
            XCTAssertTrue(consent.body.string.contains("\"purpose\""), consent.body.string)
            var entry = ServiceDirectoryTests.Entry()
            entry.kind = "family_tracing"
            let listing = try await world.api(.POST, "/api/v1/services", as: "b-super", json: entry)
            XCTAssertEqual(listing.status, .unprocessableEntity)
            XCTAssertTrue(listing.body.string.contains("\"kind\""), listing.body.string)
            let override = try await world.api(
                .POST, "/api/v1/cases/\(caseID)/referrals", as: "a-super",
                json: ReferBody(
                    receiver: shelter, service: "family_tracing",
                    override: .init(reason: "immediate_danger", groups: ["identity"])))
            XCTAssertEqual(override.status, .unprocessableEntity)
            XCTAssertTrue(override.body.string.contains("\"service\""), override.body.string)
            let written =
                try await ConsentModel.query(on: db).count() + ReferralModel.query(on: db).count()
                + ServiceOfferModel.query(on: db).count()
            XCTAssertEqual(written, 0)

            // Added: the same requests go through.
            let added = try await world.api(.POST, "/api/v1/service-kinds", as: "root", json: Kind())
            XCTAssertEqual(added.status, .created)
            let given = try await world.api(
                .POST, "/api/v1/cases/\(caseID)/consents", as: "a-worker",
                json: ConsentBody(recipient: shelter, purpose: "family_tracing"))
            XCTAssertEqual(given.status, .created, given.body.string)
            let consentID = try given.content.decode(Consent.self).id
            let sent = try await world.api(
                .POST, "/api/v1/cases/\(caseID)/referrals", as: "a-worker",
                json: ReferBody(receiver: shelter, service: "family_tracing", consent: consentID))
            XCTAssertEqual(sent.status, .created, sent.body.string)
            let listed = try await world.api(.POST, "/api/v1/services", as: "b-super", json: entry)
            XCTAssertEqual(listed.status, .created, listed.body.string)
            let cookie = try await world.webLogin("a-worker")
            let page = try await world.page("/cases/\(caseID)", cookie: cookie, language: "fr").body.string
            XCTAssertTrue(page.contains("<option value=\"family_tracing\">Recherche familiale</option>"), page)
        }
    }
}
