import Foundation
import PalermoCore
import PalermoReport
import Plot

/// One choice of a select or a group of checkboxes, already in the reader's language.
/// A checkbox of a form: what it sends when ticked, and how it reads.
struct Checkbox {
    let name: String
    let value: String
    let label: String
    var checked = false
}

struct Choice {
    let value: String
    let label: String
    let selected: Bool
    /// The label holds a name as someone typed it (a round's title): marked so that no page translator alters it.
    var verbatim = false
}

extension Wording {
    /// The entries of an HTCDS picklist, labelled in this language.
    func choices(_ list: String, selected: Set<String>) -> [Choice] {
        Picklists.named(list).entries.map {
            Choice(value: $0.code, label: picklist(list, $0.code), selected: selected.contains($0.code))
        }
    }

    /// Countries (every one, unless `codes` names some) by their names in this language, in this language's order.
    func countryChoices(_ codes: [String]? = nil, selected: String? = nil) -> [Choice] {
        (codes ?? Countries.all.map(\.alpha3)).map { Choice(value: $0, label: country($0), selected: $0 == selected) }
            .sorted { $0.label.compare($1.label, locale: locale) == .orderedAscending }
    }
}

extension [Choice] {
    /// The same choices with `value` the selected one.
    func selecting(_ value: String) -> [Choice] {
        map { Choice(value: $0.value, label: $0.label, selected: $0.value == value) }
    }
}
