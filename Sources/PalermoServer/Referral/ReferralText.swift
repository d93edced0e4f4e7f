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

    /// A kind of service by its name: built-in ones from the string tables, added ones as they were named.
    func service(_ kind: ServiceKind, in services: ServiceCatalogue) -> String {
        kind.isBuiltIn
            ? self("service.\(kind.rawValue)") : services.addedName(kind, language: language) ?? kind.rawValue
    }

    /// Every kind of service of the installation, for a select.
    func serviceChoices(_ services: ServiceCatalogue, selected: ServiceKind? = nil) -> [Choice] {
        services.kinds.map { Choice(value: $0.rawValue, label: service($0, in: services), selected: $0 == selected) }
    }

    /// The other organisation, the service, the state, when it was sent and the receiver's answer.
    func referralCells(_ referral: Referral, other: String, services: ServiceCatalogue) -> [String] {
        let answer =
            referral.declineReason.map { self("declineReason.\($0.rawValue)") }
            ?? referral.outcome.map { self("outcome.\($0.rawValue)") } ?? ""
        return [
            other, service(referral.service, in: services), referralState(referral),
            referral.createdAt.map(date) ?? "—", answer,
        ]
    }
}
