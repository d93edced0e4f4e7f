import Foundation
import PalermoCore
import PalermoReport
import PalermoStore
import Plot

/// Counts of cases by each dimension, with a share bar, for supervisors and the aggregate roles.
struct CaseStatisticsPage {
    struct Row { let label: String; let count: String; let share: String; let width: Double }
    struct Table { let dimension: String; let heading: String; let meta: String; let download: String; let rows: [Row] }

    let title: String
    /// Across organisations: how counts are protected, and the choice between withholding and rounding.
    let protectionNote: String?
    let methodLabel: String
    let methods: [Choice]
    let showLabel: String
    let downloadLabel: String
    let columns: [String]
    let tables: [Table]
    /// For analysts and coordinators: where the counts can be published with small ones protected.
    let publishLink: String?

    init(
        _ w: Wording, breakdowns: [CaseStatistics.Breakdown], protection: CaseStatistics.Protection,
        publishes: Bool = false
    ) {
        title = w("stats.title")
        publishLink = publishes ? w("stats.publish") : nil
        let protected = breakdowns.first { $0.disclosure != "exact" }
        protectionNote = protected.flatMap { b in
            b.threshold.map {
                w(b.disclosure == "rounded" ? "stats.roundingNote" : "stats.suppressionNote", ["n": w.number($0)])
            }
        }
        methodLabel = w("stats.method")
        methods =
            protected == nil
            ? []
            : CaseStatistics.Protection.allCases.map {
                Choice(value: $0.rawValue, label: w("stats.method.\($0.rawValue)"), selected: $0 == protection)
            }
        showLabel = w("patterns.show")
        let method = protection == .rounding ? "&method=rounding" : ""
        downloadLabel = w("stats.download")
        columns = ["stats.category", "stats.count", "stats.share"].map { w($0) }
        tables = breakdowns.map { breakdown in
            let total =
                breakdown.total.map { w.number($0) } ?? w("stats.fewer", ["n": w.number(breakdown.threshold ?? 5)])
            return Table(
                dimension: breakdown.dimension, heading: w("dimension.\(breakdown.dimension)"),
                meta: w("stats.total", ["n": total]) + " · "
                    + w("stats.scope", ["scope": Self.scope(breakdown.scope, w)]),
                download: "/stats/download?by=\(breakdown.dimension)" + method,
                rows: breakdown.cells.map { cell in
                    let label = Self.category(breakdown.dimension, cell.category, w)
                    guard let count = cell.count, let total = breakdown.total else {
                        return Row(label: label, count: w("stats.withheld"), share: "", width: 0)
                    }
                    let share = total > 0 ? Double(count) / Double(total) : 0
                    return Row(label: label, count: w.number(count), share: w.percent(share), width: share * 100)
                })
        }
    }

    /// The store names the scope in English for the API; the page says it in the reader's language.
    static func scope(_ scope: String, _ w: Wording) -> String {
        if scope == "all organisations" { return w("stats.scope.all") }
        if scope.hasPrefix("organisations in ") {
            return w("stats.scope.country", ["country": w.country(String(scope.dropFirst(17)))])
        }
        return w("stats.scope.own")
    }

    static func category(_ dimension: String, _ code: String, _ w: Wording) -> String {
        // The store counts cases without a value under "unknown".
        if code == "unknown" { return w("glotip.Unknown") }
        return switch dimension {
        case "status": w.picklist("status", code)
        case "traffickingStatus": w.picklist("traffickingstatus", code)
        case "gender": w.picklist("gender", code)
        case "exploitation": w.picklist("typeofexploitation", code)
        case "ageGroup": AgeGroup(rawValue: code).map { w("age.\($0.rawValue)") } ?? code
        case "citizenship", "countryOfExploitation": w.country(code)
        case "region": w.region(code)
        default: code
        }
    }

    var view: Node<HTML.BodyContext> {
        .group(
            .h1(.words(title)),
            .unwrap(protectionNote) { .p(.class("meta"), .words($0)) },
            .unwrap(publishLink) { .p(.a(.attr("href", "/publish"), .words($0))) },
            .if(
                !methods.isEmpty,
                FormMarkup.form(
                    method: "get", action: "/stats", .class("filters"),
                    FormMarkup.labelledSelect(name: "method", label: methodLabel, choices: methods, empty: nil),
                    FormMarkup.button(showLabel))),
            .forEach(tables) { table in
                .section(
                    .h2(.words(table.heading)),
                    .p(
                        .class("meta"), .words(table.meta + " · "),
                        .a(.attr("href", table.download), .attr("download", ""), .words(downloadLabel))),
                    .div(
                        .class("table-wrap"),
                        .table(
                            .thead(
                                .tr(
                                    .forEach(columns) { .th(.attr("scope", "col"), .words($0)) },
                                    .td(.attr("aria-hidden", "true")))),
                            .tbody(
                                .forEach(table.rows) { row in
                                    .tr(
                                        .th(.attr("scope", "row"), .words(row.label)),
                                        .td(.class("num"), .words(row.count)),
                                        .td(.class("num"), .words(row.share)),
                                        .td(
                                            .attr("aria-hidden", "true"),
                                            SVGMarkup.svg(
                                                width: 100, height: 10, title: row.share, className: "bar",
                                                [
                                                    SVGMarkup.rect(x: 0, y: 0, width: row.width, height: 10)
                                                ])))
                                })
                        ))
                )
            })
    }
}
