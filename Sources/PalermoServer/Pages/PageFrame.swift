import Foundation
import PalermoCore
import PalermoReport
import Plot
import Vapor

/// The frame of every page, as data: the title, the navigation the reader's role allows, who is signed in,
/// the language switch. Built from the request; the view (`PageFrameView`) only lays it out.
struct PageFrame {
    struct Link { let href: String; let label: String; let current: Bool }
    struct Language { let code: String; let name: String; let href: String?; let current: Bool }

    let language: String
    let direction: String
    let title: String
    let skipLabel: String
    let navigationLabel: String
    let links: [Link]
    let signedInAs: (label: String, username: String)?
    let logoutLabel: String
    let csrf: String
    let languageLabel: String
    let languages: [Language]

    init(_ req: Request, title: String) {
        let w = req.localizer
        language = w.language
        direction = w.direction
        self.title = "\(title) · Palermo"
        skipLabel = w("nav.skip")
        navigationLabel = w("nav.main")
        let path = req.url.path
        var links: [(String, String)] = []
        if let principal = req.principal {
            links.append(("/", w("nav.home")))
            if principal.role.handlesCases {
                links += [("/cases", w("nav.cases")), ("/cases/new", w("nav.new")), ("/referrals", w("nav.referrals"))]
                links.append(("/services", w("nav.services")))
            }
            if principal.role.assignsCases || principal.role == .nationalCoordinator {
                links.append(("/referrals/oversight", w("nav.oversight")))
            }
            if principal.role.seesAggregates { links.append(("/stats", w("nav.stats"))) }
            if principal.role.estimatesAcrossOrganisations { links.append(("/stats/estimate", w("nav.estimate"))) }
            if principal.role.readsNationalStatistics {
                links += [("/stats/patterns", w("nav.patterns")), ("/stats/national", w("nav.national"))]
            }
            // Coordinators reach publication from the statistics page: their header is full in Russian.
            if principal.role == .analyst { links.append(("/publish", w("nav.publish"))) }
            if principal.role.managesUsers {
                links += [("/admin/users", w("nav.users")), ("/admin/organisation", w("nav.organisation"))]
            }
            if principal.role == .systemAdmin {
                links += [("/admin/organisations", w("nav.organisations")), ("/admin/status", w("nav.status"))]
            }
            // A coordinator reaches the kinds of service from the referral oversight page: the header stays short.
            if principal.role == .systemAdmin { links.append(("/admin/services", w("nav.serviceKinds"))) }
            signedInAs = (w("nav.signedInAs"), principal.username)
        } else {
            signedInAs = nil
        }
        self.links = links.map { Link(href: $0.0, label: $0.1, current: $0.0 == path) }
        logoutLabel = w("nav.logout")
        csrf = CSRF.token(for: req)
        languageLabel = w("nav.language")
        let back = SameSitePath.validated(path) ?? "/"
        languages = Wording.languages.map { code in
            let here = code == w.language
            var components = URLComponents()
            components.path = "/lang/\(code)"
            components.queryItems = [URLQueryItem(name: "back", value: back)]
            return Language(
                code: code, name: Wording(code)("language.name"), href: here ? nil : components.string,
                current: here)
        }
    }
}

/// Lays out the frame around a page's main content.
enum PageFrameView {
    typealias Content = Node<HTML.BodyContext>

    static func render(_ frame: PageFrame, main: Content) -> String {
        HTML(
            .attr("lang", frame.language), .attr("dir", frame.direction),
            .head(
                .meta(.charset(.utf8)),
                .meta(.attr("name", "viewport"), .attr("content", "width=device-width, initial-scale=1")),
                .element(named: "title", text: frame.title),
                .link(.attr("rel", "stylesheet"), .attr("href", "/static/app.css")),
                .script(.attr("src", "/static/app.js"), .attr("defer", "defer"))
            ),
            .body(
                .a(.class("skip"), .attr("href", "#main"), .words(frame.skipLabel)),
                .header(
                    .class("top"),
                    .a(.class("brand"), .attr("href", "/"), .text("Palermo")),
                    .nav(
                        .attr("aria-label", frame.navigationLabel),
                        .forEach(frame.links) { link in
                            .a(
                                .attr("href", link.href), link.current ? .attr("aria-current", "page") : .empty,
                                .words(link.label))
                        }
                    ),
                    .unwrap(frame.signedInAs) { who in
                        .div(
                            .class("account"),
                            .span(
                                .class("who"), .span(.class("who-label"), .words(who.label + " ")),
                                .strong(.words(who.username))),
                            FormMarkup.form(
                                method: "post", action: "/logout", .class("inline"),
                                FormMarkup.hidden("_csrf", frame.csrf),
                                .button(.attr("type", "submit"), .class("link"), .words(frame.logoutLabel))))
                    },
                    .details(
                        .class("languages"),
                        .summary(
                            .span(.class("language-label"), .words(frame.languageLabel + ": ")),
                            .unwrap(frame.languages.first { $0.current }) {
                                .span(.attr("lang", $0.code), .words($0.name))
                            }),
                        .ul(
                            .forEach(frame.languages) { language in
                                .li(
                                    .unwrap(
                                        language.href,
                                        { href in
                                            .a(
                                                .attr("href", href), .attr("lang", language.code),
                                                .attr("hreflang", language.code),
                                                .words(language.name))
                                        },
                                        else: .strong(
                                            .attr("lang", language.code), .attr("aria-current", "true"),
                                            .words(language.name))))
                            })
                    )
                ),
                .main(.id("main"), .attr("tabindex", "-1"), main)
            )
        ).render()
    }
}

extension Request {
    /// A page in the frame. Its content security policy is the page's own; `PrivacyHeadersMiddleware` adds
    /// no-store, nosniff and the rest to every response.
    func page(title: String, status: HTTPStatus = .ok, _ main: Node<HTML.BodyContext>) -> Response {
        let html = PageFrameView.render(PageFrame(self, title: title), main: main)
        var headers = HTTPHeaders()
        headers.contentType = .html
        headers.replaceOrAdd(
            name: "Content-Security-Policy",
            value: "default-src 'self'; style-src 'self'; script-src 'self'; frame-ancestors 'none'")
        return Response(status: status, headers: headers, body: .init(string: html))
    }
}
