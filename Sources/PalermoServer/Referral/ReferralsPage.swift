import Foundation
import PalermoCore
import PalermoReport
import PalermoStore

/// `/referrals`: what other organisations referred to this one, with the steps its staff can take, and what
/// this one referred elsewhere.
struct ReferralsPage {
    struct Row {
        let id: String
        let cells: [String]
        /// The receiver's view of what is shared, while something is.
        let sharedHref: String?
        let linkedHref: String?
        let canAccept: Bool
        let canDecline: Bool
        let canComplete: Bool
    }
    struct Labels {
        let view: String, linked: String, accept: String, decline: String, complete: String
        let reason: String, outcome: String
        let reasons: [Choice], outcomes: [Choice]
    }

    let title: String
    let notice: String?
    let incomingHeading: String
    let outgoingHeading: String
    let columns: [String]
    let incoming: [Row]
    let outgoing: [Row]
    let none: String
    let labels: Labels
    let csrf: String

    init(
        _ w: Wording, incoming: [Referral], outgoing: [Referral], organisations: [OrganisationEntry], csrf: String,
        notice: String?, services: ServiceCatalogue
    ) {
        title = w("referrals.title")
        self.notice = notice
        incomingHeading = w("referrals.incoming")
        outgoingHeading = w("referrals.outgoing")
        columns = ["referrals.organisation", "input.service", "referral.state", "referral.sentOn", "referral.answer"]
            .map { w($0) }
        let names = organisations.names
        func row(_ referral: Referral, other: UUID, receiving: Bool) -> Row {
            let state = referral.state
            return Row(
                id: referral.id.uuidString,
                cells: w.referralCells(referral, other: names[other] ?? "—", services: services),
                sharedHref: receiving && state.sharesWithReceiver ? "/referrals/\(referral.id)" : nil,
                linkedHref: receiving ? referral.linkedCaseID.map { "/cases/\($0)" } : nil,
                canAccept: receiving && state.after(.accept) != nil,
                canDecline: receiving && state.after(.decline) != nil,
                canComplete: receiving && state.after(.complete) != nil)
        }
        self.incoming = incoming.map { row($0, other: $0.sender, receiving: true) }
        self.outgoing = outgoing.map { row($0, other: $0.receiver, receiving: false) }
        none = w("referrals.none")
        labels = Labels(
            view: w("referrals.view"), linked: w("referrals.linked"), accept: w("referrals.accept"),
            decline: w("referrals.decline"), complete: w("referrals.complete"), reason: w("input.reason"),
            outcome: w("input.outcome"),
            reasons: DeclineReason.allCases.map {
                Choice(value: $0.rawValue, label: w("declineReason.\($0.rawValue)"), selected: false)
            },
            outcomes: ReferralOutcome.allCases.map {
                Choice(value: $0.rawValue, label: w("outcome.\($0.rawValue)"), selected: false)
            })
        self.csrf = csrf
    }

    var view: ReferralsView.Content { ReferralsView.render(self) }
}

/// `/referrals/{id}`: what the receiver may read of the person's case, and until when.
struct SharedCasePage {
    struct Item { let label: String; let value: String }

    let title: String
    let intro: String
    let items: [Item]
    let nothing: String
    let back: (href: String, label: String)
    let linked: (href: String, label: String)?

    init(_ w: Wording, shared: SharedCase, consent: Consent?) {
        title = w("shared.title", ["code": shared.caseCode])
        let groups = shared.groups.map { w("group.\($0.rawValue)") }.joined(separator: ", ")
        intro =
            consent.map {
                w("shared.intro", ["groups": groups, "until": ReferralPanel.day($0.until, w)])
            } ?? w("shared.override", ["groups": groups])
        items = HTCDS.fields.compactMap { field in
            shared.fields[field.name].map {
                Item(label: w.label(field), value: CaseRecordPage.display($0, field, w))
            }
        }
        nothing = w("shared.nothing")
        back = ("/referrals", w("referrals.title"))
        linked = shared.referral.linkedCaseID.map { ("/cases/\($0)", w("referrals.linked")) }
    }

    var view: ReferralsView.Content { ReferralsView.shared(self) }
}
