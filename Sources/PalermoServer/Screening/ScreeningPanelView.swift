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
                        .unwrap(
                            panel.assessment,
                            { assessment in
                                .group(
                                    .p(.words(assessment.list)),
                                    .ul(.id("screening-indicators"), .forEach(assessment.lines) { .li(.words($0)) }))
                            }),
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
                    indicators(panel),
                    .forEach(panel.child) { FormMarkup.checkbox($0) },
                    FormMarkup.label(
                        .words(panel.bestInterestsLabel + " "),
                        FormMarkup.input([
                            .attr("type", "date"), .attr("name", "bestInterestsOn"),
                            .attr("value", panel.bestInterestsOn),
                        ])),
                    FormMarkup.button(panel.button))))
    }

    /// The ILO/EC indicators, a dimension to a fold, so the form stays short until they are needed. The choice
    /// of list stays outside their fieldset, which holds only the checkboxes that share the name.
    private static func indicators(_ panel: ScreeningPanel) -> Content {
        .div(
            .id("screening-ilo"),
            .p(.class("hint"), .words(panel.indicatorsHint)),
            FormMarkup.labelledSelect(name: "indicatorForm", label: panel.formLabel, choices: panel.forms, empty: nil),
            FormMarkup.fieldset(
                FormMarkup.legend(.words(panel.indicatorsLegend)),
                .forEach(panel.dimensions) { dimension in
                    .el(
                        "details",
                        .class("indicators"), .el("summary", .words(dimension.legend)),
                        .el("div", [.class("checks wide")] + dimension.checks.map { FormMarkup.checkbox($0) }))
                }))
    }
}
