import Foundation
import PalermoCore
import PalermoReport
import PalermoStore
import Plot

/// `/practices`: published good practices, searched by words, paragraph, country and theme; the practices
/// waiting for review (the reviewer's) or not yet published (the organisation's); a form to submit one.
struct PracticesPage {
    struct Row {
        let href: String
        let title: String
        let cells: [String]
    }

    let title: String
    let intro: String
    let search: (legend: String, words: String, paragraph: String, country: String, theme: String, button: String)
    let query: (words: String, paragraph: [Choice], country: [Choice], theme: [Choice], any: String)
    let columns: [String]
    let found: [Row]
    let foundHeading: String
    let none: String
    let waitingHeading: String
    let waiting: [Row]
    let form: PracticeForm
    let csrf: String
    let problemsHeading: String
    let problems: [String]

    init(
        _ w: Wording, found: [PracticeRecord], waiting: [PracticeRecord], asked: PracticeQuery?, words: String,
        reviewer: Bool, form: PracticeForm, csrf: String, problems: [String]
    ) {
        title = w("practices.title")
        intro = w("practices.intro")
        search = (
            w("practices.search"), w("practices.words"), w("practices.paragraph"), w("practices.country"),
            w("practices.theme"), w("practices.find")
        )
        let paragraphs = (PlanOfAction.current?.paragraphs ?? []).filter(\.isLinkable).map {
            Choice(
                value: $0.number, label: w("plans.paragraph", ["n": $0.number]), selected: $0.number == asked?.paragraph
            )
        }
        query = (
            words, paragraphs, w.countryChoices(selected: asked?.country),
            PracticeForm.themes(w, selected: asked?.theme), w("practices.any")
        )
        columns = [
            "practices.practiceTitle", "practices.country", "practices.theme", "practices.paragraphs", "plans.status",
        ]
        .map { w($0) }
        func row(_ record: PracticeRecord) -> Row {
            let practice = record.practice
            return Row(
                href: "/practices/\(record.id)", title: practice.title,
                cells: [
                    w.country(practice.country), w("plan.section.\(practice.theme)"),
                    practice.paragraphs.map { w("plans.paragraph", ["n": $0]) }.joined(separator: ", "),
                    w("practices.status.\(record.status.rawValue)"),
                ])
        }
        self.found = found.map(row)
        foundHeading = w("practices.found", ["count": w.number(found.count)])
        none = w("practices.none")
        waitingHeading = w(reviewer ? "practices.waiting" : "practices.ours")
        self.waiting = waiting.map(row)
        self.form = form
        self.csrf = csrf
        problemsHeading = w("work.refused")
        self.problems = problems
    }

    var view: Node<HTML.BodyContext> {
        .group(
            .h1(.words(title)),
            .p(.words(intro)),
            FormMarkup.refused(problemsHeading, problems),
            FormMarkup.form(
                method: "get", action: "/practices", .class("filters"), .attr("role", "search"),
                .attr("aria-label", search.legend),
                .div(
                    FormMarkup.label(
                        .words(search.words + " "),
                        FormMarkup.input([
                            .attr("type", "search"), .attr("name", "q"), .attr("value", query.words),
                            .attr("maxlength", "500"),
                        ]))),
                .div(
                    FormMarkup.labelledSelect(
                        name: "paragraph", label: search.paragraph, choices: query.paragraph, empty: query.any)),
                .div(
                    FormMarkup.labelledSelect(
                        name: "country", label: search.country, choices: query.country, empty: query.any)),
                .div(
                    FormMarkup.labelledSelect(
                        name: "theme", label: search.theme, choices: query.theme, empty: query.any)),
                .div(FormMarkup.button(search.button))),
            .section(
                .id("practice-results"),
                .h2(.words(foundHeading)),
                found.isEmpty ? .p(.words(none)) : table("practice-list", found)),
            .if(
                !waiting.isEmpty,
                .section(
                    .id("practice-waiting"), .h2(.words(waitingHeading)), table("practice-waiting-list", waiting))),
            PracticeFormView.render(form, csrf: csrf))
    }

    func table(_ id: String, _ rows: [Row]) -> Node<HTML.BodyContext> {
        ReferralPanelView.table(
            id, columns,
            rows.map { row in
                .tr(
                    .td(.attr("translate", "no"), .a(.attr("href", row.href), .words(row.title))),
                    .forEach(row.cells) { .td(.words($0)) })
            })
    }
}

/// The submission form.
enum PracticeFormView {
    static func render(_ form: PracticeForm, csrf: String) -> Node<HTML.BodyContext> {
        FormMarkup.form(
            method: "post", action: "/practices", .class("stacked"), .id("practice-form"),
            FormMarkup.hidden("_csrf", csrf),
            FormMarkup.fieldset(
                FormMarkup.legend(.words(form.legend)),
                text("title", form, max: 300, required: true),
                long("summary", form, max: 5000, required: true),
                FormMarkup.labelledSelect(
                    name: "country", label: form.label("country"), choices: form.countries, empty: nil),
                FormMarkup.labelledSelect(name: "theme", label: form.label("theme"), choices: form.themes, empty: nil),
                text("paragraphs", form, max: 300, required: true),
                .p(.class("hint"), .words(form.hint)),
                long("results", form, max: 5000, required: true),
                long("evidence", form, max: 2000, required: false),
                text("contact", form, max: 300, required: true),
                FormMarkup.button(form.button)))
    }

    static func text(_ name: String, _ form: PracticeForm, max: Int, required: Bool) -> Node<HTML.BodyContext> {
        FormMarkup.label(
            .words(form.label(name) + " "),
            FormMarkup.input([
                .attr("type", "text"), .attr("name", name), .attr("value", form.values[name] ?? ""),
                .attr("maxlength", String(max)), .flag("required", required),
            ]))
    }

    static func long(_ name: String, _ form: PracticeForm, max: Int, required: Bool) -> Node<HTML.BodyContext> {
        FormMarkup.label(
            .words(form.label(name) + " "),
            FormMarkup.textarea(
                .attr("name", name), .attr("rows", "4"), .attr("translate", "no"), .attr("maxlength", String(max)),
                .flag("required", required), .words(form.values[name] ?? "")))
    }
}
