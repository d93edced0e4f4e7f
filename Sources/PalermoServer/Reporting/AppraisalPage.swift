import Foundation
import PalermoCore
import PalermoReport
import PalermoStore
import Plot

/// `/appraisal`: a round's appraisal. States speak for themselves: they are listed by name, with what they
/// reported and its source, and nothing is scored or ranked.
struct AppraisalPage {
    let title: String
    let intro: String
    let roundLabel: String
    let rounds: [Choice]
    let show: String
    let rate: String?
    /// Each table with the columns that hold names as typed (plan titles, indicators), kept from page translators.
    let sections:
        [(id: String, heading: String, columns: [String], verbatim: Set<Int>, rows: [[String]], empty: String)]
    let gapsHeading: String
    let gaps: [(label: String, href: String)]
    let noGaps: String
    let export: (label: String, href: String)?
    let report: (label: String, href: String)?
    let trendsHeading: String
    /// One chart per indicator (by name and unit), a line per State, over the rounds' years.
    let trendCharts: [(caption: String, chart: Node<HTML.BodyContext>)]

    init(_ w: Wording, rounds: [RoundRecord], appraisal: PlanAppraisal?, trends: [IndicatorTrend] = []) {
        title = w("appraisal.title")
        intro = w("appraisal.intro")
        roundLabel = w("appraisal.round")
        self.rounds = rounds.map {
            Choice(
                value: $0.id.uuidString,
                label: $0.round.title + " (" + ReferralPanel.day($0.round.from, w) + " – "
                    + ReferralPanel.day($0.round.to, w) + ")", selected: $0.id == appraisal?.round.id, verbatim: true)
        }
        show = w("appraisal.show")
        gapsHeading = w("appraisal.gaps")
        noGaps = w("appraisal.noGaps")
        trendsHeading = w("appraisal.trends")
        let byIndicator = Dictionary(grouping: trends) { [$0.name, $0.unit] }
        trendCharts = byIndicator.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { key in
            let caption = key.joined(separator: " · ")
            let series = (byIndicator[key] ?? []).map { trend in
                SVGChart.Series(
                    name: w.country(trend.country), points: trend.points.map { ($0.year, $0.value, $0.value, false) })
            }
            return (caption, SVGChart.lines(series, title: caption, wording: w))
        }
        guard let appraisal else {
            rate = nil
            sections = []
            gaps = []
            export = nil
            report = nil
            return
        }
        rate = w(
            "appraisal.rate",
            [
                "reported": w.number(appraisal.states.filter(\.reported).count),
                "states": w.number(appraisal.states.count),
            ])
        func value(_ number: Double?) -> String { number.map(w.amount) ?? "—" }
        let covered = appraisal.coverage.filter { $0.plans > 0 }
        let regions = appraisal.regions.map {
            [w.region($0.region), w.number($0.states), w.number($0.reported)]
        }
        sections = [
            (
                "appraisal-states", w("appraisal.states"),
                ["plans.country", "plans.planTitle", "appraisal.reported"].map { w($0) }, [1],
                appraisal.states.map {
                    [w.country($0.country), $0.planTitle, w($0.reported ? "appraisal.yes" : "appraisal.no")]
                }, w("appraisal.noStates")
            ),
            (
                "appraisal-regions", w("appraisal.regions"),
                ["appraisal.region", "appraisal.statesWithPlan", "appraisal.reported"].map { w($0) }, [], regions,
                w("appraisal.noStates")
            ),
            (
                "appraisal-coverage", w("appraisal.coverage"),
                ["appraisal.paragraph", "appraisal.plans", "appraisal.measures", "appraisal.measuresReported"]
                    .map { w($0) }, [],
                covered.map {
                    [
                        w("plans.paragraph", ["n": $0.paragraph]), w.number($0.plans), w.number($0.measures),
                        w.number($0.reported),
                    ]
                },
                w("appraisal.noCoverage")
            ),
            (
                "appraisal-indicators", w("appraisal.indicators"),
                [
                    "plans.country", "plans.indicator", "plans.unit", "plans.baseline", "plans.target",
                    "appraisal.value", "appraisal.source",
                ].map { w($0) }, [1, 2],
                appraisal.indicators.map { row in
                    [
                        w.country(row.country), row.name, row.unit, value(row.baseline), value(row.target),
                        value(row.value),
                        row.computed ? w("appraisal.computed") : (row.source ?? w("appraisal.notReported")),
                    ]
                }, w("appraisal.noIndicators")
            ),
            (
                "appraisal-follow-up", w("appraisal.followUp"),
                ["plans.country", "rounds.recommendation", "report.progress", "report.note"].map { w($0) }, [1, 3],
                appraisal.followUp.map {
                    [
                        w.country($0.country), $0.text,
                        $0.progress.map { w("report.follow.\($0.rawValue)") } ?? w("appraisal.notReported"),
                        $0.note ?? "",
                    ]
                }, w("appraisal.noFollowUp")
            ),
            (
                "appraisal-budgets", w("appraisal.budgets"),
                ["plans.country", "plans.budget", "appraisal.spent"].map { w($0) }, [],
                appraisal.budgets.map {
                    [
                        w.country($0.country), w.money($0.budget, currency: $0.currency),
                        w.money($0.spent, currency: $0.currency),
                    ]
                }, w("appraisal.noBudgets")
            ),
        ]
        gaps = appraisal.gaps.map { (w("plans.paragraph", ["n": $0]), "/plan#p\($0)") }
        export = (w("appraisal.export"), "/appraisal/indicators.csv?round=\(appraisal.round.id)")
        report = (w("appraisal.document"), "/appraisal/report.html?round=\(appraisal.round.id)")
    }

    var view: Node<HTML.BodyContext> {
        .group(
            .h1(.words(title)),
            .p(.words(intro)),
            FormMarkup.form(
                method: "get", action: "/appraisal", .class("filters"),
                .div(FormMarkup.labelledSelect(name: "round", label: roundLabel, choices: rounds, empty: nil)),
                .div(FormMarkup.button(show))),
            findings,
            .forEach([export, report].compactMap { $0 }) { .p(.a(.attr("href", $0.href), .words($0.label))) })
    }

    /// What the appraisal found: the page's body, and the whole of the downloadable report.
    var findings: Node<HTML.BodyContext> {
        .group(
            .unwrap(rate) { .p(.strong(.id("appraisal-rate"), .words($0))) },
            .forEach(sections) { section in
                .section(
                    .attr("id", section.id),
                    .h2(.words(section.heading)),
                    section.rows.isEmpty
                        ? .p(.words(section.empty))
                        : ReferralPanelView.table(
                            "", section.columns,
                            section.rows.map { row in
                                .tr(
                                    .forEach(Array(row.enumerated())) { column, text in
                                        .td(
                                            section.verbatim.contains(column) ? .attr("translate", "no") : .empty,
                                            .words(text))
                                    })
                            }))
            },
            .if(
                rate != nil,
                .section(
                    .id("appraisal-gaps"),
                    .h2(.words(gapsHeading)),
                    gaps.isEmpty
                        ? .p(.words(noGaps))
                        : .p(
                            .forEach(gaps) { gap in .group(.a(.attr("href", gap.href), .words(gap.label)), .text(" ")) }
                        )
                )),
            .if(
                !trendCharts.isEmpty,
                .section(
                    .id("appraisal-trends"),
                    .h2(.words(trendsHeading)),
                    .forEach(trendCharts) { chart in
                        .div(
                            .class("trend"), .attr("translate", "no"), .h3(.words(chart.caption)), chart.chart)
                    })))
    }
}
