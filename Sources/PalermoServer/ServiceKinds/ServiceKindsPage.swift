import Foundation
import PalermoCore
import PalermoReport
import Plot

/// The installation's kinds of service: the built-in ones and those added, and a form to add one, named in
/// each of the six languages (English required).
struct ServiceKindsPage {
    let title: String
    let intro: String
    let notice: String?
    let csrf: String
    let columns: [String]
    let rows: [(code: String, name: String, origin: String)]
    let legend: String
    let codeLabel: String
    let codeHint: String
    let names: [(language: String, label: String)]
    let add: String

    init(_ w: Wording, catalogue: ServiceCatalogue, csrf: String, notice: String?) {
        title = w("serviceKinds.title")
        intro = w("serviceKinds.intro")
        self.notice = notice
        self.csrf = csrf
        columns = ["serviceKinds.code", "serviceKinds.name", "serviceKinds.origin"].map { w($0) }
        rows = catalogue.kinds.map { kind in
            (
                kind.rawValue, w.service(kind, in: catalogue),
                w(kind.isBuiltIn ? "serviceKinds.builtIn" : "serviceKinds.added")
            )
        }
        legend = w("serviceKinds.new")
        codeLabel = w("serviceKinds.code")
        codeHint = w("serviceKinds.codeHint")
        names = ServiceKindDefinition.languages.map { language in
            (language, w("serviceKinds.nameIn", ["language": Wording(language)("language.name")]))
        }
        add = w("serviceKinds.add")
    }

    var view: Node<HTML.BodyContext> {
        .group(
            .h1(.words(title)),
            .p(.class("hint"), .words(intro)),
            .unwrap(notice) { .p(.class("notice"), .attr("role", "status"), .words($0)) },
            .div(
                .class("table-wrap"),
                .table(
                    .id("service-kinds"),
                    .thead(.tr(.forEach(columns) { .th(.attr("scope", "col"), .words($0)) })),
                    .tbody(
                        .forEach(rows) { row in
                            .tr(
                                .td(.attr("translate", "no"), .class("code"), .words(row.code)), .td(.words(row.name)),
                                .td(.words(row.origin)))
                        }))),
            FormMarkup.form(
                method: "post", action: "/admin/services", .class("stacked"), .id("service-kind-form"),
                FormMarkup.hidden("_csrf", csrf),
                FormMarkup.fieldset(
                    FormMarkup.legend(.words(legend)),
                    FormMarkup.label(
                        .words(codeLabel + " "),
                        FormMarkup.input([
                            .attr("type", "text"), .attr("name", "code"), .attr("required", "required"),
                            .attr("pattern", "[a-z][a-z0-9_]{1,39}"), .attr("maxlength", "40"),
                            .attr("aria-describedby", "service-code-hint"),
                        ])),
                    .p(.class("hint"), .id("service-code-hint"), .words(codeHint)),
                    .forEach(names) { name in
                        FormMarkup.label(
                            .words(name.label + " "),
                            FormMarkup.input(
                                [
                                    .attr("type", "text"), .attr("name", "name_\(name.language)"),
                                    .attr("lang", name.language), .attr("maxlength", "80"),
                                ] + (name.language == "ar" ? [.attr("dir", "rtl")] : [])
                                    + (name.language == "en" ? [.attr("required", "required")] : [])))
                    },
                    FormMarkup.button(add))))
    }
}
