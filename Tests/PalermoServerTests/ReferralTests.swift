import Foundation
import PalermoCore
import PalermoStore
import Vapor
import XCTVapor
import XCTest

/// Consent as a record and referral between organisations: the receiver reads only what the consent shares,
/// only while it runs, through every route.
final class ReferralTests: XCTestCase {
    struct ConsentBody: Encodable {
        var recipient: UUID
        var purpose = "shelter"
        var groups = ["identity", "profile"]
        // Today: a fixed day would put `until` (90 days ahead) more than two years after it as time passes.
        var givenOn = CaseTasks.today(Date())
        var until = CaseTasks.today(Date().addingTimeInterval(90 * 86_400))
        var method = "signed"
        var witness: UUID?
        var informedIn = "sw"
    }
    struct ReferBody: Encodable {
        struct Override: Encodable { let reason: String; let groups: [String] }
        var receiver: UUID
        var service = "shelter"
        var consent: UUID?
        var override: Override?
    }

    static let person: [String: FieldValue] = [
        "prs_FirstName": .text("Amani"), "prs_SecondName": .text("Wanjiru"), "prs_Email": .text("amani@example.org"),
        "prs_MobilePhone": .text("+254 700 000000"), "vic_TypeOfExploitation": .list(["ForcedLabour"]),
    ]

    func testTheReceiverReadsOnlyWhatTheConsentSharesAndNothingOnceItIsWithdrawn() async throws {
        try await TestWorld.each { world in
            let shelter = try XCTUnwrap(world.organisations["B"])
            let caseID = try await world.createCase(as: "a-worker", Self.person)
            let given = try await world.api(
                .POST, "/api/v1/cases/\(caseID)/consents", as: "a-worker", json: ConsentBody(recipient: shelter))
            XCTAssertEqual(given.status, .created, given.body.string)
            let consent = try given.content.decode(Consent.self)
            XCTAssertEqual(Set(consent.groups), [.identity, .profile])

            let sent = try await world.api(
                .POST, "/api/v1/cases/\(caseID)/referrals", as: "a-worker",
                json: ReferBody(receiver: shelter, consent: consent.id))
            XCTAssertEqual(sent.status, .created, sent.body.string)
            let referral = try sent.content.decode(Referral.self)
            XCTAssertEqual(referral.state, .pending)

            let incoming = try await world.api(.GET, "/api/v1/referrals", as: "b-worker").content.decode(
                [Referral].self)
            XCTAssertEqual(incoming.map(\.id), [referral.id])
            let shared = try await world.api(.GET, "/api/v1/referrals/\(referral.id)", as: "b-worker")
            XCTAssertEqual(shared.status, .ok, shared.body.string)
            let body = try shared.content.decode(Shared.self)
            XCTAssertEqual(body.fields["prs_FirstName"], "Amani")
            XCTAssertEqual(body.fields["prs_Gender"], "Feminine")
            for outside in ["prs_Email", "prs_MobilePhone", "vic_TypeOfExploitation", "cas_IdentificationDate"] {
                XCTAssertNil(body.fields[outside], "\(outside) is outside the consent")
                XCTAssertFalse(shared.body.string.contains("amani@example.org"))
            }
            // The case itself stays the sender's: the receiver's case routes, list and export know nothing of it.
            let direct = try await world.api(.GET, "/api/v1/cases/\(caseID)", as: "b-worker")
            XCTAssertEqual(direct.status, .notFound)
            let list = try await world.api(.GET, "/api/v1/cases?q=Amani", as: "b-super")
            XCTAssertFalse(list.body.string.contains(caseID.uuidString))
            let export = try await world.api(.GET, "/api/v1/cases/export?format=csv", as: "b-super")
            XCTAssertEqual(export.status, .ok)
            XCTAssertFalse(export.body.string.contains("Amani"), "the receiver's export")
            // Another organisation that is not the receiver reads nothing.
            let stranger = try await world.api(.GET, "/api/v1/referrals/\(referral.id)", as: "analyst")
            XCTAssertEqual(stranger.status, .forbidden)

            let accepted = try await world.api(.POST, "/api/v1/referrals/\(referral.id)/accept", as: "b-worker")
            let taken = try accepted.content.decode(Referral.self)
            XCTAssertEqual(taken.state, .accepted)
            // Accepting opens the receiver's own case, owned by whoever accepted, with no copy of shared fields.
            let linkedID = try XCTUnwrap(taken.linkedCaseID)
            let linked = try await world.api(.GET, "/api/v1/cases/\(linkedID)", as: "b-worker")
            XCTAssertEqual(linked.status, .ok, linked.body.string)
            let linkedCase = try linked.content.decode(CaseRecord.self)
            XCTAssertNil(linkedCase.fields["prs_FirstName"])
            XCTAssertEqual(linkedCase.fields["cas_ReferringOrganisation"]?.description, "A")
            XCTAssertEqual(linkedCase.organisationID, shelter)
            let senderReadsLinked = try await world.api(.GET, "/api/v1/cases/\(linkedID)", as: "a-worker")
            XCTAssertEqual(senderReadsLinked.status, .notFound)
            let outgoing = try await world.api(.GET, "/api/v1/referrals?direction=outgoing", as: "a-worker")
            XCTAssertEqual(try outgoing.content.decode([Referral].self).first?.state, .accepted, "the sender sees it")

            // Withdrawal ends access at once, on the next read.
            let withdrawn = try await world.api(
                .POST, "/api/v1/cases/\(caseID)/consents/\(consent.id)/withdraw", as: "a-worker")
            XCTAssertEqual(withdrawn.status, .ok, withdrawn.body.string)
            let after = try await world.api(.GET, "/api/v1/referrals/\(referral.id)", as: "b-worker")
            XCTAssertEqual(after.status, .forbidden)
            XCTAssertFalse(after.body.string.contains("Amani"))
            // A withdrawn consent cannot carry a new referral either.
            let again = try await world.api(
                .POST, "/api/v1/cases/\(caseID)/referrals", as: "a-worker",
                json: ReferBody(receiver: shelter, consent: consent.id))
            XCTAssertEqual(again.status, .unprocessableEntity)
            XCTAssertTrue(again.body.string.contains("withdrawn or has expired"), again.body.string)
        }
    }

