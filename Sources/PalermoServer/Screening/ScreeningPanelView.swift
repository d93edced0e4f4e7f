import PalermoReport
import Plot

/// Lays out the case page's screening section.
enum ScreeningPanelView {
    typealias Content = Node<HTML.BodyContext>

    static func render(_ panel: ScreeningPanel) -> Content {
        .section(
            .id("screening"),
            .h2(.words(panel.heading)),
            .p(.class("hint"), .words(panel.intro)),
            .unwrap(
                panel.latest,
                { latest in
                    .div(
                        .class("panel"), .id("screening-proposal"),
                        .p(.strong(.words(latest.proposal))),
                        .ul(.forEach(latest.reasons) { .li(.words($0)) }),
                        .p(.class("meta"), .words(latest.by)),
                        FormMarkup.form(
                            method: "post", action: "/cases/\(panel.caseID)/screening/apply", .class("inline"),
                            FormMarkup.hidden("_csrf", panel.csrf), FormMarkup.button(panel.applyLabel)))
                }, else: .p(.words(panel.none))),
            FormMarkup.form(
                method: "post", action: "/cases/\(panel.caseID)/screening", .class("stacked"), .id("screening-form"),
                FormMarkup.hidden("_csrf", panel.csrf),
                FormMarkup.fieldset(
                    FormMarkup.legend(.words(panel.legend)),
                    .forEach(panel.groups) { group in FormMarkup.checkboxes(legend: group.legend, group.checks) },
                    .forEach(panel.child) { FormMarkup.checkbox($0) },
                    FormMarkup.label(
                        .words(panel.bestInterestsLabel + " "),
                        FormMarkup.input([
                            .attr("type", "date"), .attr("name", "bestInterestsOn"),
                            .attr("value", panel.bestInterestsOn),
                        ])),
                    FormMarkup.button(panel.button))))
    }
}
