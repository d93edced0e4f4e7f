import Foundation
import PalermoCore
import PalermoReport
import PalermoStore

extension HomePanels {
    /// Referrals to answer, answers to one's own referrals, and (for supervisors) emergency overrides.
    func referrals() async throws -> HomePage.Panel {
        let store = req.store.referrals
        let notices = try await store.notices(for: principal)
        let names = try await store.organisations().names
        let services = try await req.store.serviceKinds.catalogue()
        return HomePage.Panel(
            id: "referrals", heading: w("home.referrals"),
            lines: [HomePage.Cell(text: w("home.allReferrals"), href: "/referrals")],
            table: HomePage.Table(
                caption: w("home.referrals"),
                columns: ["referrals.organisation", "input.service", "referral.state"].map { w($0) },
                rows: notices.map { referral in
                    let incoming = referral.receiver == principal.organisationID
                    return [
                        HomePage.Cell(
                            text: names[incoming ? referral.sender : referral.receiver] ?? "—",
                            href: incoming
                                ? "/referrals#referral-\(referral.id)" : "/cases/\(referral.caseID)#referrals"
                        ),
                        HomePage.Cell(text: w.service(referral.service, in: services), href: nil),
                        HomePage.Cell(text: w.referralState(referral), href: nil),
                    ]
                }, highlighted: notices.map { $0.state == .pending || $0.overrideReason != nil }),
            empty: w("home.noReferrals"))
    }
}
