import PalermoReport
import Plot

/// Form elements as body content. Plot gives forms, labels and selects contexts of their own, which keeps
/// one helper from serving a filter bar, a table cell and a fieldset alike; these build the same elements by
/// name, with every value escaped as everywhere else.
enum FormMarkup {
    typealias Content = Node<HTML.BodyContext>
    typealias Attributes = [Attribute<HTML.BodyContext>]

    static func form(method: String, action: String, _ content: Content...) -> Content {
        .el("form", [.attr("method", method), .attr("action", action)] + content)
    }

    static func label(_ content: Content...) -> Content { .el("label", content) }

    static func fieldset(_ content: Content...) -> Content { .el("fieldset", content) }

    static func legend(_ content: Content...) -> Content { .el("legend", content) }

    static func input(_ attributes: Attributes) -> Content {
        .selfClosedElement(named: "input", attributes: attributes)
    }

    static func hidden(_ name: String, _ value: String) -> Content {
        input([.attr("type", "hidden"), .attr("name", name), .attr("value", value)])
    }

    static func select(_ content: Content...) -> Content { .el("select", content) }

    static func textarea(_ content: Content...) -> Content { .el("textarea", content) }

    static func button(_ label: String) -> Content { .button(.attr("type", "submit"), .words(label)) }

    /// `<option>`s, with a first empty one labelled `empty` when given.
    static func options(_ choices: [Choice], empty: String?) -> Content {
        .group(
            (empty.map { [Content.el("option", .attr("value", ""), .words($0))] } ?? [])
                + choices.map { choice in
                    .el(
                        "option", .attr("value", choice.value), .flag("selected", choice.selected),
                        choice.verbatim ? .attr("translate", "no") : .empty, .words(choice.label))
                })
    }

    /// A select inside its label, as the filter bars lay them out.
    static func labelledSelect(name: String, label text: String, choices: [Choice], empty: String?) -> Content {
        label(.words(text + " "), select(.attr("name", name), options(choices, empty: empty)))
    }

    /// A checkbox inside its label.
    static func checkbox(_ box: Checkbox) -> Content {
        label(
            input([
                .attr("type", "checkbox"), .attr("name", box.name), .attr("value", box.value),
                .flag("checked", box.checked),
            ]),
            .words(" " + box.label))
    }

    /// Checkboxes in a fieldset of their own, laid out in columns.
    static func checkboxes(legend text: String, _ boxes: [Checkbox]) -> Content {
        fieldset(.class("checks"), legend(.words(text)), .forEach(boxes) { checkbox($0) })
    }

    /// What a refused form got wrong, as an alert that the page's script focuses; nothing when all was well.
    static func refused(_ heading: String, _ problems: [String]) -> Content {
        .if(
            !problems.isEmpty,
            .div(
                .class("alert"), .attr("role", "alert"), .id("problems"), .attr("tabindex", "-1"),
                .p(.words(heading)), .ul(.forEach(problems) { .li(.words($0)) })))
    }

    /// A number input inside its label.
    static func labelledNumber(name: String, label text: String, value: String, range: ClosedRange<Int>) -> Content {
        label(
            .words(text + " "),
            input([
                .attr("type", "number"), .attr("name", name), .attr("min", String(range.lowerBound)),
                .attr("max", String(range.upperBound)), .attr("value", value),
            ]))
    }
}
