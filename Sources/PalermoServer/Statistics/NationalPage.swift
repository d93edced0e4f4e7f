import Foundation
import PalermoCore
import PalermoReport
import Plot

/// A country's figures for a year in GLOTIP's shape, and the criminal-justice counts its coordinator enters.
struct NationalPage {
    struct Entry { let name: String; let label: String; let value: String; let invalid: Bool }
    struct Problem { let href: String; let text: String }
    struct JusticeRow { let indicator: String; let entries: [Entry] }

    /// A count of records, or "fewer than 5" when it is withheld from the reader.
    static func count(_ count: Int, _ n: StatisticsService.National, _ w: Wording) -> String {
        n.fromCases.shown(count).map { w.number($0) }
            ?? w("stats.fewer", ["n": w.number(n.fromCases.threshold ?? count + 1)])
    }

    static let justiceIndicators: [Indicator] = [.formalContact, .prosecuted, .convicted, .offences]
    static let sexes: [Sex] = [.total, .female, .male]

    let title: String
    let yearLabel: String
    let year: Int
    let countryLabel: String
    let country: String
    let canEdit: Bool
    let showLabel: String
    let intro: String
    let exports: [(href: String, label: String)]
    let problem: String?
    let problems: [Problem]
    let justiceHeading: String
    let justiceColumns: [String]
    let justice: [JusticeRow]
    let saveLabel: String
    let csrf: String
    let figuresHeading: String
    let figureColumns: [String]
    let figures: [[String]]

    /// `entered` and `issues` come from a save that was refused: the values stay as typed, each problem beside
    /// its count and listed first.
    init(
        _ w: Wording, _ n: StatisticsService.National, canEdit: Bool, problem: String?, csrf: String,
        entered: [String: String] = [:], issues: [ValidationIssue] = []
    ) {
        title = w("national.heading", ["country": w.country(n.country.alpha3), "year": String(n.year)])
        yearLabel = w("national.year")
        year = n.year
        countryLabel = w("estimate.country")
        country = n.country.alpha3
        self.canEdit = canEdit
        showLabel = w("patterns.show")
        intro =
            w(
                "national.intro",
                ["cases": Self.count(n.fromCases.cases, n, w), "undated": Self.count(n.fromCases.undated, n, w)])
            + " " + w("national.merged", ["merged": Self.count(n.fromCases.merged, n, w)])
        let query = "country=\(n.country.alpha3)&year=\(n.year)"
        exports = [
            ("/stats/national/export.csv?\(query)", w("national.exportCSV")),
            ("/stats/national/export.xlsx?\(query)", w("national.exportXLSX")),
        ]
        self.problem = problem
        let text = ValidationText(w)
        problems = issues.map { issue in
            let label = Self.label(of: issue.field, w) ?? text.fieldLabel(issue.field)
            return Problem(href: "#" + issue.field, text: label + ": " + text.message(issue))
        }
        let refused = Set(issues.map(\.field))
        justiceHeading = w("national.justice")
        justiceColumns = [w("national.indicator")] + Self.sexes.map { w("glotip.\($0.rawValue)") }
        justice = Self.justiceIndicators.map { indicator in
            JusticeRow(
                indicator: w("glotip.\(indicator.rawValue)"),
                entries: Self.sexes.map { sex in
                    let value =
                        n.justice.first { $0.indicator == indicator && $0.sex == sex }.map { String($0.value.low) }
                        ?? ""
                    let name = Self.fieldName(indicator, sex)
                    return Entry(
                        name: name, label: Self.entryLabel(indicator, sex, w), value: entered[name] ?? value,
                        invalid: refused.contains(name))
                })
        }
        saveLabel = w("national.save")
        self.csrf = csrf
        figuresHeading = w("national.figures")
        figureColumns = [
            "national.indicator", "national.dimension", "national.category", "national.sex", "national.age",
            "national.value",
        ].map { w($0) }
        figures = n.sortedObservations.map { o in
            [
                w("glotip.\(o.indicator.rawValue)"), w("glotip.\(o.dimension.rawValue)"),
                o.categoryArea.map(w.country) ?? w.region(o.category), w("glotip.\(o.sex.rawValue)"),
                w("glotip.\(o.age.rawValue)"), w.count(o.value),
            ]
        }
    }

