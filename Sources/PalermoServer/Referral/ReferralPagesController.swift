import Foundation
import PalermoCore
import PalermoReport
import PalermoStore
import Vapor

/// The browser's consent and referral pages: forms on the case page, the referrals page, the receiver's view
/// of a referred case and the person's own copy. The store checks consent; these only read forms and answer.
struct ReferralPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("cases", ":id", "consents", use: giveConsent)
        routes.post("cases", ":id", "consents", ":consent", "withdraw", use: withdrawConsent)
        routes.post("cases", ":id", "referrals", use: refer)
        routes.get("cases", ":id", "consent-copy", use: copy)
        routes.get("referrals", use: list)
        routes.get("referrals", "oversight", use: oversight)
        routes.get("referrals", ":referral", use: shared)
        for step in ReferralStep.allCases {
            routes.post("referrals", ":referral", .constant(step.rawValue)) { req in try await take(step, req) }
        }
    }

    func giveConsent(_ req: Request) async throws -> Response {
        let principal = try await req.caseHandler(page: true)
        let id = try req.caseID()
        let values = try PostedForm.values(req)
        func one(_ name: String) -> String { values[name]?.first ?? "" }
        return try await CaseworkPagesController.onCase(req, id, then: "/cases/\(id)#referrals") {
            let input = ConsentInput(
                recipient: try Self.uuid(one("recipient"), field: "recipient"), purpose: one("purpose"),
                groups: values["groups"] ?? [], givenOn: one("givenOn"), until: one("until"), method: one("method"),
                witness: UUID(uuidString: one("witness")), informedIn: one("informedIn"))
            _ = try await req.store.referrals.giveConsent(to: id, try input.terms(), by: principal)
        }
    }

    func withdrawConsent(_ req: Request) async throws -> Response {
        let principal = try await req.caseHandler(page: true)
        let id = try req.caseID()
        let consent = try req.uuid("consent")
        return try await CaseworkPagesController.onCase(req, id, then: "/cases/\(id)#referrals") {
            _ = try await req.store.referrals.withdrawConsent(consent, of: id, by: principal)
        }
    }

    func refer(_ req: Request) async throws -> Response {
        let principal = try await req.caseHandler(page: true)
        let id = try req.caseID()
        let values = try PostedForm.values(req)
        func one(_ name: String) -> String? { values[name]?.first.flatMap { $0.isEmpty ? nil : $0 } }
        return try await CaseworkPagesController.onCase(req, id, then: "/cases/\(id)#referrals") {
            let override = one("overrideReason").map {
                ReferralInput.Override(reason: $0, groups: values["overrideGroups"] ?? [])
            }
            // A service chosen from the directory names the receiver and the service itself.
            var offered: ServiceOffer?
            if let offer = one("offer").flatMap(UUID.init(uuidString:)) {
                offered = try await req.store.directory.offer(offer, by: principal)
            }
            let input = ReferralInput(
                receiver: try offered?.organisationID ?? Self.uuid(one("receiver") ?? "", field: "receiver"),
                service: offered?.kind.rawValue ?? one("service") ?? "",
                consent: one("consent").flatMap(UUID.init(uuidString:)), override: override)
            _ = try await req.store.referrals.refer(id, try input.request(), by: principal)
        }
    }

    /// The person's own copy, in `?lang=` (one of the six languages), else the language they were informed
    /// in when it is one of them, else the reader's.
    func copy(_ req: Request) async throws -> Response {
        let principal = try await req.caseHandler(page: true)
        let id = try req.caseID()
        let store = req.store
        let record = try await store.cases.read(id, by: principal)
        let consents = try await store.referrals.consents(of: id, by: principal)
        let language =
            req.queryText("lang").flatMap { Wording.languages.contains($0) ? $0 : nil }
            ?? consents.last.map(\.informedIn).flatMap { Wording.languages.contains($0) ? $0 : nil }
            ?? req.localizer.language
        let organisation = try await req.organisation(of: principal)
        let page = ConsentCopyPage(
            req.localizer, copyIn: Wording(language, timeZone: req.localizer.timeZone), caseID: id,
            caseCode: record.caseCode, organisation: organisation.name, consents: consents,
            organisations: try await store.referrals.organisations(),
            plan: try await store.supportPlans.list(of: id, by: principal),
            services: try await store.serviceKinds.catalogue())
        return req.page(title: page.title, page.view)
    }

    func list(_ req: Request) async throws -> Response {
        let principal = try await req.caseHandler(page: true)
        let store = req.store.referrals
        let page = ReferralsPage(
            req.localizer, incoming: try await store.list(.incoming, by: principal),
            outgoing: try await store.list(.outgoing, by: principal), organisations: try await store.organisations(),
            csrf: CSRF.token(for: req), notice: req.queryText("done").map { _ in req.localizer("referrals.done") },
            services: try await req.store.serviceKinds.catalogue())
        return req.page(title: page.title, page.view)
    }

    func oversight(_ req: Request) async throws -> Response {
        let principal = try req.signedIn()
        let figures = try await req.store.referrals.oversight(
            by: principal, waitDays: req.queryInt("waitDays", in: 1...90, default: 3),
            threshold: req.application.palermo.config.suppressBelow)
        let page = OversightPage(
            req.localizer, figures: figures, services: try await req.store.serviceKinds.catalogue(),
            keepsKinds: ServiceKinds.mayAdd(principal.role))
        return req.page(title: page.title, page.view)
    }

    func shared(_ req: Request) async throws -> Response {
        let principal = try await req.caseHandler(page: true)
        let referrals = req.store.referrals
        let shared = try await referrals.shared(req.uuid("referral"), by: principal)
        var consent: Consent?
        if let id = shared.referral.consentID { consent = try await referrals.consent(id) }
        let page = SharedCasePage(req.localizer, shared: shared, consent: consent)
        return req.page(title: page.title, page.view)
    }

    func take(_ step: ReferralStep, _ req: Request) async throws -> Response {
        let principal = try await req.caseHandler(page: true)
        let id = try req.uuid("referral")
        let form = try PostedForm.fields(req)
        var problems = Problems()
        let decline =
            step == .decline ? problems.choice(DeclineReason.self, form["reason"] ?? "", field: "reason") : nil
        let outcome =
            step == .complete ? problems.choice(ReferralOutcome.self, form["outcome"] ?? "", field: "outcome") : nil
        guard problems.issues.isEmpty else { throw ValidationFailure(problems.issues) }
        _ = try await req.store.referrals.take(step, on: id, decline: decline, outcome: outcome, by: principal)
        return req.redirect(to: SameSitePath.validated(form["back"]) ?? "/referrals?done=1")
    }

    static func uuid(_ text: String, field: String) throws -> UUID {
        guard let id = UUID(uuidString: text) else {
            throw ValidationFailure([
                ValidationIssue(field: field, message: "is not a known organisation", code: "unknownOrganisation")
            ])
        }
        return id
    }
}
