import FluentKit
import Foundation
import PalermoCore

extension Referrals {
    /// Who oversees which referrals: a supervisor or organisation admin those their organisation sent or
    /// received; a national coordinator those of every organisation in the coordinator's country.
    public func oversightScope(of principal: Principal) async throws -> [UUID] {
        let db = store.database
        switch principal.role {
        case .supervisor, .organisationAdmin: return [principal.organisationID]
        case .nationalCoordinator:
            guard let own = try await OrganisationModel.find(principal.organisationID, on: db) else { return [] }
            return try await OrganisationModel.query(on: db).filter(\.$country == own.country).all().compactMap(\.id)
        default:
            throw StoreError.forbidden("referral oversight is for supervisors and national coordinators")
        }
    }

    public func oversight(
        by principal: Principal, waitDays: Int, threshold: Int, now: Date = Date()
    ) async throws
        -> ReferralFigures
    {
        let scope = try await oversightScope(of: principal)
        let db = store.database
        let names = try await organisations().names
        let models = try await ReferralModel.query(on: db)
            .group(.or) { $0.filter(\.$senderID ~~ scope).filter(\.$receiverID ~~ scope) }.all()
        let referrals = models.compactMap { model -> ReferralFigures.Referral? in
            guard let state = ReferralState(rawValue: model.state), let created = model.createdAt else { return nil }
            return ReferralFigures.Referral(
                service: ServiceKind(rawValue: model.service) ?? .other, receiver: names[model.receiverID] ?? "—",
                state: state, createdAt: created, respondedAt: model.respondedAt, closedAt: model.closedAt)
        }
        let withdrawals = try await ConsentModel.query(on: db).filter(\.$withdrawnAt != nil)
            .group(.or) { $0.filter(\.$organisationID ~~ scope).filter(\.$recipientID ~~ scope) }.count()
        return ReferralFigures(referrals, withdrawals: withdrawals, now: now, waitDays: waitDays, threshold: threshold)
    }
}
