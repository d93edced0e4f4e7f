import Foundation
import PalermoReport
import Plot

/// A home page: panels of what needs the reader's attention, each a heading, a few lines, perhaps a table.
struct HomePage {
    /// `asTyped`: a person's name or staff's words, shown as typed and marked so that no translation tool
    /// changes them.
    struct Cell {
        let text: String
        let href: String?
        var asTyped = false
    }
    struct Table { let caption: String; let columns: [String]; let rows: [[Cell]]; let highlighted: [Bool] }
    struct Panel {
        let id: String
        let heading: String
        let lines: [Cell]
        let table: Table?
        let empty: String?
    }

    let title: String
    let greeting: String
    let panels: [Panel]

    var view: Node<HTML.BodyContext> {
        .group(
            .h1(.words(title)),
            .p(.class("meta"), .words(greeting)),
            .div(
                .class("dashboard"),
                .forEach(panels) { panel in
                    .section(
                        .attr("id", panel.id), .class("panel"),
                        .h2(.words(panel.heading)),
                        .forEach(panel.lines) { line in .p(Self.cell(line)) },
                        .unwrap(panel.table) { table in
                            table.rows.isEmpty
                                ? .p(.words(panel.empty ?? ""))
                                : .div(
                                    .class("table-wrap"),
                                    .table(
                                        .caption(.class("sr-only"), .words(table.caption)),
                                        .thead(.tr(.forEach(table.columns) { .th(.attr("scope", "col"), .words($0)) })),
                                        .tbody(
                                            .forEach(Array(zip(table.rows, table.highlighted))) { row, highlighted in
                                                .tr(
                                                    .attr("class", highlighted ? "overdue" : ""),
                                                    .forEach(row) { cell in
                                                        .td(
                                                            .if(cell.asTyped, .attr("translate", "no")), Self.cell(cell)
                                                        )
                                                    })
                                            })))
                        })
                })
        )
    }

    static func cell(_ cell: Cell) -> Node<HTML.BodyContext> {
        .unwrap(cell.href, { .a(.attr("href", $0), .words(cell.text)) }, else: .words(cell.text))
    }
}