    func testAnExpiredConsentADeclinedOrWithdrawnReferralShareNothing() async throws {
        try await TestWorld.each { world in
            let shelter = try XCTUnwrap(world.organisations["B"])
            let caseID = try await world.createCase(as: "a-worker", Self.person)
            let consent = try await world.api(
                .POST, "/api/v1/cases/\(caseID)/consents", as: "a-worker", json: ConsentBody(recipient: shelter)
            ).content.decode(Consent.self)
            func refer() async throws -> UUID {
                try await world.api(
                    .POST, "/api/v1/cases/\(caseID)/referrals", as: "a-worker",
                    json: ReferBody(receiver: shelter, consent: consent.id)
                ).content.decode(Referral.self).id
            }
            let declined = try await refer()
            let missingReason = try await world.api(
                .POST, "/api/v1/referrals/\(declined)/decline", as: "b-worker", json: [String: String]())
            XCTAssertEqual(missingReason.status, .unprocessableEntity)
            XCTAssertTrue(missingReason.body.string.contains("reason"))
            let decline = try await world.api(
                .POST, "/api/v1/referrals/\(declined)/decline", as: "b-worker", json: ["reason": "no_capacity"])
            XCTAssertEqual(try decline.content.decode(Referral.self).declineReason, .noCapacity)
            let afterDecline = try await world.api(.GET, "/api/v1/referrals/\(declined)", as: "b-worker")
            XCTAssertEqual(afterDecline.status, .forbidden)

            let withdrawn = try await refer()
            let notTheirs = try await world.api(.POST, "/api/v1/referrals/\(withdrawn)/withdraw", as: "b-worker")
            XCTAssertEqual(notTheirs.status, .notFound, "only the sender withdraws")
            _ = try await world.api(.POST, "/api/v1/referrals/\(withdrawn)/withdraw", as: "a-worker")
            let afterWithdrawal = try await world.api(.GET, "/api/v1/referrals/\(withdrawn)", as: "b-worker")
            XCTAssertEqual(afterWithdrawal.status, .forbidden)
            let lateAccept = try await world.api(.POST, "/api/v1/referrals/\(withdrawn)/accept", as: "b-worker")
            XCTAssertEqual(lateAccept.status, .unprocessableEntity, "a withdrawn referral is not accepted")
            // The receiver's staff hear of the withdrawal; the referrer hears of the decline.
            let users = try await UserModel.query(on: world.app.palermo.store.database).all()
            func notices(_ name: String) async throws -> [UUID] {
                let principal = try XCTUnwrap(users.first { $0.username == name }?.principal)
                return try await world.app.palermo.store.referrals.notices(for: principal).map(\.id)
            }
            let receiverHears = try await notices("b-worker")
            XCTAssertTrue(receiverHears.contains(withdrawn))
            let senderHears = try await notices("a-worker")
            XCTAssertTrue(senderHears.contains(declined))

            // Expiry: the consent's last day passes (moved back in the database, as time would).
            let running = try await refer()
            let before = try await world.api(.GET, "/api/v1/referrals/\(running)", as: "b-worker")
            XCTAssertEqual(before.status, .ok)
            let sql = try world.app.palermo.store.sql
            try await sql.raw("UPDATE consents SET valid_until = '2025-03-03'").run()
            let expired = try await world.api(.GET, "/api/v1/referrals/\(running)", as: "b-worker")
            XCTAssertEqual(expired.status, .forbidden)
            XCTAssertFalse(expired.body.string.contains("Amani"))
        }
    }

