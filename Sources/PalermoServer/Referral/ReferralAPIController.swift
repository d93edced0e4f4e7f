import Foundation
import PalermoCore
import PalermoStore
import Vapor

/// `/api/v1`: consent records, referrals between organisations, and what a receiver may read. Roles are
/// checked before a body is read; consent is checked by the store on every read.
struct ReferralAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("cases", ":id", "consents", use: consents)
        routes.post("cases", ":id", "consents", use: giveConsent)
        routes.post("cases", ":id", "consents", ":consent", "withdraw", use: withdrawConsent)
        routes.post("cases", ":id", "referrals", use: refer)
        routes.get("referrals", use: list)
        routes.get("referrals", "oversight", use: oversight)
        routes.get("referrals", ":referral", use: shared)
        for step in ReferralStep.allCases {
            routes.post("referrals", ":referral", .constant(step.rawValue)) { req in try await take(step, req) }
        }
    }

    func consents(_ req: Request) async throws -> [Consent] {
        try await req.store.referrals.consents(of: req.caseID(), by: req.requirePrincipal())
    }

    func giveConsent(_ req: Request) async throws -> Response {
        let principal = try await req.caseHandler(page: false)
        let terms = try req.content.decode(ConsentInput.self).terms()
        let consent = try await req.store.referrals.giveConsent(to: req.caseID(), terms, by: principal)
        return try await consent.encodeResponse(status: .created, for: req)
    }

    func withdrawConsent(_ req: Request) async throws -> Consent {
        let principal = try await req.caseHandler(page: false)
        return try await req.store.referrals.withdrawConsent(req.uuid("consent"), of: req.caseID(), by: principal)
    }

    func refer(_ req: Request) async throws -> Response {
        let principal = try await req.caseHandler(page: false)
        let request = try req.content.decode(ReferralInput.self).request()
        let referral = try await req.store.referrals.refer(req.caseID(), request, by: principal)
        return try await referral.encodeResponse(status: .created, for: req)
    }

    func list(_ req: Request) async throws -> [Referral] {
        let principal = try await req.caseHandler(page: false)
        let text = req.queryText("direction") ?? Referrals.Direction.incoming.rawValue
        guard let direction = Referrals.Direction(rawValue: text) else {
            throw ValidationFailure([
                ValidationIssue(
                    field: "direction", message: "must be incoming or outgoing", code: "notInList",
                    values: ["value": text])
            ])
        }
        return try await req.store.referrals.list(direction, by: principal)
    }

    func oversight(_ req: Request) async throws -> ReferralFiguresDTO {
        let principal = try req.requirePrincipal()
        return ReferralFiguresDTO(
            try await req.store.referrals.oversight(
                by: principal, waitDays: req.queryInt("waitDays", in: 1...90, default: 3),
                threshold: req.application.palermo.config.suppressBelow))
    }

    func shared(_ req: Request) async throws -> SharedCaseDTO {
        let principal = try await req.caseHandler(page: false)
        return SharedCaseDTO(try await req.store.referrals.shared(req.uuid("referral"), by: principal))
    }

    func take(_ step: ReferralStep, _ req: Request) async throws -> Referral {
        let principal = try await req.caseHandler(page: false)
        let id = try req.uuid("referral")
        var problems = Problems()
        var decline: DeclineReason?, outcome: ReferralOutcome?
        if step == .decline || step == .complete {
            let input = try req.content.decode(ReferralStepInput.self)
            if step == .decline, let text = input.reason {
                decline = problems.choice(DeclineReason.self, text, field: "reason")
            }
            if step == .complete, let text = input.outcome {
                outcome = problems.choice(ReferralOutcome.self, text, field: "outcome")
            }
        }
        guard problems.issues.isEmpty else { throw ValidationFailure(problems.issues) }
        return try await req.store.referrals.take(step, on: id, decline: decline, outcome: outcome, by: principal)
    }
}
