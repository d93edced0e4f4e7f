import PalermoReport
import Plot

/// Lays out referral oversight.
enum OversightView {
    typealias Content = Node<HTML.BodyContext>

    static func render(_ page: OversightPage) -> Content {
        .group(
            .h1(.words(page.title)),
            .p(.words(page.intro)),
            FormMarkup.form(
                method: "get", action: "/referrals/oversight", .class("filters"),
                .div(
                    FormMarkup.labelledNumber(
                        name: "waitDays", label: page.waitLabel, value: page.waitDays, range: 1...90)),
                .div(FormMarkup.button(page.button))),
            .ul(.id("oversight-facts"), .forEach(page.facts) { .li(.words($0)) }),
            .h2(.words(page.byServiceHeading)),
            table("by-service", page.columns, page.byService),
            .h2(.words(page.byReceiverHeading)),
            table("by-receiver", page.columns, page.byReceiver),
            .unwrap(page.kindsLink) { link in .p(.a(.attr("href", link.href), .words(link.label))) })
    }

    static func table(_ id: String, _ columns: [String], _ rows: [[String]]) -> Content {
        ReferralPanelView.table(
            id, columns,
            rows.map { row in
                .tr(.th(.attr("scope", "row"), .words(row.first ?? "")), .forEach(row.dropFirst()) { .td(.words($0)) })
            })
    }
}