    func testAnOverrideNeedsTheRoleAndAReasonOnTheServer() async throws {
        try await TestWorld.each { world in
            let shelter = try XCTUnwrap(world.organisations["B"])
            let caseID = try await world.createCase(as: "a-worker", Self.person)
            let override = ReferBody.Override(reason: "immediate_danger", groups: ["identity"])
            let count = try await ReferralModel.query(on: world.app.palermo.store.database).count()
            let worker = try await world.api(
                .POST, "/api/v1/cases/\(caseID)/referrals", as: "a-worker",
                json: ReferBody(receiver: shelter, override: override))
            XCTAssertEqual(worker.status, .forbidden, "a caseworker cannot override consent")
            let noReason = try await world.api(
                .POST, "/api/v1/cases/\(caseID)/referrals", as: "a-super",
                json: ReferBody(receiver: shelter, override: .init(reason: "", groups: ["identity"])))
            XCTAssertEqual(noReason.status, .unprocessableEntity)
            XCTAssertTrue(noReason.body.string.contains("override.reason"), noReason.body.string)
            let noConsent = try await world.api(
                .POST, "/api/v1/cases/\(caseID)/referrals", as: "a-super", json: ReferBody(receiver: shelter))
            XCTAssertEqual(noConsent.status, .unprocessableEntity)
            XCTAssertTrue(noConsent.body.string.contains("consent"))
            let unchanged = try await ReferralModel.query(on: world.app.palermo.store.database).count()
            XCTAssertEqual(unchanged, count, "nothing is written")

            let granted = try await world.api(
                .POST, "/api/v1/cases/\(caseID)/referrals", as: "a-super",
                json: ReferBody(receiver: shelter, override: override))
            XCTAssertEqual(granted.status, .created, granted.body.string)
            let referral = try granted.content.decode(Referral.self)
            XCTAssertEqual(referral.overrideReason, .immediateDanger)
            let shared = try await world.api(.GET, "/api/v1/referrals/\(referral.id)", as: "b-worker").content.decode(
                Shared.self)
            XCTAssertEqual(Set(shared.fields.keys), ["prs_FirstName", "prs_SecondName"])
            let audit = try await AuditEntryModel.query(on: world.app.palermo.store.database).all()
            XCTAssertTrue(audit.contains { $0.detail.contains("emergency override: immediate_danger") })
        }
    }

