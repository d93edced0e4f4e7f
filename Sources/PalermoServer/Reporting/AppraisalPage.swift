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

    init(_ w: Wording, rounds: [RoundRecord], appraisal: PlanAppraisal?) {
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
        guard let appraisal else {
            rate = nil
            sections = []
            gaps = []
            export = nil
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
        sections = [
            (
                "appraisal-states", w("appraisal.states"),
                ["plans.country", "plans.planTitle", "appraisal.reported"].map { w($0) }, [1],
                appraisal.states.map {
                    [w.country($0.country), $0.planTitle, w($0.reported ? "appraisal.yes" : "appraisal.no")]
                }, w("appraisal.noStates")
            ),
            (
                "appraisal-coverage", w("appraisal.coverage"),
                ["appraisal.paragraph", "appraisal.plans"].map { w($0) }, [],
                covered.map { [w("plans.paragraph", ["n": $0.paragraph]), w.number($0.plans)] },
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
    }

    var view: Node<HTML.BodyContext> {
        .group(
            .h1(.words(title)),
            .p(.words(intro)),
            FormMarkup.form(
                method: "get", action: "/appraisal", .class("filters"),
                .div(FormMarkup.labelledSelect(name: "round", label: roundLabel, choices: rounds, empty: nil)),
                .div(FormMarkup.button(show))),
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
            .unwrap(export) { .p(.a(.attr("href", $0.href), .words($0.label))) })
    }
}
