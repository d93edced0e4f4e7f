import PalermoReport
import Plot

/// Lays out one plan: its facts, objectives with indicators and measures, the team's forms and the steps.
enum NationalPlanView {
    typealias Content = Node<HTML.BodyContext>

    static func render(_ page: NationalPlanPage) -> Content {
        .group(
            .h1(.attr("translate", "no"), .words(page.title)),
            FormMarkup.refused(page.problemsHeading, page.problems),
            .ul(.class("facts"), .forEach(page.facts) { .li(.words($0)) }),
            .unwrap(page.comment) { .p(.class("notice"), .words($0)) },
            page.objectives.isEmpty ? .p(.words(page.none)) : .forEach(page.objectives) { objective($0, page) },
            .unwrap(page.forms) { NationalPlanFormsView.render($0, page) },
            .forEach(page.steps) { step in
                FormMarkup.form(
                    method: "post", action: "/plans/\(page.id)/\(step.step)", .class("inline"),
                    .id("step-\(step.step)"),
                    FormMarkup.hidden("_csrf", page.csrf),
                    .if(
                        step.comment,
                        FormMarkup.label(
                            .words(page.commentLabel + " "),
                            FormMarkup.input([
                                .attr("type", "text"), .attr("name", "comment"), .attr("maxlength", "2000"),
                            ]))),
                    FormMarkup.button(step.label))
            })
    }

    static func objective(_ objective: NationalPlanPage.Objective, _ page: NationalPlanPage) -> Content {
        .section(
            .class("objective"),
            .h2(.words(objective.heading)),
            .p(.attr("translate", "no"), .words(objective.text)),
            .if(
                !objective.paragraphs.isEmpty,
                .p(
                    .strong(.words(page.labels.paragraphs + ": ")),
                    .forEach(objective.paragraphs) { paragraph in
                        .group(.a(.attr("href", paragraph.href), .words(paragraph.label)), .text(" "))
                    })),
            .if(
                !objective.indicators.isEmpty,
                .group(
                    .h3(.words(page.labels.indicators)),
                    ReferralPanelView.table(
                        "", page.labels.indicatorColumns,
                        objective.indicators.map { row in .tr(.forEach(row) { .td(.words($0)) }) }))),
            .if(
                !objective.measures.isEmpty,
                .group(
                    .h3(.words(page.labels.measures)),
                    ReferralPanelView.table(
                        "", page.labels.measureColumns,
                        objective.measures.map { row in .tr(.forEach(row) { .td(.words($0)) }) }))))
    }
}

/// The team's forms for a draft plan.
enum NationalPlanFormsView {
    typealias Content = Node<HTML.BodyContext>

    static func render(_ forms: NationalPlanForms, _ page: NationalPlanPage) -> Content {
        func text(_ name: String, _ label: String, _ extra: FormMarkup.Attributes = []) -> Content {
            FormMarkup.label(
                .words(forms.label(label) + " "),
                FormMarkup.input([.attr("type", "text"), .attr("name", name)] + extra))
        }
        func number(_ name: String, _ label: String) -> Content {
            FormMarkup.label(
                .words(forms.label(label) + " "),
                FormMarkup.input([.attr("type", "number"), .attr("name", name), .attr("step", "any")]))
        }
        func form(_ action: String, _ legend: String, _ content: Content...) -> Content {
            FormMarkup.form(
                method: "post", action: "/plans/\(page.id)/\(action)", .class("stacked"), .id("plan-\(action)"),
                FormMarkup.hidden("_csrf", page.csrf), FormMarkup.hidden("version", page.version),
                FormMarkup.fieldset(FormMarkup.legend(.words(forms.label(legend))), .group(content)))
        }
        let objective = FormMarkup.labelledSelect(
            name: "objective", label: forms.label("plans.forObjective"), choices: forms.objectiveChoices, empty: nil)
        let paragraphs = text(
            "paragraphs", "plans.paragraphs", [.attr("placeholder", "16 25"), .attr("maxlength", "300")])
        return .group(
            form(
                "breakdowns", "plans.breakdowns",
                text(
                    "breakdowns", "plans.breakdownsHint",
                    [.attr("value", forms.breakdowns), .attr("maxlength", "1000")]),
                FormMarkup.button(forms.label("plans.saveBreakdowns"))),
            form(
                "objectives", "plans.addObjective",
                text("text", "plans.objectiveText", [.attr("required", "required"), .attr("maxlength", "2000")]),
                paragraphs, .p(.class("hint"), .words(forms.label("plans.paragraphsHint"))),
                FormMarkup.button(forms.label("plans.add"))),
            .if(
                !forms.objectiveChoices.isEmpty,
                .group(
                    form(
                        "indicators", "plans.addIndicator", objective,
                        text("name", "plans.indicator", [.attr("required", "required"), .attr("maxlength", "300")]),
                        text("unit", "plans.unit", [.attr("required", "required"), .attr("maxlength", "50")]),
                        number("baseline", "plans.baseline"), number("baselineYear", "plans.baselineYear"),
                        number("target", "plans.target"), number("targetYear", "plans.targetYear"),
                        text("breakdown", "plans.breakdown", [.attr("maxlength", "1000")]),
                        FormMarkup.labelledSelect(
                            name: "computed", label: forms.label("plans.computed"), choices: forms.measures,
                            empty: forms.label("plans.notComputed")),
                        FormMarkup.button(forms.label("plans.add"))),
                    form(
                        "measures", "plans.addMeasure", objective,
                        text("text", "plans.measure", [.attr("required", "required"), .attr("maxlength", "2000")]),
                        text(
                            "responsible", "plans.responsible",
                            [.attr("required", "required"), .attr("maxlength", "300")]),
                        number("amount", "plans.amount"),
                        FormMarkup.labelledSelect(
                            name: "currency", label: forms.label("plans.currency"), choices: forms.currencies,
                            empty: forms.label("plans.noBudget")),
                        FormMarkup.label(
                            .words(forms.label("plans.start") + " "),
                            FormMarkup.input([
                                .attr("type", "date"), .attr("name", "start"), .attr("required", "required"),
                            ])),
                        FormMarkup.label(
                            .words(forms.label("plans.end") + " "),
                            FormMarkup.input([
                                .attr("type", "date"), .attr("name", "end"), .attr("required", "required"),
                            ])),
                        paragraphs,
                        FormMarkup.button(forms.label("plans.add"))))))
    }
}
