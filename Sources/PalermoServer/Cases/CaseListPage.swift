import Foundation
import PalermoCore
import PalermoReport
import Plot
import Vapor

/// The list of cases with its search and filters.
struct CaseListPage {
    struct Filter { let name: String; let label: String; let choices: [Choice] }
    struct Row { let href: String; let code: String; let cells: [String] }

    let title: String
    let newCaseLabel: String
    let searchLabel: String
    let searchText: String
    let searchButton: String
    let anyLabel: String
    let filters: [Filter]
    let countText: String
    let emptyText: String
    let columns: [String]
    let rows: [Row]
    let pagesLabel: String
    let pageText: String
    let previous: (href: String, label: String)?
    let next: (href: String, label: String)?
    let exports: (label: String, csv: String, xlsx: String)?

    init(_ w: Wording, page: CasePage, query: CaseQuery, canExport: Bool) {
        title = w("cases.title")
        newCaseLabel = w("case.new")
        searchLabel = w("cases.search")
        searchText = query.text ?? ""
        searchButton = w("cases.searchButton")
        anyLabel = w("cases.any")
        filters = [
            Filter(
                name: "status", label: w("cases.status"), choices: w.choices("status", selected: [query.status ?? ""])),
            Filter(
                name: "traffickingStatus", label: w("cases.traffickingStatus"),
                choices: w.choices("traffickingstatus", selected: [query.traffickingStatus ?? ""])),
            Filter(
                name: "exploitation", label: w("cases.exploitation"),
                choices: w.choices("typeofexploitation", selected: [query.exploitation ?? ""])),
            Filter(
                name: "gender", label: w("cases.gender"), choices: w.choices("gender", selected: [query.gender ?? ""])),
            Filter(
                name: "ageGroup", label: w("cases.ageGroup"),
                choices: AgeGroup.allCases.map {
                    Choice(value: $0.rawValue, label: w("age.\($0.rawValue)"), selected: $0.rawValue == query.ageGroup)
                }),
        ]
        countText = w("cases.count", ["n": w.number(page.total)])
        emptyText = w("cases.none")
        columns = [
            "cases.code", "cases.status", "cases.traffickingStatus", "cases.gender", "cases.ageGroup",
            "cases.citizenship", "cases.exploitation", "cases.updated",
        ].map { w($0) }
        rows = page.items.map { item in
            Row(
                href: "/cases/\(item.id)", code: item.caseCode,
                cells: [
                    item.status.map { w.picklist("status", $0) } ?? "—",
                    item.traffickingStatus.map { w.picklist("traffickingstatus", $0) } ?? "—",
                    item.gender.map { w.picklist("gender", $0) } ?? "—",
                    item.ageGroup.map { w("age.\($0)") } ?? "—",
                    item.citizenship.map(w.country) ?? "—",
                    item.exploitation.map { w.picklist("typeofexploitation", $0) }.joined(separator: ", "),
                    item.updatedAt.map(w.date) ?? "",
                ])
        }
        let pages = max(1, page.total / max(page.perPage, 1) + (page.total % max(page.perPage, 1) == 0 ? 0 : 1))
        pagesLabel = w("cases.pages")
        pageText = w("cases.page", ["page": w.number(page.page), "pages": w.number(pages)])
        func link(_ number: Int) -> String {
            var components = URLComponents()
            components.path = "/cases"
            components.queryItems = [
                ("q", query.text), ("status", query.status), ("traffickingStatus", query.traffickingStatus),
                ("exploitation", query.exploitation), ("gender", query.gender), ("ageGroup", query.ageGroup),
                ("page", String(number)),
            ]
            .compactMap { pair in pair.1.map { URLQueryItem(name: pair.0, value: $0) } }
            return components.string ?? "/cases"
        }
        previous = page.page > 1 ? (link(page.page - 1), w("cases.previous")) : nil
        next = page.page < pages ? (link(page.page + 1), w("cases.next")) : nil
        exports = canExport ? (w("cases.export"), "/cases/export.csv", "/cases/export.xlsx") : nil
    }

    var view: Node<HTML.BodyContext> {
        .group(
            .h1(.words(title)),
            .p(.a(.class("button"), .attr("href", "/cases/new"), .words(newCaseLabel))),
            FormMarkup.form(
                method: "get", action: "/cases", .class("filters"), .attr("role", "search"),
                .div(
                    .class("grow"),
                    FormMarkup.label(
                        .words(searchLabel + " "),
                        FormMarkup.input([.attr("type", "search"), .attr("name", "q"), .attr("value", searchText)]))),
                .forEach(filters) { filter in
                    .div(
                        FormMarkup.labelledSelect(
                            name: filter.name, label: filter.label, choices: filter.choices, empty: anyLabel))
                },
                .div(FormMarkup.button(searchButton))
            ),
            .p(.attr("role", "status"), .words(countText)),
            rows.isEmpty
                ? .p(.words(emptyText))
                : .div(
                    .class("table-wrap"),
                    .table(
                        .id("case-list"),
                        .thead(.tr(.forEach(columns) { .th(.attr("scope", "col"), .words($0)) })),
                        .tbody(
                            .forEach(rows) { row in
                                .tr(
                                    .th(.attr("scope", "row"), .a(.attr("href", row.href), .words(row.code))),
                                    .forEach(row.cells) { .td(.words($0)) })
                            })
                    )),
            .nav(
                .class("pager"), .attr("aria-label", pagesLabel),
                .unwrap(previous) { .a(.attr("href", $0.href), .attr("rel", "prev"), .words($0.label)) },
                .span(.words(pageText)),
                .unwrap(next) { .a(.attr("href", $0.href), .attr("rel", "next"), .words($0.label)) }),
            .unwrap(exports) { exports in
                .p(
                    .class("actions"), .words(exports.label + ": "), .a(.attr("href", exports.csv), .text("CSV")),
                    .text(" · "), .a(.attr("href", exports.xlsx), .text("XLSX")))
            }
        )
    }
}
