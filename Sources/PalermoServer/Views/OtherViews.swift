import Foundation
import PalermoCore
import PalermoReport
import PalermoStore
import Vapor

enum WebPages {
    static func login(_ req: Request, error: String? = nil, username: String = "", status: HTTPStatus = .ok) -> Response {
        let t = req.localizer
        let body = """
            <h1>\(esc(t("login.title")))</h1>
            <p>\(esc(t("app.tagline")))</p>
            \(error.map { "<div class=\"alert\" role=\"alert\">\(esc($0))</div>" } ?? "")
            <form method="post" action="/login" class="login">
            \(Layout.csrfField(req))
            <div class="field"><label for="username">\(esc(t("login.username")))</label>
            <input id="username" name="username" autocomplete="username" required value="\(esc(username))" autofocus></div>
            <div class="field"><label for="password">\(esc(t("login.password")))</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required></div>
            <p class="actions"><button type="submit">\(esc(t("login.submit")))</button></p>
            </form>
            <p class="note">\(esc(t("login.demo")))</p>
            """
        return Layout.page(req, title: t("login.title"), status: status, body: body)
    }

    static func errorPage(_ req: Request, status: HTTPStatus, message: String, issues: [ValidationIssue]) -> Response {
        let t = req.localizer
        let list = issues.isEmpty ? "" : "<ul>" + issues.map { "<li>\(esc($0.description))</li>" }.joined() + "</ul>"
        let body = """
            <h1>\(esc(t("error.title")))</h1>
            <p class="alert" role="alert">\(status.code) · \(esc(message))</p>\(list)
            <p><a href="/">\(esc(t("error.back")))</a></p>
            """
        return Layout.page(req, title: t("error.title"), status: status, body: body)
    }

    static func statistics(_ req: Request, breakdowns: [CaseStatistics.Breakdown]) -> Response {
        let t = req.localizer
        let tables = breakdowns.map { breakdown -> String in
            let rows = breakdown.cells.map { cell in
                let share = breakdown.total > 0 ? Double(cell.count) / Double(breakdown.total) : 0
                return """
                    <tr><th scope="row">\(esc(categoryLabel(breakdown.dimension, cell.category, t)))</th><td class="num">\(cell.count)</td>
                    <td class="num">\(String(format: "%.1f", share * 100)) %</td>
                    <td aria-hidden="true"><svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" width="100%" height="10"><rect width="\(String(format: "%.2f", share * 100))" height="10"/></svg></td></tr>
                    """
            }.joined()
            return """
                <section><h2>\(esc(t("dimension.\(breakdown.dimension)")))</h2>
                <p class="meta">\(esc(t("stats.total", ["n": String(breakdown.total)]))) · \(esc(t("stats.scope", ["scope": breakdown.scope])))
                · <a href="/stats/download?by=\(breakdown.dimension)" download>\(esc(t("stats.download")))</a></p>
                <div class="table-wrap"><table><thead><tr><th scope="col">\(esc(t("stats.category")))</th><th scope="col">\(esc(t("stats.count")))</th>
                <th scope="col">\(esc(t("stats.share")))</th><th scope="col"><span class="sr-only">bar</span></th></tr></thead>
                <tbody>\(rows)</tbody></table></div></section>
                """
        }.joined(separator: "\n")
        return Layout.page(req, title: t("stats.title"), body: "<h1>\(esc(t("stats.title")))</h1>\n\(tables)")
    }

    static func categoryLabel(_ dimension: String, _ code: String, _ t: Localizer) -> String {
        switch dimension {
        case "status": Picklists.named("status").label(for: code)
        case "traffickingStatus": Picklists.named("traffickingstatus").label(for: code)
        case "gender": Picklists.named("gender").label(for: code)
        case "exploitation": Picklists.named("typeofexploitation").label(for: code)
        case "ageGroup": AgeGroup(rawValue: code).map { t("age.\($0.rawValue)") } ?? code
        case "citizenship", "countryOfExploitation": Countries.find(code).map { "\($0.name) (\(code))" } ?? code
        default: code
        }
    }
}
