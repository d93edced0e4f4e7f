import Foundation
import PalermoCore
import PalermoReport
import Vapor

/// The analyst's page for the hidden figure: the form, the list-overlap table, the model, the interval,
/// what it means in plain words, and the bootstrap distribution.
enum EstimateViews {
    static func page(_ req: Request, countries: [String], outcome: EstimateService.Outcome?, problem: String?) -> Response {
        let t = req.localizer
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        let query = outcome?.query
        let options = countries.map { code in
            "<option value=\"\(code)\"\(code == query?.country ? " selected" : "")>\(esc(Countries.find(code)?.name ?? code)) (\(code))</option>"
        }.joined()
        var body = """
            <h1>\(esc(t("estimate.title")))</h1>
            <p>\(esc(t("estimate.intro")))</p>
            <form method="get" action="/stats/estimate" class="filters">
            <label>\(esc(t("estimate.country"))) <select name="country">\(options)</select></label>
            <label>\(esc(t("estimate.from"))) <input type="number" name="from" min="1990" max="\(year)" value="\(query?.from ?? year - 4)"></label>
            <label>\(esc(t("estimate.to"))) <input type="number" name="to" min="1990" max="\(year)" value="\(query?.to ?? year)"></label>
            <button type="submit">\(esc(t("estimate.run")))</button>
            </form>
            """
        if let problem { body += "<div class=\"alert\" role=\"alert\">\(esc(problem))</div>" }
        if let outcome { body += results(outcome, t) }
        return Layout.page(req, title: t("estimate.title"), body: body)
    }

    private static func results(_ outcome: EstimateService.Outcome, _ t: Localizer) -> String {
        let r = outcome.result, table = outcome.table
        let interval = Dictionary(uniqueKeysWithValues: r.intervals.map { ($0.percentile, $0.value) })
        let low = interval[0.025], high = interval[0.975]
        let hidden = r.estimate - Double(r.observed)
        let explanation = t("estimate.explanation", [
            "observed": String(r.observed), "lists": String(table.lists.count), "country": outcome.query.country,
            "from": String(outcome.query.from), "to": String(outcome.query.to), "estimate": String(format: "%.0f", r.estimate),
            "low": low.map { String(format: "%.0f", $0) } ?? "–", "high": high.map { String(format: "%.0f", $0) } ?? "–",
            "ratio": String(format: "%.1f", hidden / Double(max(r.observed, 1))),
        ])
        let header = table.lists.map { "<th scope=\"col\">\(esc($0))</th>" }.joined()
        let rows = zip(table.histories, table.counts).map { history, count in
            "<tr>" + table.lists.indices.map { history & (1 << $0) != 0 ? "<td>✓</td>" : "<td></td>" }.joined() + "<td class=\"num\">\(count)</td></tr>"
        }.joined()
        let percentiles = r.intervals.map { "<tr><th scope=\"row\">\(String(format: "%.1f", $0.percentile * 100)) %</th><td class=\"num\">\(String(format: "%.0f", $0.value))</td></tr>" }.joined()
        var marks: [(Double, String)] = [(r.estimate, t("estimate.point"))]
        if let low { marks.append((low, "2.5 %")) }
        if let high { marks.append((high, "97.5 %")) }
        return """
            <section aria-live="polite">
            <h2>\(esc(t("estimate.result")))</h2>
            <p class="big"><strong>\(String(format: "%.0f", r.estimate))</strong> \(esc(t("estimate.total")))\(low != nil ? " (95 %: \(String(format: "%.0f", low!))–\(String(format: "%.0f", high!)))" : "")</p>
            <p>\(esc(explanation))</p>
            <p class="meta">\(esc(t("estimate.model"))): \(esc(r.model.isEmpty ? t("estimate.mainEffects") : t("estimate.mainEffects") + " + " + r.model.joined(separator: " + ")))</p>
            \(r.warnings.map { "<p class=\"note\">⚠ \(esc($0))</p>" }.joined())
            <h2>\(esc(t("estimate.table")))</h2>
            <div class="table-wrap"><table><thead><tr>\(header)<th scope="col">\(esc(t("estimate.people")))</th></tr></thead><tbody>\(rows)</tbody></table></div>
            <h2>\(esc(t("estimate.interval")))</h2>
            <div class="table-wrap"><table class="narrow"><tbody>\(percentiles)</tbody></table></div>
            \(SVGChart.histogram(r.bootstrap, marks: marks, title: t("estimate.distribution")))
            <p class="meta">\(esc(t("estimate.method")))</p>
            </section>
            """
    }
}
