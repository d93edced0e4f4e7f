import PalermoReport
import Plot

/// Lays out the case page's consent and referral section.
enum ReferralPanelView {
    typealias Content = Node<HTML.BodyContext>

    static func render(_ panel: ReferralPanel) -> Content {
        .section(
            .id("referrals"),
            .h2(.words(panel.heading)),
            .p(.a(.attr("href", panel.copyLink.href), .words(panel.copyLink.label))),
            consents(panel),
            referrals(panel))
    }

    static func table(_ id: String, _ columns: [String], _ rows: [Node<HTML.TableContext>]) -> Content {
        .div(
            .class("table-wrap"),
            .table(
                .attr("id", id), .thead(.tr(.forEach(columns) { .th(.attr("scope", "col"), .words($0)) })),
                .tbody(.group(rows))))
    }

    static func consents(_ panel: ReferralPanel) -> Content {
        let form = panel.consentForm
        return .group(
            .h3(.words(panel.consentsHeading)),
            panel.consents.isEmpty
                ? .p(.words(panel.noConsents))
                : table(
                    "consent-list", panel.consentColumns + [""],
                    panel.consents.map { consent in
                        .tr(
                            .attr("id", "consent-\(consent.id)"),
                            .forEach(consent.cells) { .td(.words($0)) },
                            .td(
                                .if(
                                    consent.active,
                                    FormMarkup.form(
                                        method: "post",
                                        action: "/cases/\(panel.caseID)/consents/\(consent.id)/withdraw",
                                        .class("inline"), FormMarkup.hidden("_csrf", panel.csrf),
                                        FormMarkup.button(panel.withdrawLabel)))))
                    }),
            FormMarkup.form(
                method: "post", action: "/cases/\(panel.caseID)/consents", .class("stacked"), .id("consent-form"),
                FormMarkup.hidden("_csrf", panel.csrf),
                FormMarkup.fieldset(
                    FormMarkup.legend(.words(form.legend)),
                    FormMarkup.labelledSelect(
                        name: "recipient", label: form.recipient, choices: form.organisations, empty: nil),
                    FormMarkup.labelledSelect(name: "purpose", label: form.purpose, choices: form.services, empty: nil),
                    FormMarkup.checkboxes(legend: form.groups, form.groupChecks),
                    date("givenOn", form.givenOn, form.today),
                    date("until", form.until, form.defaultUntil),
                    FormMarkup.labelledSelect(name: "method", label: form.method, choices: form.methods, empty: nil),
                    FormMarkup.labelledSelect(name: "witness", label: form.witness, choices: form.staff, empty: "—"),
                    FormMarkup.labelledSelect(
                        name: "informedIn", label: form.informedIn, choices: form.languages, empty: nil),
                    FormMarkup.button(form.button))))
    }

    static func referrals(_ panel: ReferralPanel) -> Content {
        let form = panel.referForm
        return .group(
            .h3(.words(panel.referralsHeading)),
            panel.referrals.isEmpty
                ? .p(.words(panel.noReferrals))
                : table(
                    "referral-list", panel.referralColumns + [""],
                    panel.referrals.map { referral in
                        .tr(
                            .attr("id", "referral-\(referral.id)"),
                            .forEach(referral.cells) { .td(.words($0)) },
                            .td(
                                .if(
                                    referral.canWithdraw,
                                    ReferralsView.step(
                                        referral.id, "withdraw", panel.withdrawLabel, csrf: panel.csrf,
                                        back: "/cases/\(panel.caseID)#referrals"))))
                    }),
            FormMarkup.form(
                method: "post", action: "/cases/\(panel.caseID)/referrals", .class("stacked"), .id("refer-form"),
                FormMarkup.hidden("_csrf", panel.csrf),
                FormMarkup.fieldset(
                    FormMarkup.legend(.words(form.legend)),
                    .if(
                        !form.offers.isEmpty,
                        FormMarkup.labelledSelect(
                            name: "offer", label: form.fromDirectory, choices: form.offers, empty: "—")),
                    FormMarkup.labelledSelect(
                        name: "receiver", label: form.receiver, choices: form.organisations, empty: nil),
                    FormMarkup.labelledSelect(name: "service", label: form.service, choices: form.services, empty: nil),
                    FormMarkup.labelledSelect(name: "consent", label: form.consent, choices: form.consents, empty: "—"),
                    FormMarkup.button(form.button))),
            .unwrap(form.override) { override in
                FormMarkup.form(
                    method: "post", action: "/cases/\(panel.caseID)/referrals", .class("stacked"),
                    .id("override-form"), FormMarkup.hidden("_csrf", panel.csrf),
                    FormMarkup.fieldset(
                        FormMarkup.legend(.words(override.legend)),
                        .p(.class("hint"), .words(override.hint)),
                        FormMarkup.labelledSelect(
                            name: "receiver", label: form.receiver, choices: form.organisations, empty: nil),
                        FormMarkup.labelledSelect(
                            name: "service", label: form.service, choices: form.services, empty: nil),
                        FormMarkup.labelledSelect(
                            name: "overrideReason", label: override.reason, choices: override.reasons, empty: "—"),
                        FormMarkup.checkboxes(legend: override.groups, override.groupChecks),
                        FormMarkup.button(override.button)))
            })
    }

    static func date(_ name: String, _ label: String, _ value: String) -> Content {
        FormMarkup.label(
            .words(label + " "),
            FormMarkup.input([
                .attr("type", "date"), .attr("name", name), .attr("value", value), .attr("required", "required"),
            ]))
    }
}
