import PalermoCore
import PalermoReport
import Plot
import Vapor

/// A failed request seen in the browser: what went wrong in the reader's language, the problems by field.
struct ErrorPage {
    let title: String
    let status: HTTPStatus
    let explanation: String
    let detail: String?
    let problems: [String]
    let backLabel: String

    init(_ req: Request, status: HTTPStatus, message: String, issues: [ValidationIssue]) {
        let w = req.localizer
        title = w("error.title")
        self.status = status
        explanation = w.optional("error.\(status.code)") ?? w("error.other")
        // The server's own words are English; they are shown only to an English reader, the problems by
        // field in every language.
        detail = w.language == "en" && message != explanation ? message : nil
        problems = issues.map { ValidationText(w).describe($0) }
        backLabel = w("error.back")
    }

    var view: Node<HTML.BodyContext> {
        .group(
            .h1(.words(title)),
            .div(
                .class("alert"), .attr("role", "alert"), .attr("id", "problems"), .attr("tabindex", "-1"),
                .p(.words("\(status.code) · \(explanation)")),
                .unwrap(detail) { .p(.words($0)) },
                .if(!problems.isEmpty, .ul(.forEach(problems) { .li(.words($0)) }))),
            .p(.a(.attr("href", "/"), .words(backLabel)))
        )
    }

    func response(_ req: Request) -> Response { req.page(title: title, status: status, view) }
}
