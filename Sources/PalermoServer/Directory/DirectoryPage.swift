import Foundation
import PalermoCore
import PalermoReport
import PalermoStore

/// `/services`: the directory of services, searched by country, service and whom it serves; exported as
/// the search selects it; with a form for the organisation's own entries (supervisors and admins).
struct DirectoryPage {
    struct Filter { let name: String; let label: String; let choices: [Choice] }
    struct AddForm {
        let legend: String, button: String
        let kinds: [Choice], countries: [Choice], labels: [String: String]
        /// Whom the service is for; none ticked: anyone.
        let whom: [Checkbox]
        let today: String
    }

    let title: String
    let intro: String
    let filters: [Filter]
    let anyLabel: String
    let searchButton: String
    /// One entry: its cells, and for the reader's own organisation's entries (kept by a supervisor or admin)
    /// the form that updates the places free and marks the entry checked today.
    struct Row {
        let cells: [String]
        let update: (action: String, available: String, capacity: String)?
    }

    let columns: [String]
    let rows: [Row]
    let update: (label: String, button: String)?
    let none: String
    let export: (label: String, href: String)
    let add: AddForm?
    let csrf: String

    init(
        _ w: Wording, offers: [ServiceOffer], search: ServiceDirectory.Search, query: String, canAdd: Bool,
        csrf: String, services: ServiceCatalogue, keeperOf organisation: UUID? = nil
    ) {
        title = w("directory.title")
        intro = w("directory.intro")
        let kinds = w.serviceChoices(services, selected: search.kind)
        let countries = w.countryChoices(selected: search.country)
        filters = [
            Filter(name: "country", label: w("directory.country"), choices: countries),
            Filter(name: "kind", label: w("input.service"), choices: kinds),
            Filter(
                name: "sex", label: w("directory.sex"),
                choices: ServiceOffer.sexes.map { Choice(value: $0, label: w("sex.\($0)"), selected: $0 == search.sex) }
            ),
            Filter(
                name: "age", label: w("directory.age"),
                choices: AgeGroup.allCases.map {
                    Choice(value: $0.rawValue, label: w("age.\($0.rawValue)"), selected: $0 == search.age)
                }),
            Filter(
                name: "nationality", label: w("directory.nationality"),
                choices: w.countryChoices(selected: search.nationality)),
            Filter(
                name: "form", label: w("directory.form"),
                choices: w.choices("typeofexploitation", selected: Set([search.form].compactMap { $0 }))),
        ]
        anyLabel = w("cases.any")
        searchButton = w("directory.search")
        columns =
            [
                "referrals.organisation", "input.service", "directory.where", "directory.forWhom", "directory.places",
                "directory.languages", "directory.hours", "directory.contact", "directory.checked",
            ].map { w($0) } + (canAdd ? [w("directory.update")] : [])
        update = canAdd ? (w("directory.availableNow"), w("directory.updateButton")) : nil
        rows = offers.map { offer in
            let whom =
                offer.forSexes.map { w("sex.\($0)") } + offer.forAges.map { w("age.\($0.rawValue)") }
                + offer.forNationalities.map(w.country) + offer.forForms.map { w.picklist("typeofexploitation", $0) }
            let cells = [
                offer.organisationName ?? "—", w.service(offer.kind, in: services),
                w.country(offer.country) + (offer.area.isEmpty ? "" : " · " + offer.area),
                whom.isEmpty ? w("directory.anyone") : whom.joined(separator: ", "),
                w("directory.free", ["available": w.number(offer.available), "capacity": w.number(offer.capacity)]),
                offer.languages.map { w.locale.localizedString(forLanguageCode: $0) ?? $0 }.joined(separator: ", "),
                offer.hours, offer.contact, ReferralPanel.day(offer.lastChecked, w),
            ]
            let own = canAdd && organisation != nil && offer.organisationID == organisation
            return Row(
                cells: cells,
                update: own
                    ? offer.id.map { ("/services/\($0)/places", String(offer.available), String(offer.capacity)) }
                    : nil)
        }
        none = w("directory.none")
        export = (w("directory.export"), "/services/export.csv" + (query.isEmpty ? "" : "?" + query))
        add =
            canAdd
            ? AddForm(
                legend: w("directory.add"), button: w("directory.addButton"),
                kinds: kinds.map {
                    Choice(value: $0.value, label: $0.label, selected: false)
                }, countries: w.countryChoices(),
                labels: Dictionary(
                    uniqueKeysWithValues: [
                        "kind", "country", "area", "capacity", "available", "languages", "hours",
                        "contact", "lastChecked", "forWhom",
                    ].map { ($0, w("input.\($0)")) }),
                whom: ServiceOffer.sexes.map { Checkbox(name: "forSexes", value: $0, label: w("sex.\($0)")) }
                    + AgeGroup.allCases.map {
                        Checkbox(name: "forAges", value: $0.rawValue, label: w("age.\($0.rawValue)"))
                    },
                today: CaseTasks.today()) : nil
        self.csrf = csrf
    }

    var view: DirectoryView.Content { DirectoryView.render(self) }
}
