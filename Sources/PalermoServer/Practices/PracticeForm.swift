import Foundation
import PalermoCore
import PalermoReport

/// The form that submits a good practice, with what was typed kept when the form is refused.
struct PracticeForm {
    let legend: String
    let labels: [String: String]
    let countries: [Choice]
    let themes: [Choice]
    let values: [String: String]
    let button: String
    let hint: String

    static let textFields = ["title", "contact", "paragraphs"]
    static let longFields = ["summary", "results", "evidence"]

    init(_ w: Wording, values: [String: String], country: String) {
        legend = w("practices.new")
        labels = Dictionary(
            uniqueKeysWithValues: (Self.textFields + Self.longFields + ["country", "theme"]).map {
                ($0, w($0 == "title" ? "practices.practiceTitle" : "practices.\($0)"))
            })
        countries = w.countryChoices(selected: values["country"] ?? country)
        themes = PracticeForm.themes(w, selected: values["theme"])
        self.values = values
        button = w("practices.submit")
        hint = w("plans.paragraphsHint")
    }

    /// The Plan's headings as choices.
    static func themes(_ w: Wording, selected: String?) -> [Choice] {
        (PlanOfAction.current?.sections ?? []).map {
            Choice(value: $0.id, label: w("plan.section.\($0.id)"), selected: $0.id == selected)
        }
    }

    /// The practice a posted form describes; paragraphs split on spaces and commas.
    static func practice(_ form: [String: String]) -> GoodPractice {
        GoodPractice(
            title: form["title"] ?? "", summary: form["summary"] ?? "", country: form["country"] ?? "",
            theme: form["theme"] ?? "",
            paragraphs: (form["paragraphs"] ?? "").split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init),
            results: form["results"] ?? "", evidence: form["evidence"] ?? "", contact: form["contact"] ?? "")
    }

    func label(_ name: String) -> String { labels[name] ?? name }
}