    static func fieldName(_ indicator: Indicator, _ sex: Sex) -> String {
        "\(indicator.slug)-\(sex.rawValue.lowercased())"
    }

    /// "Persons prosecuted — Female".
    static func entryLabel(_ indicator: Indicator, _ sex: Sex, _ w: Wording) -> String {
        w("glotip.\(indicator.rawValue)") + " — " + w("glotip.\(sex.rawValue)")
    }

    /// The label of the form field `prosecuted-female`, if it is one of the counts.
    static func label(of field: String, _ w: Wording) -> String? {
        for indicator in justiceIndicators {
            for sex in sexes where fieldName(indicator, sex) == field { return entryLabel(indicator, sex, w) }
        }
        return nil
    }

    var view: Node<HTML.BodyContext> {
        .group(
            .h1(.words(title)), filterForm, .p(.words(intro)), exportLinks,
            .unwrap(problem) {
                .div(
                    .class("alert"), .attr("role", "alert"), .attr("id", "problems"), .attr("tabindex", "-1"),
                    .words($0))
            },
            .if(
                !problems.isEmpty,
                .div(
                    .class("alert"), .attr("role", "alert"), .attr("id", "problems"), .attr("tabindex", "-1"),
                    .ul(.forEach(problems) { .li(.a(.attr("href", $0.href), .words($0.text))) }))),
            .h2(.words(justiceHeading)), justiceForm, .h2(.words(figuresHeading)), figureTable)
    }

    private var filterForm: Node<HTML.BodyContext> {
        let countryInput: Node<HTML.BodyContext> =
            canEdit
            ? FormMarkup.hidden("country", country)
            : .div(
                FormMarkup.label(
                    .words(countryLabel + " "),
                    FormMarkup.input([
                        .attr("name", "country"), .attr("value", country), .attr("size", "3"),
                        .attr("pattern", "[A-Za-z]{3}"),
                    ])))
        return FormMarkup.form(
            method: "get", action: "/stats/national", .class("filters"),
            .div(FormMarkup.labelledNumber(name: "year", label: yearLabel, value: String(year), range: 2000...2100)),
            countryInput, .div(FormMarkup.button(showLabel)))
    }

    private var exportLinks: Node<HTML.BodyContext> {
        .p(
            .forEach(exports.enumerated()) { index, link in
                .group(.if(index > 0, .text(" · ")), .a(.attr("href", link.href), .words(link.label)))
            })
    }

    private var justiceForm: Node<HTML.BodyContext> {
        let rows: [Node<HTML.TableContext>] = justice.map { row in
            .tr(
                .th(.attr("scope", "row"), .words(row.indicator)),
                .forEach(row.entries) { entry in
                    .td(
                        FormMarkup.input(
                            [
                                .attr("type", "number"), .attr("min", "0"), .attr("name", entry.name),
                                .attr("id", entry.name),
                                .attr("aria-label", entry.label), .attr("value", entry.value),
                                .flag("disabled", !canEdit),
                            ] + (entry.invalid ? [.attr("aria-invalid", "true")] : [])))
                })
        }
        return FormMarkup.form(
            method: "post", action: "/stats/national",
            FormMarkup.hidden("_csrf", csrf), FormMarkup.hidden("year", String(year)),
            .div(
                .class("table-wrap"),
                .table(
                    .thead(.tr(.forEach(justiceColumns) { .th(.attr("scope", "col"), .words($0)) })),
                    .tbody(.group(rows)))),
            .if(canEdit, FormMarkup.button(saveLabel)))
    }

    private var figureTable: Node<HTML.BodyContext> {
        .div(
            .class("table-wrap"),
            .table(
                .thead(.tr(.forEach(figureColumns) { .th(.attr("scope", "col"), .words($0)) })),
                .tbody(.forEach(figures) { row in .tr(.forEach(row) { .td(.words($0)) }) })
            ))
    }
}
