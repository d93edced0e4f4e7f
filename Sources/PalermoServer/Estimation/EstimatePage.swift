import Foundation
import PalermoCore
import PalermoReport
import PalermoStats
import Plot

/// The hidden figure: the form, the list-overlap table, the model, the interval, what it means in plain
/// words, and the bootstrap distribution.
struct EstimatePage {
    struct Result {
        let heading: String
        let estimate: String
        let totalLabel: String
        let interval: String?
        let explanation: String
        let model: String
        let warnings: [String]
        let tableHeading: String
        let lists: [String]
        let peopleLabel: String
        let rows: [(marks: [Bool], count: String)]
        let intervalHeading: String
        let limitHeaders: [String]
        let percentiles: [(percentile: String, value: String, error: String)]
        let chart: Node<HTML.BodyContext>
        let clipped: String?
        let method: String
        let monteCarloNote: String
        let downloadsLabel: String
        let downloads: [(label: String, href: String)]
    }

    let title: String
    let intro: String
    let countryLabel: String
    let countries: [Choice]
    let fromLabel: String
    let toLabel: String
    let from: String
    let to: String
    let thisYear: Int
    let runLabel: String
    let problem: String?
    let result: Result?

    init(
        _ w: Wording, countries codes: [String], outcome: EstimateService.Outcome?, problem: String?,
        typed: [String: String] = [:]
    ) {
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        let query = outcome?.query
        title = w("estimate.title")
        intro = w("estimate.intro")
        countryLabel = w("estimate.country")
        countries = w.countryChoices(codes, selected: query?.country)
        fromLabel = w("estimate.from")
        toLabel = w("estimate.to")
        // A refused query keeps what was typed.
        from = query.map { String($0.from) } ?? typed["from"] ?? String(year - 4)
        to = query.map { String($0.to) } ?? typed["to"] ?? String(year)
        thisYear = year
        runLabel = w("estimate.run")
        self.problem = problem
        result = outcome.map { Self.result($0, w) }
    }

    private static func result(_ outcome: EstimateService.Outcome, _ w: Wording) -> Result {
        let r = outcome.result, table = outcome.table
        let interval = Dictionary(r.intervals.map { ($0.percentile, $0.value) }, uniquingKeysWith: { a, _ in a })
        let low = interval[0.025], high = interval[0.975]
        let hidden = r.estimate - Double(r.observed)
        func whole(_ x: Double) -> String { x.isFinite && abs(x) < 1e15 ? w.number(Int(x.rounded())) : "–" }
        let explanation = w(
            "estimate.explanation",
            [
                "observed": w.number(r.observed), "lists": w.number(table.lists.count),
                "country": w.country(outcome.query.country),
                "from": String(outcome.query.from), "to": String(outcome.query.to), "estimate": whole(r.estimate),
                "low": low.map(whole) ?? "–", "high": high.map(whole) ?? "–",
                "ratio": w.decimal(hidden / Double(max(r.observed, 1))),
            ])
        var marks: [(value: Double, label: String)] = [(r.estimate, w("estimate.point"))]
        if let low { marks.append((low, w.percent(0.025))) }
        if let high { marks.append((high, w.percent(0.975))) }
        // The chart shows the replicates up to the 99.5th percentile (or a little past the upper limit): a few
        // far out would squeeze the rest into a bar or two.
        let sorted = r.bootstrap.filter(\.isFinite).sorted()
        let tail = sorted.isEmpty ? Double.infinity : sorted[min(sorted.count - 1, sorted.count * 995 / 1000)]
        let cap = max(tail, (high ?? r.estimate) * 1.1)
        let clipped = sorted.count - sorted.prefix { $0 <= cap }.count
        let model =
            r.model.isEmpty
            ? w("estimate.mainEffects") : ([w("estimate.mainEffects")] + r.model).joined(separator: " + ")
        return Result(
            heading: w("estimate.result"), estimate: whole(r.estimate), totalLabel: w("estimate.total"),
            interval: low.flatMap { low in
                high.map { w("estimate.interval95", ["low": whole(low), "high": whole($0)]) }
            },
            explanation: explanation, model: w("estimate.model") + ": " + model, warnings: r.warnings,
            tableHeading: w("estimate.table"), lists: table.lists, peopleLabel: w("estimate.people"),
            rows: zip(table.histories, table.counts).map { history, count in
                (table.lists.indices.map { history & (1 << $0) != 0 }, w.number(count))
            },
            intervalHeading: w("estimate.interval"),
            limitHeaders: [w("estimate.percentile"), w("estimate.limit"), w("estimate.mcError")],
            percentiles: r.intervals.map {
                (
                    w.percent($0.percentile), whole($0.value),
                    $0.monteCarloError.isFinite ? w.decimal($0.monteCarloError) : "–"
                )
            },
            chart: SVGChart.histogram(
                r.bootstrap, marks: marks, title: w("estimate.distribution"),
                axes: .init(x: w("estimate.axisValue"), y: w("estimate.axisCount")), wording: w, upTo: cap),
            clipped: clipped == 0 ? nil : w("estimate.clipped", ["n": w.number(clipped), "value": whole(cap)]),
            method: w("estimate.method", ["resamples": w.number(r.bootstrap.count)]),
            monteCarloNote: w("estimate.mcNote"), downloadsLabel: w("estimate.downloads"),
            downloads: downloads(outcome.query, w))
    }

