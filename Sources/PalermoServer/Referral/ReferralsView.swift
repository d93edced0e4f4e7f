import PalermoReport
import Plot

/// Lays out the referrals page and the receiver's view of a referred case.
enum ReferralsView {
    typealias Content = Node<HTML.BodyContext>

    static func render(_ page: ReferralsPage) -> Content {
        .group(
            .h1(.words(page.title)),
            .unwrap(page.notice) { .p(.class("notice"), .attr("role", "status"), .words($0)) },
            .section(.id("incoming"), .h2(.words(page.incomingHeading)), list(page, page.incoming, receiving: true)),
            .section(.id("outgoing"), .h2(.words(page.outgoingHeading)), list(page, page.outgoing, receiving: false)))
    }

    static func list(_ page: ReferralsPage, _ rows: [ReferralsPage.Row], receiving: Bool) -> Content {
        guard !rows.isEmpty else { return .p(.words(page.none)) }
        return ReferralPanelView.table(
            receiving ? "incoming-list" : "outgoing-list", page.columns + (receiving ? [""] : []),
            rows.map { row in
                .tr(
                    .attr("id", "referral-\(row.id)"),
                    .forEach(row.cells) { .td(.words($0)) },
                    .if(receiving, .td(actions(page, row))))
            })
    }

    static func actions(_ page: ReferralsPage, _ row: ReferralsPage.Row) -> Content {
        let labels = page.labels
        return .div(
            .class("steps"),
            .unwrap(row.sharedHref) { .a(.attr("href", $0), .words(labels.view)) },
            .unwrap(row.linkedHref) { .group(.text(" "), .a(.attr("href", $0), .words(labels.linked))) },
            .if(row.canAccept, step(row.id, "accept", labels.accept, csrf: page.csrf, back: "/referrals?done=1")),
            .if(
                row.canDecline,
                step(
                    row.id, "decline", labels.decline, csrf: page.csrf, back: "/referrals?done=1",
                    FormMarkup.labelledSelect(name: "reason", label: labels.reason, choices: labels.reasons, empty: nil)
                )),
            .if(
                row.canComplete,
                step(
                    row.id, "complete", labels.complete, csrf: page.csrf, back: "/referrals?done=1",
                    FormMarkup.labelledSelect(
                        name: "outcome", label: labels.outcome, choices: labels.outcomes, empty: nil))))
    }

    /// A referral's step as a small form of its own.
    static func step(
        _ id: String, _ step: String, _ label: String, csrf: String, back: String, _ extra: Content...
    )
        -> Content
    {
        FormMarkup.form(
            method: "post", action: "/referrals/\(id)/\(step)", .class("inline"),
            FormMarkup.hidden("_csrf", csrf), FormMarkup.hidden("back", back), .group(extra),
            FormMarkup.button(label))
    }

    static func shared(_ page: SharedCasePage) -> Content {
        .group(
            .h1(.words(page.title)),
            .p(.words(page.intro)),
            page.items.isEmpty
                ? .p(.words(page.nothing))
                : .dl(
                    .forEach(page.items) { item in
                        .group(.dt(.words(item.label)), .dd(.attr("translate", "no"), .words(item.value)))
                    }),
            .p(
                .a(.attr("href", page.back.href), .words(page.back.label)),
                .unwrap(page.linked) { .group(.text(" · "), .a(.attr("href", $0.href), .words($0.label))) }))
    }
}
