import PalermoReport
import Plot
import Vapor

/// The sign-in page: a view model (everything already in the reader's language) and its view.
struct LoginPage {
    let title: String
    let tagline: String
    let error: String?
    let username: String
    let usernameLabel: String
    let passwordLabel: String
    let submitLabel: String
    let demoNote: String
    let csrf: String

    init(_ req: Request, error: String? = nil, username: String = "") {
        let w = req.localizer
        title = w("login.title")
        tagline = w("app.tagline")
        self.error = error
        self.username = username
        usernameLabel = w("login.username")
        passwordLabel = w("login.password")
        submitLabel = w("login.submit")
        demoNote = w("login.demo")
        csrf = CSRF.token(for: req)
    }

    var view: Node<HTML.BodyContext> {
        .group(
            .h1(.words(title)),
            .p(.words(tagline)),
            .unwrap(error) {
                .div(
                    .class("alert"), .attr("role", "alert"), .attr("id", "problems"), .attr("tabindex", "-1"),
                    .words($0))
            },
            FormMarkup.form(
                method: "post", action: "/login", .class("login"),
                FormMarkup.hidden("_csrf", csrf),
                .div(
                    .class("field"),
                    FormMarkup.label(.attr("for", "username"), .words(usernameLabel)),
                    FormMarkup.input([
                        .attr("id", "username"), .attr("name", "username"), .attr("autocomplete", "username"),
                        .flag("required", true), .attr("value", username), .flag("autofocus", error == nil),
                    ])),
                .div(
                    .class("field"),
                    FormMarkup.label(.attr("for", "password"), .words(passwordLabel)),
                    FormMarkup.input([
                        .attr("id", "password"), .attr("name", "password"), .attr("type", "password"),
                        .attr("autocomplete", "current-password"), .flag("required", true),
                    ])),
                .p(.class("actions"), FormMarkup.button(submitLabel))
            ),
            .p(.class("note"), .words(demoNote))
        )
    }

    func response(_ req: Request, status: HTTPStatus = .ok) -> Response {
        req.page(title: title, status: status, view)
    }
}