    func testBadConsentIsRefusedNamingTheFieldAndNothingIsWritten() async throws {
        try await TestWorld.each { world in
            let shelter = try XCTUnwrap(world.organisations["B"])
            let own = try XCTUnwrap(world.organisations["A"])
            let adult = try await world.createCase(as: "a-worker", Self.person)
            var child = TestWorld.core
            child["prs_AgeGroup"] = .text("Child")
            let minor = try await world.createCase(as: "a-worker", child)
            let cases: [(UUID, ConsentBody, String)] = [
                (adult, ConsentBody(recipient: own), "another organisation"),
                (adult, ConsentBody(recipient: UUID()), "not a known organisation"),
                (adult, ConsentBody(recipient: shelter, groups: []), "groups"),
                (adult, ConsentBody(recipient: shelter, groups: ["secrets"]), "groups"),
                (adult, ConsentBody(recipient: shelter, givenOn: "2025-02-01"), "before the case was opened"),
                (adult, ConsentBody(recipient: shelter, until: "2025-03-01"), "until"),
                (adult, ConsentBody(recipient: shelter, until: "2030-01-01"), "two years"),
                (adult, ConsentBody(recipient: shelter, givenOn: "2025-13-01"), "givenOn"),
                (adult, ConsentBody(recipient: shelter, method: "verbal_witnessed"), "witness"),
                (adult, ConsentBody(recipient: shelter, method: "nod"), "method"),
                (adult, ConsentBody(recipient: shelter, informedIn: "klingon"), "informedIn"),
                (adult, ConsentBody(recipient: shelter, purpose: "anything"), "purpose"),
                (minor, ConsentBody(recipient: shelter), "guardian"),
            ]
            for (caseID, body, named) in cases {
                let res = try await world.api(.POST, "/api/v1/cases/\(caseID)/consents", as: "a-worker", json: body)
                XCTAssertEqual(res.status, .unprocessableEntity, "\(body): \(res.body.string)")
                XCTAssertTrue(res.body.string.contains(named), "\(named): \(res.body.string)")
            }
            let stored = try await ConsentModel.query(on: world.app.palermo.store.database).count()
            XCTAssertEqual(stored, 0)
            let guardian = try await world.api(
                .POST, "/api/v1/cases/\(minor)/consents", as: "a-worker",
                json: ConsentBody(recipient: shelter, method: "guardian"))
            XCTAssertEqual(guardian.status, .created, guardian.body.string)
            let aggregate = try await world.api(
                .POST, "/api/v1/cases/\(adult)/consents", as: "analyst", json: ConsentBody(recipient: shelter))
            XCTAssertEqual(aggregate.status, .forbidden)
        }
    }

    func testAChildIsReferredOnlyWithAGuardianAndABestInterestsAssessment() async throws {
        try await TestWorld.each { world in
            let shelter = try XCTUnwrap(world.organisations["B"])
            var child = TestWorld.core
            child["prs_AgeGroup"] = .text("Child")
            let caseID = try await world.createCase(as: "a-worker", child)
            let consent = try await world.api(
                .POST, "/api/v1/cases/\(caseID)/consents", as: "a-worker",
                json: ConsentBody(recipient: shelter, method: "guardian")
            ).content.decode(Consent.self)
            let body = ReferBody(receiver: shelter, consent: consent.id)
            let early = try await world.api(.POST, "/api/v1/cases/\(caseID)/referrals", as: "a-worker", json: body)
            XCTAssertEqual(early.status, .unprocessableEntity)
            XCTAssertTrue(early.body.string.contains("guardian"), early.body.string)
            let none = try await ReferralModel.query(on: world.app.palermo.store.database).count()
            XCTAssertEqual(none, 0, "nothing is written")

            // Screening records the guardian and the assessment; it proposes a status without needing a means.
            let screened = try await world.api(
                .POST, "/api/v1/cases/\(caseID)/screening", as: "a-worker",
                json: Observed(
                    acts: ["recruited"], means: [], purposes: ["ChildLabour"], guardian: true,
                    bestInterestsOn: "2025-03-05"))
            XCTAssertEqual(screened.status, .created, screened.body.string)
            XCTAssertTrue(screened.body.string.contains("ActualVictimOfTrafficking"), screened.body.string)
            XCTAssertTrue(screened.body.string.contains("meansNotNeeded"))
            let later = try await world.api(.POST, "/api/v1/cases/\(caseID)/referrals", as: "a-worker", json: body)
            XCTAssertEqual(later.status, .created, later.body.string)

            let badScreening = try await world.api(
                .POST, "/api/v1/cases/\(caseID)/screening", as: "a-worker",
                json: Observed(acts: ["kidnapped"], means: [], purposes: [], guardian: false, bestInterestsOn: nil))
            XCTAssertEqual(badScreening.status, .unprocessableEntity)
            XCTAssertTrue(badScreening.body.string.contains("acts"))
            let otherOrg = try await world.api(.GET, "/api/v1/cases/\(caseID)/screening", as: "b-worker")
            XCTAssertEqual(otherOrg.status, .notFound)
        }
    }

