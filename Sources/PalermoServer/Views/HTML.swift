import Foundation
import PalermoCore
import PalermoReport
import Vapor



/// The frame of every page: skip link, navigation by role, language switch, main landmark.
enum Layout {
    static func page(_ req: Request, title: String, status: HTTPStatus = .ok, body: String) -> Response {
        let t = req.localizer
        var nav = ""
        if let principal = req.principal {
            var links: [(String, String)] = []
            if principal.role.handlesCases { links += [("/cases", t("nav.cases")), ("/cases/new", t("nav.new"))] }
            if principal.role.seesAggregates { links.append(("/stats", t("nav.stats"))) }
            if principal.role.estimatesAcrossOrganisations { links.append(("/stats/estimate", t("nav.estimate"))) }
            if principal.role.readsNationalStatistics { links += [("/stats/patterns", t("nav.patterns")), ("/stats/national", t("nav.national"))] }
            nav = links.map { "<a href=\"\($0.0)\">\(esc($0.1))</a>" }.joined()
            nav += """
                <span class="who">\(esc(t("nav.signedInAs"))) <strong>\(esc(principal.username))</strong></span>
                <form method="post" action="/logout" class="inline"><input type="hidden" name="_csrf" value="\(esc(CSRF.token(for: req)))">
                <button type="submit" class="link">\(esc(t("nav.logout")))</button></form>
                """
        }
        let here = esc(req.url.path)
        let languages = Localizer.languages.map { code in
            code == t.language ? "<strong lang=\"\(code)\">\(code.uppercased())</strong>"
                : "<a href=\"/lang/\(code)?back=\(here)\" lang=\"\(code)\" hreflang=\"\(code)\">\(code.uppercased())</a>"
        }.joined(separator: " ")
        let html = """
            <!doctype html>
            <html lang="\(t.language)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(esc(title)) · Palermo</title>
            <link rel="stylesheet" href="/static/app.css">
            </head>
            <body>
            <a class="skip" href="#main">\(esc(t("nav.skip")))</a>
            <header class="top">
            <a class="brand" href="/">Palermo</a>
            <nav aria-label="main">\(nav)</nav>
            <span class="languages" aria-label="\(esc(t("nav.language")))">\(languages)</span>
            </header>
            <main id="main" tabindex="-1">
            \(body)
            </main>
            </body>
            </html>
            """
        var headers = HTTPHeaders()
        headers.contentType = .html
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        headers.replaceOrAdd(name: "Content-Security-Policy", value: "default-src 'self'; style-src 'self'; script-src 'self'; frame-ancestors 'none'")
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return Response(status: status, headers: headers, body: .init(string: html))
    }

    static func csrfField(_ req: Request) -> String {
        "<input type=\"hidden\" name=\"_csrf\" value=\"\(esc(CSRF.token(for: req)))\">"
    }
}

/// How a field value reads on a page: picklist labels instead of codes, country names instead of codes.
func display(_ value: FieldValue?, for field: HTCDSField, _ t: Localizer) -> String {
    guard let value else { return t("case.notSet") }
    switch field.kind {
    case .one(let list), .many(let list):
        let picklist = Picklists.named(list)
        return value.values.map { picklist.label(for: $0) }.joined(separator: ", ")
    case .country:
        return value.values.map { code in Countries.find(code).map { "\($0.name) (\(code))" } ?? code }.joined(separator: ", ")
    case .boolean:
        return value.description == "TRUE" ? t("yes") : t("no")
    case .text, .date:
        return value.description
    }
}
