import Foundation
import PalermoCore
import PalermoReport
import PalermoStore

/// How a referral reads in every list that shows one (the case page, the referrals page, the home panel).
extension Wording {
    /// Its state, marked when it went ahead without consent.
    func referralState(_ referral: Referral) -> String {
        self("referralState.\(referral.state.rawValue)")
            + (referral.overrideReason == nil ? "" : " · " + self("referral.overridden"))
    }

    /// The other organisation, the service, the state, when it was sent and the receiver's answer.
    func referralCells(_ referral: Referral, other: String) -> [String] {
        let answer =
            referral.declineReason.map { self("declineReason.\($0.rawValue)") }
            ?? referral.outcome.map { self("outcome.\($0.rawValue)") } ?? ""
        return [
            other, self("service.\(referral.service.rawValue)"), referralState(referral),
            referral.createdAt.map(date) ?? "—", answer,
        ]
    }
}