    /// The ILO/EC indicators through the API and the case page: weighed on the person's list, the combination
    /// shown with each dimension's counts; an unknown indicator is refused by name and nothing is recorded.
    func testScreeningWeighsTheILOIndicators() async throws {
        try await TestWorld.each { world in
            let caseID = try await world.createCase(as: "a-worker", TestWorld.core)
            let indicators = ["dr.natureOfJob", "dr.wages", "ex.excessiveHours", "ex.lowPay", "cd.documents"]
            let screened = try await world.api(
                .POST, "/api/v1/cases/\(caseID)/screening", as: "a-worker",
                json: WithIndicators(acts: ["recruited"], indicators: indicators, indicatorForm: "labour"))
            XCTAssertEqual(screened.status, .created, screened.body.string)
            let dto = try screened.content.decode(ScreeningReply.self)
            XCTAssertEqual(dto.proposedStatus, "PossibleVictimOfTrafficking", "one strong indicator at destination")
            XCTAssertEqual(dto.assessment?.list, "adultLabour")
            XCTAssertEqual(dto.assessment?.met, false)
            XCTAssertEqual(
                dto.assessment?.dimensions.filter(\.positive).map(\.dimension),
                ["deceptiveRecruitment", "exploitation"])

            let more = try await world.api(
                .POST, "/api/v1/cases/\(caseID)/screening", as: "a-worker",
                json: WithIndicators(
                    acts: ["recruited"], indicators: indicators + ["cd.debtBondage"], indicatorForm: "labour"))
            XCTAssertEqual(try more.content.decode(ScreeningReply.self).proposedStatus, "ActualVictimOfTrafficking")
            let cookie = try await world.webLogin("a-worker")
            let page = try await world.page("/cases/\(caseID)", cookie: cookie).body.string
            XCTAssertTrue(page.contains("Coercion at destination: present (2 strong, 0 medium, 0 weak)"), page)
            XCTAssertTrue(page.contains("value=\"cd.debtBondage\" checked"), "the form shows what was observed")

            let before = try await ScreeningModel.query(on: world.app.palermo.store.database).count()
            for (list, form, field) in [
                (["dr.natureOfJob", "dr.mindReading"], "labour", "indicators"),
                (["dr.wages"], "organs", "indicatorForm"),
            ] {
                let bad = try await world.api(
                    .POST, "/api/v1/cases/\(caseID)/screening", as: "a-worker",
                    json: WithIndicators(acts: [], indicators: list, indicatorForm: form))
                XCTAssertEqual(bad.status, .unprocessableEntity, bad.body.string)
                XCTAssertTrue(bad.body.string.contains(field), bad.body.string)
            }
            let after = try await ScreeningModel.query(on: world.app.palermo.store.database).count()
            XCTAssertEqual(after, before, "nothing recorded")
        }
    }

    struct WithIndicators: Encodable {
        let acts: [String]
        let indicators: [String]
        let indicatorForm: String
    }

    struct ScreeningReply: Decodable {
        struct Assessment: Decodable {
            struct Dimension: Decodable {
                let dimension: String
                let positive: Bool
            }
            let list: String
            let met: Bool
            let dimensions: [Dimension]
        }
        let proposedStatus: String
        let assessment: Assessment?
    }

    struct Observed: Encodable {
        let acts: [String]
        let means: [String]
        let purposes: [String]
        let guardian: Bool
        let bestInterestsOn: String?
    }

    struct Shared: Decodable {
        let caseCode: String
        let fields: [String: String]
    }
}
