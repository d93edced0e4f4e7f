import Foundation
import PalermoCore
import PalermoReport
import PalermoStore

/// `/referrals/oversight`: how referrals fare, aggregate only, small counts suppressed.
struct OversightPage {
    let title: String
    let intro: String
    let waitLabel: String
    let waitDays: String
    let button: String
    let columns: [String]
    let byServiceHeading: String
    let byService: [[String]]
    let byReceiverHeading: String
    let byReceiver: [[String]]
    let facts: [String]
    /// For those who keep the list of kinds of service (the national coordinator, the system admin).
    let kindsLink: (href: String, label: String)?

    init(_ w: Wording, figures: ReferralFigures, services: ServiceCatalogue, keepsKinds: Bool) {
        kindsLink = keepsKinds ? ("/admin/services", w("serviceKinds.title")) : nil
        title = w("oversight.title")
        intro = w("oversight.intro", ["n": w.number(figures.threshold)])
        waitLabel = w("oversight.waitDays")
        waitDays = String(figures.waitDays)
        button = w("directory.search")
        columns = [
            "oversight.group", "oversight.referred", "referralState.pending", "referralState.accepted",
            "referralState.declined", "referralState.completed", "referralState.withdrawn", "oversight.acceptance",
        ]
        .map { w($0) }
        func count(_ c: ReferralFigures.Count) -> String {
            switch c {
            case .exact(let n): w.number(n)
            case .fewerThan(let n): w("oversight.fewer", ["n": w.number(n)])
            }
        }
        func row(_ g: ReferralFigures.Group, _ name: String) -> [String] {
            [name] + [g.referred, g.waiting, g.accepted, g.declined, g.completed, g.withdrawn].map(count)
                + [g.acceptance.map { w.percent($0) } ?? "—"]
        }
        byServiceHeading = w("oversight.byService")
        byService =
            figures.byService.map {
                row($0, ServiceKind(rawValue: $0.name).map { w.service($0, in: services) } ?? $0.name)
            } + [row(figures.total, w("oversight.all"))]
        byReceiverHeading = w("oversight.byReceiver")
        byReceiver = figures.byReceiver.map { row($0, $0.name) }
        func spread(_ s: ReferralFigures.Spread?, _ key: String) -> String {
            s.map { w(key, ["median": w.decimal($0.median), "p90": w.decimal($0.p90), "n": w.number($0.count)]) }
                ?? w(key + "None", ["n": w.number(figures.threshold)])
        }
        facts = [
            spread(figures.hoursToAnswer, "oversight.answer"), spread(figures.daysToComplete, "oversight.complete"),
            w("oversight.waiting", ["n": count(figures.waitingPast), "days": w.number(figures.waitDays)]),
            w("oversight.withdrawals", ["n": count(figures.withdrawals)]),
        ]
    }

    var view: OversightView.Content { OversightView.render(self) }
}
