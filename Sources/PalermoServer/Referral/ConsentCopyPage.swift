import Foundation
import PalermoCore
import PalermoReport
import PalermoStore

/// The person's own copy, to print and hand over: their rights, the next steps of their plan, what they
/// consented to and how to withdraw, in a language they read (the six of the United Nations).
struct ConsentCopyPage {
    struct Step { let what: String; let by: String }

    let title: String
    let language: String
    let direction: String
    let intro: String
    let rightsHeading: String
    let rights: [String]
    let consentsHeading: String
    let consents: [String]
    let noConsents: String
    let withdrawHeading: String
    let withdrawText: String
    let stepsHeading: String
    let steps: [Step]
    let noSteps: String
    /// In the reader's language, outside the printed copy: the choice of the copy's language.
    let chooser: (label: String, button: String, choices: [Choice], action: String)

    init(
        _ reader: Wording, copyIn w: Wording, caseID: UUID, caseCode: String, organisation: String,
        consents: [Consent], organisations: [OrganisationEntry], plan: [SupportPlanEntry], services: ServiceCatalogue
    ) {
        title = w("copy.title")
        language = w.language
        direction = w.direction
        intro = w("copy.intro", ["organisation": organisation, "code": caseCode])
        rightsHeading = w("copy.rights")
        rights = (1...6).map { w("copy.right\($0)") }
        consentsHeading = w("copy.consents")
        let names = organisations.names
        let today = CaseTasks.today()
        self.consents = consents.map { consent in
            let values = [
                "organisation": names[consent.recipient] ?? "—",
                "groups": consent.groups.map { w("group.\($0.rawValue)") }.joined(separator: ", "),
                "service": w.service(consent.purpose, in: services), "until": ReferralPanel.day(consent.until, w),
            ]
            let state =
                consent.withdrawnAt != nil
                ? "copy.withdrawn" : consent.isActive(today: today) ? "copy.consent" : "copy.expired"
            return w(state, values)
        }
        noConsents = w("copy.noConsents")
        withdrawHeading = w("copy.withdrawHeading")
        withdrawText = w("copy.withdraw", ["organisation": organisation, "code": caseCode])
        stepsHeading = w("copy.steps")
        steps = plan.filter { $0.actualEnd == nil }.map { entry in
            Step(
                what: w.picklist("supporttype", entry.type),
                by: entry.plannedEnd.map { w("copy.by", ["day": ReferralPanel.day($0, w)]) } ?? "")
        }
        noSteps = w("copy.noSteps")
        chooser = (
            reader("copy.language"), reader("copy.show"),
            Wording.languages.map { code in
                Choice(
                    value: code, label: reader.locale.localizedString(forLanguageCode: code) ?? code,
                    selected: code == w.language)
            }, "/cases/\(caseID)/consent-copy"
        )
    }

    var view: ReferralsView.Content { ConsentCopyView.render(self) }
}
