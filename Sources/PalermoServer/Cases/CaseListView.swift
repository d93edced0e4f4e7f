import PalermoReport
import Plot

/// Lays out the case list. With assignment, the table sits in a form: a box per case, one owner for all.
enum CaseListView {
    typealias Content = Node<HTML.BodyContext>

    static func render(_ page: CaseListPage) -> Content {
        .group(
            .h1(.words(page.title)),
            .unwrap(page.notice) { .p(.class("notice"), .attr("role", "status"), .words($0)) },
            .p(
                .class("actions"), .a(.class("button"), .attr("href", "/cases/new"), .words(page.newCaseLabel)),
                .unwrap(page.exports) { exports in
                    .group(
                        .text(" "), .a(.class("button"), .attr("href", "/cases/import"), .words(exports.importLabel)))
                }),
            filters(page),
            .p(.attr("role", "status"), .words(page.countText)),
            page.rows.isEmpty ? .p(.words(page.emptyText)) : table(page),
            .nav(
                .class("pager"), .attr("aria-label", page.pagesLabel),
                .unwrap(page.previous) { .a(.attr("href", $0.href), .attr("rel", "prev"), .words($0.label)) },
                .span(.words(page.pageText)),
                .unwrap(page.next) { .a(.attr("href", $0.href), .attr("rel", "next"), .words($0.label)) }),
            .unwrap(page.exports) { exports in
                .p(
                    .class("actions"), .words(exports.label + ": "), .a(.attr("href", exports.csv), .text("CSV")),
                    .text(" · "), .a(.attr("href", exports.xlsx), .text("XLSX")))
            }
        )
    }

    static func filters(_ page: CaseListPage) -> Content {
        FormMarkup.form(
            method: "get", action: "/cases", .class("filters"), .attr("role", "search"),
            .div(
                .class("grow"),
                FormMarkup.label(
                    .words(page.searchLabel + " "),
                    FormMarkup.input([.attr("type", "search"), .attr("name", "q"), .attr("value", page.searchText)]))),
            .forEach(page.filters) { filter in
                .div(
                    FormMarkup.labelledSelect(
                        name: filter.name, label: filter.label, choices: filter.choices,
                        empty: filter.name == "perPage" ? nil : page.anyLabel))
            },
            .div(FormMarkup.button(page.searchButton))
        )
    }

    static func header(_ column: CaseListPage.Column) -> Node<HTML.TableRowContext> {
        .th(
            .attr("scope", "col"), .unwrap(column.sorted) { .attr("aria-sort", $0) },
            .unwrap(column.href, { .a(.attr("href", $0), .words(column.label)) }, else: .words(column.label)))
    }

    static func table(_ page: CaseListPage) -> Content {
        let selectable = page.assigning != nil
        let table: Content = .div(
            .class("table-wrap"),
            // The boxes of the rows are one group, named by what they are for.
            .unwrap(page.assigning) { .group(.attr("role", "group"), .attr("aria-label", $0.label)) },
            .table(
                .id("case-list"),
                .thead(
                    .tr(
                        .if(selectable, .td()), header(page.codeColumn),
                        .forEach(page.columns) { header($0) })),
                .tbody(
                    .forEach(page.rows) { row in
                        .tr(
                            .if(
                                selectable,
                                .td(
                                    FormMarkup.input([
                                        .attr("type", "checkbox"), .attr("name", "case"), .attr("value", row.id),
                                        .attr("aria-label", row.selectLabel),
                                    ]))),
                            .th(.attr("scope", "row"), .a(.attr("href", row.href), .words(row.code))),
                            .td(.attr("translate", "no"), .words(row.name)),
                            .forEach(row.cells) { .td(.words($0)) })
                    })
            ))
        guard let assigning = page.assigning else { return table }
        return FormMarkup.form(
            method: "post", action: "/cases/assign", .id("assign-form"),
            FormMarkup.hidden("_csrf", page.csrf),
            table,
            FormMarkup.fieldset(
                .class("bulk"), FormMarkup.legend(.words(assigning.label)),
                FormMarkup.labelledSelect(
                    name: "owner", label: assigning.ownerLabel, choices: assigning.owners, empty: nil),
                FormMarkup.button(assigning.button)))
    }
}
