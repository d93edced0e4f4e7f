import PalermoReport
import Plot

/// Lays out the directory of services.
enum DirectoryView {
    typealias Content = Node<HTML.BodyContext>

    static func render(_ page: DirectoryPage) -> Content {
        .group(
            .h1(.words(page.title)),
            .p(.words(page.intro)),
            FormMarkup.form(
                method: "get", action: "/services", .class("filters"), .attr("role", "search"),
                .forEach(page.filters) { filter in
                    .div(
                        FormMarkup.labelledSelect(
                            name: filter.name, label: filter.label, choices: filter.choices, empty: page.anyLabel))
                },
                .div(FormMarkup.button(page.searchButton))),
            page.rows.isEmpty
                ? .p(.words(page.none))
                : ReferralPanelView.table(
                    "service-list", page.columns,
                    page.rows.map { row in
                        .tr(
                            .forEach(row.cells) { .td(.words($0)) },
                            .if(page.update != nil, .td(.unwrap(row.update) { update($0, page) })))
                    }),
            .p(.a(.attr("href", page.export.href), .words(page.export.label))),
            .unwrap(page.add) { add($0, csrf: page.csrf) })
    }

    /// The places free now, saved with today as the day the entry was last checked.
    static func update(
        _ row: (action: String, available: String, capacity: String), _ page: DirectoryPage
    ) -> Node<HTML.BodyContext> {
        FormMarkup.form(
            method: "post", action: row.action, .class("inline"),
            FormMarkup.hidden("_csrf", page.csrf),
            FormMarkup.label(
                .words((page.update?.label ?? "") + " "),
                FormMarkup.input([
                    .attr("type", "number"), .attr("name", "available"), .attr("min", "0"),
                    .attr("max", row.capacity), .attr("value", row.available), .attr("required", "required"),
                ])),
            FormMarkup.button(page.update?.button ?? ""))
    }

    static func add(_ form: DirectoryPage.AddForm, csrf: String) -> Content {
        func label(_ name: String) -> String { form.labels[name] ?? name }
        func field(_ name: String, _ type: String, _ extra: [Attribute<HTML.BodyContext>] = []) -> Content {
            FormMarkup.label(
                .words(label(name) + " "),
                FormMarkup.input([.attr("type", type), .attr("name", name)] + extra))
        }
        return FormMarkup.form(
            method: "post", action: "/services", .class("stacked"), .id("service-form"),
            FormMarkup.hidden("_csrf", csrf),
            FormMarkup.fieldset(
                FormMarkup.legend(.words(form.legend)),
                FormMarkup.labelledSelect(name: "kind", label: label("kind"), choices: form.kinds, empty: nil),
                FormMarkup.labelledSelect(
                    name: "country", label: label("country"), choices: form.countries, empty: nil),
                field("area", "text", [.attr("maxlength", "200")]),
                FormMarkup.checkboxes(legend: label("forWhom"), form.whom),
                field("capacity", "number", [.attr("min", "0"), .attr("max", "100000"), .attr("value", "0")]),
                field("available", "number", [.attr("min", "0"), .attr("max", "100000"), .attr("value", "0")]),
                field("languages", "text", [.attr("placeholder", "en sw")]),
                field("hours", "text", [.attr("maxlength", "200")]),
                field("contact", "text", [.attr("maxlength", "300"), .attr("required", "required")]),
                field("lastChecked", "date", [.attr("value", form.today)]),
                FormMarkup.button(form.button)))
    }
}
