import Foundation
import PalermoCore
import PalermoReport
import PalermoStore

/// The case page's consent and referral section, as data: the person's consents and the case's referrals,
/// with the forms to record consent, withdraw it and refer.
struct ReferralPanel {
    struct ConsentRow {
        let id: String
        let cells: [String]
        let active: Bool
    }
    struct ReferralRow {
        let id: String
        let cells: [String]
        let canWithdraw: Bool
    }
    struct ConsentForm {
        let legend: String
        let recipient: String, purpose: String, groups: String, givenOn: String, until: String, method: String
        let witness: String, informedIn: String, button: String
        let organisations: [Choice], services: [Choice], groupChecks: [Checkbox], methods: [Choice], staff: [Choice]
        let languages: [Choice]
        let today: String, defaultUntil: String
    }
    struct ReferForm {
        let legend: String
        let receiver: String, service: String, consent: String, button: String, fromDirectory: String
        let organisations: [Choice], services: [Choice], consents: [Choice], offers: [Choice]
        /// Supervisors and organisation admins only.
        let override: OverrideForm?
    }
    struct OverrideForm {
        let legend: String, hint: String, reason: String, groups: String, button: String
        let reasons: [Choice], groupChecks: [Checkbox]
    }

    let caseID: String
    let csrf: String
    let heading: String
    let consentsHeading: String
    let consentColumns: [String]
    let consents: [ConsentRow]
    let noConsents: String
    let withdrawLabel: String
    let consentForm: ConsentForm
    let referralsHeading: String
    let referralColumns: [String]
    let referrals: [ReferralRow]
    let noReferrals: String
    let referForm: ReferForm
    let copyLink: (href: String, label: String)

    init(
        _ w: Wording, caseID: UUID, consents: [Consent], referrals: [Referral], organisations: [OrganisationEntry],
        staff: [(id: UUID, name: String)], offers: [ServiceOffer] = [], services: ServiceCatalogue, me: Principal,
        csrf: String
    ) {
        self.caseID = caseID.uuidString
        self.csrf = csrf
        let today = CaseTasks.today()
        let names = organisations.names
        let others = organisations.filter { $0.id != me.organisationID }
            .map { Choice(value: $0.id.uuidString, label: $0.name, selected: false) }
        let kinds = w.serviceChoices(services)
        func groupChecks(_ name: String) -> [Checkbox] {
            SharedGroup.allCases.map { Checkbox(name: name, value: $0.rawValue, label: w("group.\($0.rawValue)")) }
        }
        heading = w("referral.heading")
        consentsHeading = w("referral.consents")
        consentColumns = [
            "input.recipient", "input.purpose", "input.groups", "input.givenOn", "input.until",
            "input.method", "referral.state",
        ].map { w($0) }
        self.consents = consents.map { consent in
            let active = consent.isActive(today: today)
            let state = consent.withdrawnAt != nil ? "withdrawn" : active ? "active" : "expired"
            return ConsentRow(
                id: consent.id.uuidString,
                cells: [
                    names[consent.recipient] ?? "—", w.service(consent.purpose, in: services),
                    consent.groups.map { w("group.\($0.rawValue)") }.joined(separator: ", "),
                    Self.day(consent.givenOn, w), Self.day(consent.until, w),
                    w("consentMethod.\(consent.method.rawValue)"),
                    w("consentState.\(state)"),
                ], active: active)
        }
        noConsents = w("referral.noConsents")
        withdrawLabel = w("referral.withdrawConsent")
        consentForm = ConsentForm(
            legend: w("referral.giveConsent"), recipient: w("input.recipient"), purpose: w("input.purpose"),
            groups: w("input.groups"), givenOn: w("input.givenOn"), until: w("input.until"),
            method: w("input.method"), witness: w("input.witness"), informedIn: w("input.informedIn"),
            button: w("referral.recordConsent"), organisations: others, services: kinds,
            groupChecks: groupChecks("groups"),
            methods: ConsentMethod.allCases.map {
                Choice(value: $0.rawValue, label: w("consentMethod.\($0.rawValue)"), selected: false)
            },
            staff: staff.filter { $0.id != me.userID }.map {
                Choice(value: $0.id.uuidString, label: $0.name, selected: false)
            },
            languages: Self.languages(w), today: today,
            defaultUntil: CaseTasks.today(Date().addingTimeInterval(180 * 86_400)))
        referralsHeading = w("referral.sent")
        referralColumns = ["input.receiver", "input.service", "referral.state", "referral.sentOn", "referral.answer"]
            .map { w($0) }
        self.referrals = referrals.map { referral in
            ReferralRow(
                id: referral.id.uuidString,
                cells: w.referralCells(referral, other: names[referral.receiver] ?? "—", services: services),
                canWithdraw: referral.state.after(.withdraw) != nil)
        }
        noReferrals = w("referral.noneSent")
        let usable = consents.filter { $0.isActive(today: today) }.map { consent in
            Choice(
                value: consent.id.uuidString,
                label: (names[consent.recipient] ?? "—") + " · " + w.service(consent.purpose, in: services) + " · "
                    + Self.day(consent.until, w), selected: false)
        }
        referForm = ReferForm(
            legend: w("referral.refer"), receiver: w("input.receiver"), service: w("input.service"),
            consent: w("input.consent"), button: w("referral.referButton"), fromDirectory: w("input.offer"),
            organisations: others, services: kinds, consents: usable,
            offers: offers.filter { $0.organisationID != me.organisationID }.compactMap { offer in
                offer.id.map {
                    Choice(
                        value: $0.uuidString,
                        label: [
                            offer.organisationName ?? "—", w.service(offer.kind, in: services),
                            w.country(offer.country) + (offer.area.isEmpty ? "" : ", " + offer.area),
                            w(
                                "directory.free",
                                ["available": w.number(offer.available), "capacity": w.number(offer.capacity)]),
                        ].joined(separator: " · "), selected: false)
                }
            },
            override: OverrideReason.allowed(for: me.role)
                ? OverrideForm(
                    legend: w("referral.override"), hint: w("referral.overrideHint"),
                    reason: w("input.override.reason"),
                    groups: w("input.override.groups"), button: w("referral.overrideButton"),
                    reasons: OverrideReason.allCases.map {
                        Choice(value: $0.rawValue, label: w("overrideReason.\($0.rawValue)"), selected: false)
                    }, groupChecks: groupChecks("overrideGroups")) : nil)
        copyLink = ("/cases/\(caseID)/consent-copy", w("referral.copy"))
    }

    static func day(_ text: String, _ w: Wording) -> String { CaseValidator.parseDate(text).map(w.date) ?? text }

    /// Languages a person may be informed in: the six of the United Nations, then others common among people
    /// identified, each named in the reader's language.
    static let languageCodes = [
        "ar", "zh", "en", "fr", "ru", "es", "am", "bn", "fa", "ha", "hi", "id", "km", "my", "ne", "om", "ps", "pt",
        "ro", "so", "sw", "th", "ti", "tl", "tr", "uk", "ur", "uz", "vi", "yo",
    ]

    static func languages(_ w: Wording) -> [Choice] {
        languageCodes.map { code in
            Choice(
                value: code, label: w.locale.localizedString(forLanguageCode: code) ?? code,
                selected: code == w.language)
        }
    }
}
