import Foundation
import PalermoCore
import PalermoReport
import Plot
import Vapor

/// The list of cases: search, filters, whose cases, sorting by column, page size; for supervisors, boxes
/// to give many cases to one person at once.
struct CaseListPage {
    struct Filter { let name: String; let label: String; let choices: [Choice] }
    /// The name is shown as typed (marked so that no translation tool changes it); the cells are localised.
    struct Row {
        let id: String
        let href: String
        let code: String
        let selectLabel: String
        let name: String
        let cells: [String]
    }
    struct Column { let label: String; let href: String?; let sorted: String? }
    struct Assigning { let label: String; let ownerLabel: String; let owners: [Choice]; let button: String }

    let title: String
    let newCaseLabel: String
    let notice: String?
    let searchLabel: String
    let searchText: String
    let searchButton: String
    let anyLabel: String
    let filters: [Filter]
    let countText: String
    let emptyText: String
    let codeColumn: Column
    let columns: [Column]
    let rows: [Row]
    let pagesLabel: String
    let pageText: String
    let previous: (href: String, label: String)?
    let next: (href: String, label: String)?
    let exports: (label: String, csv: String, xlsx: String, importLabel: String)?
    let assigning: Assigning?
    let csrf: String

    init(_ w: Wording, page: CasePage, query: CaseQuery, context: CaseListContext) {
        title = w("cases.title")
        newCaseLabel = w("case.new")
        notice = context.notice
        searchLabel = w("cases.search")
        searchText = query.text ?? ""
        searchButton = w("cases.searchButton")
        anyLabel = w("cases.any")
        let owners =
            [
                Choice(value: "me", label: w("cases.mine"), selected: context.ownerParameter == "me"),
                Choice(
                    value: "unassigned", label: w("cases.unassigned"),
                    selected: context.ownerParameter == "unassigned"),
            ]
            + context.staff.map {
                Choice(value: $0.id.uuidString, label: $0.name, selected: context.ownerParameter == $0.id.uuidString)
            }
        filters = [
            Filter(name: "owner", label: w("cases.owner"), choices: owners),
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
            Filter(
                name: "perPage", label: w("cases.perPage"),
                choices: [10, 25, 50, 100].map {
                    Choice(value: String($0), label: w.number($0), selected: $0 == query.perPage)
                }),
        ]
        countText = w("cases.count", ["n": w.number(page.total)])
        emptyText = w("cases.none")
        let links = CaseListLinks(query: query, ownerParameter: context.ownerParameter)
        func column(_ key: String, _ sort: CaseQuery.Sort?) -> Column {
            guard let sort else { return Column(label: w(key), href: nil, sorted: nil) }
            let current = query.sort == sort
            return Column(
                label: w(key), href: links.href(sort: sort, descending: current ? !query.descending : sort == .updated),
                sorted: current ? (query.descending ? "descending" : "ascending") : nil)
        }
        codeColumn = column("cases.code", .code)
        columns = [
            column("cases.name", nil), column("cases.age", nil), column("cases.owner", .owner),
            column("cases.status", .status), column("cases.traffickingStatus", nil), column("cases.gender", nil),
            column("cases.citizenship", nil), column("cases.exploitation", nil),
            column("cases.identified", .identified), column("cases.updated", .updated),
        ]
        rows = page.items.map { item in
            Row(
                id: item.id.uuidString, href: "/cases/\(item.id)", code: item.caseCode,
                selectLabel: w("cases.select", ["code": item.caseCode]), name: item.name ?? "—",
                cells: [
                    item.age.map { w.number($0) } ?? item.ageGroup.map { w("age.\($0)") } ?? "—",
                    item.ownerName ?? w("cases.unassigned"),
                    item.status.map { w.picklist("status", $0) } ?? "—",
                    item.traffickingStatus.map { w.picklist("traffickingstatus", $0) } ?? "—",
                    item.gender.map { w.picklist("gender", $0) } ?? "—",
                    item.citizenship.map(w.country) ?? "—",
                    item.exploitation.map { w.picklist("typeofexploitation", $0) }.joined(separator: ", "),
                    item.identifiedOn.flatMap(CaseValidator.parseDate).map(w.date) ?? "—",
                    item.updatedAt.map(w.date) ?? "",
                ])
        }
        let perPage = max(page.perPage, 1)
        let pages = max(1, page.total / perPage + (page.total % perPage == 0 ? 0 : 1))
        pagesLabel = w("cases.pages")
        pageText = w("cases.page", ["page": w.number(page.page), "pages": w.number(pages)])
        previous = page.page > 1 ? (links.href(page: page.page - 1), w("cases.previous")) : nil
        next = page.page < pages ? (links.href(page: page.page + 1), w("cases.next")) : nil
        exports =
            context.canMoveInBulk
            ? (
                w("cases.export"), links.href(path: "/cases/export.csv"), links.href(path: "/cases/export.xlsx"),
                w("import.title")
            ) : nil
        assigning =
            context.canAssign && !rows.isEmpty
            ? Assigning(
                label: w("cases.assignSelected"), ownerLabel: w("cases.assignTo"),
                owners: [Choice(value: "", label: w("cases.unassigned"), selected: false)]
                    + context.staff.map { Choice(value: $0.id.uuidString, label: $0.name, selected: false) },
                button: w("cases.assignButton")) : nil
        csrf = context.csrf
    }

    var view: Node<HTML.BodyContext> { CaseListView.render(self) }
}

/// What the list page needs besides the cases: the reader's powers and the organisation's staff.
struct CaseListContext {
    let ownerParameter: String?
    let staff: [(id: UUID, name: String)]
    let canMoveInBulk: Bool
    let canAssign: Bool
    let csrf: String
    let notice: String?
}
