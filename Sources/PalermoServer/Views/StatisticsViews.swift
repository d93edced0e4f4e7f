import Foundation
import PalermoCore
import PalermoReport
import PalermoStats
import Vapor

/// Pages for the GLOTIP statistics: the patterns-and-flows report with its filters, and a country's figures.
enum StatisticsViews {
    static let justiceIndicators: [Indicator] = [.formalContact, .prosecuted, .convicted, .offences]
    static let regions = ["Africa", "Americas", "Asia", "Europe", "Oceania"]

    static func patterns(_ req: Request, query: StatisticsService.PatternsQuery?, datasets: [String], report: PatternsAndFlowsReport?, problem: String?) -> Response {
        let t = req.localizer
        let from = query?.from ?? 2016, to = query?.to ?? 2022
        let sources = datasets + ["cases"]
        let sourceOptions = sources.map { name in
            "<option value=\"\(esc(name))\"\(name == (query?.source ?? "GLOTIP") ? " selected" : "")>\(esc(name == "cases" ? t("patterns.fromCases") : name))</option>"
        }.joined()
        let regionOptions = "<option value=\"\">\(esc(t("patterns.world")))</option>" + regions.map { "<option\($0 == query?.region ? " selected" : "")>\(esc($0))</option>" }.joined()
        var body = """
            <h1>\(esc(t("patterns.title")))</h1>
            <form method="get" action="/stats/patterns" class="filters">
            <label>\(esc(t("patterns.source"))) <select name="source">\(sourceOptions)</select></label>
            <label>\(esc(t("patterns.region"))) <select name="region">\(regionOptions)</select></label>
            <label>\(esc(t("estimate.from"))) <input type="number" name="from" min="2000" max="2100" value="\(from)"></label>
            <label>\(esc(t("estimate.to"))) <input type="number" name="to" min="2000" max="2100" value="\(to)"></label>
            <button type="submit">\(esc(t("patterns.show")))</button>
            </form>
            """
        if datasets.isEmpty { body += "<p>\(esc(t("patterns.noDataset")))</p>" }
        if let problem { body += "<div class=\"alert\" role=\"alert\">\(esc(problem))</div>" }
        if let report, let query {
            body += "<h2>\(esc(PatternsAndFlowsDocument.title(report)))</h2>"
            body += PatternsAndFlowsDocument.sections(report, csv: { "/stats/patterns/\($0).csv?\(query.queryString)" })
        }
        return Layout.page(req, title: t("patterns.title"), body: "<div class=\"report\">\(body)</div>")
    }

    static func national(_ req: Request, _ n: StatisticsService.National, problem: String?) -> Response {
        let t = req.localizer
        let canEdit = req.principal?.role == .nationalCoordinator
        let rows = n.sortedObservations
            .map { o in
                "<tr><td>\(esc(o.indicator.rawValue))</td><td>\(esc(o.dimension.rawValue))</td><td>\(esc(o.category))</td><td>\(esc(o.sex.rawValue))</td><td>\(esc(o.age.rawValue))</td><td>\(o.value)</td></tr>"
            }.joined()
        func entered(_ indicator: Indicator, _ sex: Sex) -> String {
            n.justice.first { $0.indicator == indicator && $0.sex == sex }.map { String($0.value.low) } ?? ""
        }
        let inputs = justiceIndicators.map { indicator in
            "<tr><th scope=\"row\">\(esc(indicator.rawValue))</th>" + [Sex.total, .female, .male].map { sex in
                let name = "\(indicator.slug)-\(sex.rawValue.lowercased())"
                return "<td><input type=\"number\" min=\"0\" name=\"\(name)\" id=\"\(name)\" aria-label=\"\(esc(indicator.rawValue)) — \(esc(sex.rawValue))\" value=\"\(entered(indicator, sex))\"\(canEdit ? "" : " disabled")></td>"
            }.joined() + "</tr>"
        }.joined()
        let query = "country=\(n.country.alpha3)&year=\(n.year)"
        var body = """
            <h1>\(esc(t("national.title"))): \(esc(n.country.name)), \(n.year)</h1>
            <form method="get" action="/stats/national" class="filters">
            <label>\(esc(t("national.year"))) <input type="number" name="year" min="2000" max="2100" value="\(n.year)"></label>
            \(canEdit ? "<input type=\"hidden\" name=\"country\" value=\"\(n.country.alpha3)\">"
                : "<label>\(esc(t("estimate.country"))) <input name=\"country\" value=\"\(n.country.alpha3)\" size=\"3\" pattern=\"[A-Za-z]{3}\"></label>")
            <button type="submit">\(esc(t("patterns.show")))</button></form>
            <p>\(esc(t("national.intro", ["cases": String(n.fromCases.cases), "undated": String(n.fromCases.undated)])))</p>
            <p><a href="/stats/national/export.csv?\(query)">\(esc(t("national.exportCSV")))</a> · <a href="/stats/national/export.xlsx?\(query)">\(esc(t("national.exportXLSX")))</a></p>
            """
        if let problem { body += "<div class=\"alert\" role=\"alert\">\(esc(problem))</div>" }
        body += """
            <h2>\(esc(t("national.justice")))</h2>
            <form method="post" action="/stats/national"><input type="hidden" name="_csrf" value="\(esc(CSRF.token(for: req)))">
            <input type="hidden" name="year" value="\(n.year)">
            <div class="scroll"><table><thead><tr><th scope="col">\(esc(t("national.indicator")))</th><th scope="col">Total</th><th scope="col">Female</th><th scope="col">Male</th></tr></thead>
            <tbody>\(inputs)</tbody></table></div>
            \(canEdit ? "<button type=\"submit\">\(esc(t("national.save")))</button>" : "")</form>
            <h2>\(esc(t("national.figures")))</h2>
            <div class="scroll"><table><thead><tr><th scope="col">Indicator</th><th scope="col">Dimension</th><th scope="col">Category</th><th scope="col">Sex</th><th scope="col">Age</th><th scope="col">Value</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
        return Layout.page(req, title: t("national.title"), body: body)
    }
}