    /// Links to the same estimate's parts as files (see `EstimatePagesController.download`).
    private static func downloads(_ query: EstimateService.Query, _ w: Wording) -> [(label: String, href: String)] {
        var components = URLComponents()
        components.queryItems = [
            URLQueryItem(name: "country", value: query.country), URLQueryItem(name: "from", value: String(query.from)),
            URLQueryItem(name: "to", value: String(query.to)),
            URLQueryItem(name: "bootstrap", value: String(query.resamples)),
            URLQueryItem(name: "seed", value: String(query.seed)),
        ]
        let parameters = components.percentEncodedQuery ?? ""
        return EstimateDownload.allCases.map { file in
            (w(file.labelKey), "/stats/estimate/\(file.rawValue)?\(parameters)")
        }
    }

    var view: Node<HTML.BodyContext> {
        .group(
            .h1(.words(title)),
            .p(.words(intro)),
            FormMarkup.form(
                method: "get", action: "/stats/estimate", .class("filters"),
                .div(FormMarkup.labelledSelect(name: "country", label: countryLabel, choices: countries, empty: nil)),
                .div(FormMarkup.labelledNumber(name: "from", label: fromLabel, value: from, range: 1990...thisYear)),
                .div(FormMarkup.labelledNumber(name: "to", label: toLabel, value: to, range: 1990...thisYear)),
                .div(FormMarkup.button(runLabel))
            ),
            .unwrap(problem) { .div(.class("alert"), .attr("role", "alert"), .words($0)) },
            .unwrap(result) { r in
                .section(
                    .attr("aria-live", "polite"),
                    .h2(.words(r.heading)),
                    .p(
                        .class("big"), .strong(.words(r.estimate)), .words(" " + r.totalLabel),
                        .unwrap(r.interval) { .words(" (\($0))") }),
                    .p(.words(r.explanation)),
                    .p(.class("meta"), .words(r.model)),
                    .forEach(r.warnings) { .p(.class("note"), .attr("lang", "en"), .words("⚠ " + $0)) },
                    .h2(.words(r.tableHeading)),
                    .div(
                        .class("table-wrap"),
                        .table(
                            .thead(
                                .tr(
                                    .forEach(r.lists) { .th(.attr("scope", "col"), .words($0)) },
                                    .th(.attr("scope", "col"), .words(r.peopleLabel)))),
                            .tbody(
                                .forEach(r.rows) { row in
                                    .tr(
                                        .forEach(row.marks) { .td(.words($0 ? "✓" : "")) },
                                        .td(.class("num"), .words(row.count)))
                                })
                        )),
                    .h2(.words(r.intervalHeading)),
                    .div(
                        .class("table-wrap"),
                        .table(
                            .class("narrow"),
                            .thead(.tr(.forEach(r.limitHeaders) { .th(.attr("scope", "col"), .words($0)) })),
                            .tbody(
                                .forEach(r.percentiles) { row in
                                    .tr(
                                        .th(.attr("scope", "row"), .words(row.percentile)),
                                        .td(.class("num"), .words(row.value)), .td(.class("num"), .words(row.error)))
                                }))),
                    .p(.class("meta"), .words(r.monteCarloNote)),
                    r.chart,
                    .unwrap(r.clipped) { .p(.class("meta"), .words($0)) },
                    .p(.class("meta"), .words(r.method)),
                    .p(
                        .class("downloads"), .words(r.downloadsLabel + ": "),
                        .forEach(Array(r.downloads.enumerated())) { index, link in
                            .group(
                                .if(index > 0, .words(" · ")),
                                .a(.attr("href", link.href), .words(link.label)))
                        })
                )
            }
        )
    }
}
