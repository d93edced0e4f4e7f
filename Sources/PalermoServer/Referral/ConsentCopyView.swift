import PalermoReport
import Plot

/// Lays out the person's copy: a language chooser that does not print, then the copy in its own language.
enum ConsentCopyView {
    typealias Content = Node<HTML.BodyContext>

    static func render(_ page: ConsentCopyPage) -> Content {
        .group(
            FormMarkup.form(
                method: "get", action: page.chooser.action, .class("filters no-print"),
                .div(
                    FormMarkup.labelledSelect(
                        name: "lang", label: page.chooser.label, choices: page.chooser.choices, empty: nil)),
                .div(FormMarkup.button(page.chooser.button))),
            .article(
                .class("person-copy"), .attr("lang", page.language), .attr("dir", page.direction),
                .h1(.words(page.title)),
                .p(.words(page.intro)),
                .h2(.words(page.rightsHeading)),
                .ul(.forEach(page.rights) { .li(.words($0)) }),
                .h2(.words(page.stepsHeading)),
                page.steps.isEmpty
                    ? .p(.words(page.noSteps))
                    : .ul(.forEach(page.steps) { step in .li(.words(step.what), .text(" "), .words(step.by)) }),
                .h2(.words(page.consentsHeading)),
                page.consents.isEmpty ? .p(.words(page.noConsents)) : .ul(.forEach(page.consents) { .li(.words($0)) }),
                .h2(.words(page.withdrawHeading)),
                .p(.words(page.withdrawText))))
    }
}
