import Foundation
import PalermoCore
import PalermoReport
import Plot

/// One choice of a select or a group of checkboxes, already in the reader's language.
struct Choice {
    let value: String
    let label: String
    let selected: Bool
}

extension Wording {
    /// The entries of an HTCDS picklist, labelled in this language.
    func choices(_ list: String, selected: Set<String>) -> [Choice] {
        Picklists.named(list).entries.map {
            Choice(value: $0.code, label: picklist(list, $0.code), selected: selected.contains($0.code))
        }
    }

    /// Every country, by its name in this language, in this language's order.
    func countryChoices(selected: String?) -> [Choice] {
        Countries.all.map { Choice(value: $0.alpha3, label: country($0.alpha3), selected: $0.alpha3 == selected) }
            .sorted { $0.label.compare($1.label, locale: locale) == .orderedAscending }
    }
}
