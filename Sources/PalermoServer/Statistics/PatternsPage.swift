import Foundation
import PalermoCore
import PalermoReport
import PalermoStats
import Plot

/// The patterns-and-flows report with its filters, in the reader's language.
struct PatternsPage {
    let title: String
    let sourceLabel: String
    let sources: [Choice]
    let regionLabel: String
    let regions: [Choice]
    let worldLabel: String
    let fromLabel: String
    let toLabel: String
    let from: String
    let to: String
    let showLabel: String
    let completeOnlyLabel: String
    let completeOnly: Bool
    let noDataset: String?
    let problem: String?
    let reportTitle: String?
    let report: Node<HTML.BodyContext>

    static let regionNames = ["Africa", "Americas", "Asia", "Europe", "Oceania"]

    init(
        _ w: Wording, query: StatisticsService.PatternsQuery?, datasets: [String], report: PatternsAndFlowsReport?,
        problem: String?, typed: [String: String] = [:]
    ) {
        title = w("patterns.title")
        sourceLabel = w("patterns.source")
        let chosen = query?.source ?? "GLOTIP"
        // A release is offered when it is the one asked for (its page links here), so that the filters keep it.
        let release = chosen.hasPrefix("release:") ? [chosen] : []
        sources = (datasets + ["cases"] + release).map {
            Choice(value: $0, label: Self.sourceLabel($0, w), selected: $0 == chosen)
        }
        regionLabel = w("patterns.region")
        regions = Self.regionNames.map { Choice(value: $0, label: w.region($0), selected: $0 == query?.region) }
        worldLabel = w("patterns.world")
        fromLabel = w("estimate.from")
        toLabel = w("estimate.to")
        // A refused query keeps what was typed.
        from = query.map { String($0.from) } ?? typed["from"] ?? ""
        to = query.map { String($0.to) } ?? typed["to"] ?? ""
        showLabel = w("patterns.show")
        completeOnlyLabel = w("patterns.completeOnly")
        completeOnly = query?.completeOnly ?? (typed["complete"] == "only")
        noDataset = datasets.isEmpty ? w("patterns.noDataset") : nil
        self.problem = problem
        if let report, let query {
            reportTitle = PatternsAndFlowsDocument.title(report, w)
            self.report = PatternsAndFlowsDocument.sections(report, wording: w) {
                "/stats/patterns/\($0).csv?\(query.queryString)"
            }
        } else {
            reportTitle = nil
            self.report = .empty
        }
    }

    /// A source named for people: "cases" and a coordinator's `national:KEN` are not shown as codes.
    static func sourceLabel(_ name: String, _ w: Wording) -> String {
        if name == "cases" { return w("patterns.fromCases") }
        if name.hasPrefix("release:") { return w("patterns.fromRelease") }
        if name.hasPrefix("national:") {
            return w("patterns.nationalSource", ["country": w.country(String(name.dropFirst("national:".count)))])
        }
        return name
    }

    var view: Node<HTML.BodyContext> {
        .div(
            .class("report"),
            .h1(.words(title)),
            FormMarkup.form(
                method: "get", action: "/stats/patterns", .class("filters"),
                .div(FormMarkup.labelledSelect(name: "source", label: sourceLabel, choices: sources, empty: nil)),
                .div(
                    FormMarkup.labelledSelect(name: "region", label: regionLabel, choices: regions, empty: worldLabel)),
                .div(FormMarkup.labelledNumber(name: "from", label: fromLabel, value: from, range: 2000...2100)),
                .div(FormMarkup.labelledNumber(name: "to", label: toLabel, value: to, range: 2000...2100)),
                .div(
                    FormMarkup.label(
                        .class("check"),
                        FormMarkup.input([
                            .attr("type", "checkbox"), .attr("name", "complete"), .attr("value", "only"),
                            .flag("checked", completeOnly),
                        ]),
                        .words(" " + completeOnlyLabel))),
                .div(FormMarkup.button(showLabel))
            ),
            .unwrap(noDataset) { .p(.words($0)) },
            .unwrap(problem) { .div(.class("alert"), .attr("role", "alert"), .words($0)) },
            .unwrap(reportTitle) { .h2(.words($0)) },
            report
        )
    }
}
