import Fluent
import Foundation
import PalermoCore
import PalermoStore
import Vapor

/// A working referral network for the demo: Safe Harbour Shelter refers people, on their recorded consent,
/// to Freedom Path (shelter, psychological support), the police unit and the labour inspectorate; Freedom
/// Path refers one person back. Every state appears: waiting, accepted, declined, completed, withdrawn,
/// and one emergency referral without consent.
enum DemoReferrals {
    static func load(into app: Application) async throws {
        let store = app.palermo.store
        let users = try await UserModel.query(on: store.database).all()
        func principal(_ name: String) -> Principal? { users.first { $0.username == name }?.principal }
        guard let amina = principal("amina"), let brian = principal("brian"), let okello = principal("okello"),
            let nakato = principal("nakato"), let david = principal("david"), let juma = principal("juma")
        else { return }
        if let faith = principal("faith") {
            // The coordinator's own addition to the built-in kinds of service.
            _ = try await store.serviceKinds.add(Self.familyTracing, by: faith)
        }
        try await directory(brian: brian, nakato: nakato, david: david, juma: juma, store: store)
        let cases = try await store.cases.list(CaseQuery(perPage: 40, sort: .code, descending: false), by: amina)
            .items.map(\.id)
        let okellos = try await store.cases.list(CaseQuery(perPage: 5, sort: .code, descending: false), by: okello)
            .items.map(\.id)
        guard cases.count >= 20, let back = okellos.first else { return }
        // Cases 0–9 are Amina's day (tasks, notes, a closure); the network uses later ones.
        let plan: [(Int, Principal, ServiceKind, [SharedGroup], [(ReferralStep, Principal)])] = [
            (10, okello, .shelter, [.identity, .profile, .assessment], []),
            (11, okello, .shelter, [.identity, .profile], [(.accept, okello)]),
            (
                12, nakato, .psychological, [.identity, .profile, .exploitation],
                [(.accept, nakato), (.complete, nakato)]
            ),
            (13, david, .lawEnforcement, [.identity, .exploitation], [(.decline, david)]),
            (14, juma, .labourClaim, [.identity, .contact, .exploitation], [(.accept, juma)]),
            (15, okello, .shelter, [.identity], [(.withdraw, amina)]),
        ]
        for (index, receiver, service, groups, steps) in plan {
            let consent = try await consent(
                to: cases[index], for: receiver.organisationID, service, groups, by: amina, store: store)
            let referral = try await store.referrals.refer(
                cases[index], ReferralRequest(receiver: receiver.organisationID, service: service, consentID: consent),
                by: amina)
            for (step, actor) in steps {
                _ = try await store.referrals.take(
                    step, on: referral.id, decline: step == .decline ? .serviceUnavailable : nil,
                    outcome: step == .complete ? .delivered : nil, by: actor)
            }
        }
        // The person of case 14 later withdrew consent: the inspectorate's access ended with it.
        if let given = try await store.referrals.consents(of: cases[14], by: amina).first {
            _ = try await store.referrals.withdrawConsent(given.id, of: cases[14], by: amina)
        }
        _ = try await store.referrals.refer(
            cases[16],
            ReferralRequest(
                receiver: okello.organisationID, service: .medical, consentID: nil,
                override: (.immediateDanger, [.identity, .profile])), by: brian)
        let returning = try await consent(
            to: back, for: amina.organisationID, .returnAssistance, [.identity, .profile], by: okello, store: store)
        _ = try await store.referrals.refer(
            back, ReferralRequest(receiver: amina.organisationID, service: .returnAssistance, consentID: returning),
            by: okello)
    }

    /// Consent given today for six months; a child's (or a person of unknown age) by a guardian.
    static func consent(
        to caseID: UUID, for recipient: UUID, _ service: ServiceKind, _ groups: [SharedGroup], by worker: Principal,
        store: Store
    ) async throws -> UUID {
        let record = try await store.cases.read(caseID, by: worker)
        let adult = CaseFacets(fields: record.fields, recordedAt: record.createdAt ?? Date()).ageGroup == .adult
        // Screened first: what was observed, and for a child a guardian and a best-interests assessment.
        _ = try await store.screenings.record(
            Screening(
                acts: [.recruited, .transported], means: adult ? ["DebtBondage", "WithholdsDocuments"] : [],
                purposes: record.fields["vic_TypeOfExploitation"]?.values ?? ["ForcedLabour"], ageUncertain: false,
                guardian: !adult, bestInterestsOn: adult ? nil : CaseTasks.today()), on: caseID, by: worker)
        let today = CaseValidator.parseDate(CaseTasks.today()) ?? Date()
        let terms = ConsentTerms(
            recipient: recipient, purpose: service, groups: Set(groups), givenOn: today,
            until: today.addingTimeInterval(180 * 86_400), method: adult ? .signed : .guardian, witness: nil,
            informedIn: "sw")
        return try await store.referrals.giveConsent(to: caseID, terms, by: worker).id
    }

    /// The directory: each demo organisation's services, with places, languages and hours.
    static func directory(
        brian: Principal, nakato: Principal, david: Principal, juma: Principal, store: Store
    )
        async throws
    {
        func keeper(_ p: Principal) -> Principal {
            Principal(userID: p.userID, username: p.username, organisationID: p.organisationID, role: .supervisor)
        }
        let checked = CaseTasks.today(Date().addingTimeInterval(-12 * 86_400))
        let entries: [(Principal, ServiceKind, String, String, [String], [AgeGroup], Int, Int, [String], String)] = [
            (brian, .shelter, "KEN", "Mombasa", ["female"], [], 24, 3, ["en", "sw"], "Every day, day and night"),
            (brian, .psychological, "KEN", "Mombasa", [], [], 10, 4, ["en", "sw"], "Mon–Fri 8:00–17:00"),
            (nakato, .shelter, "UGA", "Kampala", [], [.child], 16, 2, ["en", "lg", "sw"], "Every day, day and night"),
            (nakato, .psychological, "UGA", "Kampala", [], [], 12, 6, ["en", "sw"], "Mon–Sat 9:00–18:00"),
            (nakato, .legalAid, "UGA", "Kampala", [], [], 30, 11, ["en"], "Tue and Thu 9:00–13:00"),
            (
                keeper(david), .lawEnforcement, "KEN", "Nairobi", [], [], 50, 50, ["en", "sw"],
                "Every day, day and night"
            ),
            (keeper(juma), .labourClaim, "KEN", "Mombasa", [], [.adult], 40, 25, ["en", "sw"], "Mon–Fri 8:00–16:00"),
            (
                nakato, familyTracing.kind ?? .other, "UGA", "Kampala", [], [], 20, 9, ["en", "sw"],
                "Mon–Fri 9:00–17:00"
            ),
        ]
        for (keeper, kind, country, area, sexes, ages, capacity, available, languages, hours) in entries {
            let offer = ServiceOffer(
                organisationID: keeper.organisationID, kind: kind, country: country, area: area, forSexes: sexes,
                forAges: ages, capacity: capacity, available: available, languages: languages, hours: hours,
                contact: "+254 700 000 100 (duty line)", lastChecked: checked)
            _ = try await store.directory.save(offer, by: keeper)
        }
    }

    static let familyTracing = ServiceKindDefinition(
        code: "family_tracing",
        names: [
            "en": "Family tracing", "fr": "Recherche des familles", "es": "Búsqueda de familiares",
            "ru": "Розыск семьи", "zh": "寻找家人", "ar": "البحث عن الأسرة",
        ])
}
