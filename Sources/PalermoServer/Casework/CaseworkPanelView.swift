import PalermoReport
import Plot

/// Lays out the case's owner, tasks and notes, each with its form.
enum CaseworkPanelView {
    typealias Content = Node<HTML.BodyContext>

    static func render(_ panel: CaseworkPanel) -> Content {
        .group(approvals(panel), owner(panel), tasks(panel), plan(panel), notes(panel))
    }

    /// Changes waiting for a supervisor, with the forms to approve or return them, and recent decisions.
    static func approvals(_ panel: CaseworkPanel) -> Content {
        guard !panel.waiting.isEmpty || !panel.decided.isEmpty else { return .empty }
        let labels = panel.decisionLabels
        return .section(
            .attr("id", "approvals"),
            .h2(.words(panel.approvalsHeading)),
            .forEach(panel.waiting) { item in
                .div(
                    .class("alert warning"), .attr("id", "approval-\(item.id)"),
                    .h3(.words(item.heading)), .p(.words(item.proposal)), .p(.class("meta"), .words(item.requested)),
                    .if(
                        item.canDecide,
                        .group(
                            FormMarkup.form(
                                method: "post", action: "/approvals/\(item.id)", .class("inline"),
                                FormMarkup.hidden("_csrf", panel.csrf), FormMarkup.hidden("decision", "approve"),
                                FormMarkup.button(labels.approve)),
                            FormMarkup.form(
                                method: "post", action: "/approvals/\(item.id)", .class("stacked"),
                                FormMarkup.hidden("_csrf", panel.csrf), FormMarkup.hidden("decision", "return"),
                                FormMarkup.label(
                                    .words(labels.comment + " "),
                                    FormMarkup.textarea(
                                        .attr("name", "comment"), .attr("rows", "2"), .attr("maxlength", "2000"))),
                                FormMarkup.button(labels.returnLabel)))))
            },
            .ul(
                .class("decisions"),
                .forEach(panel.decided) { item in
                    .li(
                        .words(item.text),
                        .unwrap(item.comment) { .group(.text(" "), .el("q", .attr("translate", "no"), .words($0))) })
                }))
    }

    static func owner(_ panel: CaseworkPanel) -> Content {
        .section(
            .id("owner"),
            .h2(.words(panel.ownerHeading)),
            .p(.strong(.words(panel.ownerText))),
            .unwrap(panel.assigneesText) { .p(.words($0)) },
            .unwrap(panel.reassign) { reassign in
                FormMarkup.form(
                    method: "post", action: "/cases/\(panel.caseID)/owner", .class("inline-form"),
                    FormMarkup.hidden("_csrf", panel.csrf),
                    FormMarkup.labelledSelect(
                        name: "owner", label: reassign.label, choices: reassign.choices, empty: nil),
                    FormMarkup.fieldset(
                        .class("checks"), FormMarkup.legend(.words(reassign.othersLabel)),
                        .forEach(reassign.others) { other in
                            FormMarkup.label(
                                .class("check"),
                                FormMarkup.input(
                                    [.attr("type", "checkbox"), .attr("name", "assignee"), .attr("value", other.value)]
                                        + (other.selected ? [.attr("checked", "checked")] : [])),
                                .text(" "), .words(other.label))
                        }),
                    FormMarkup.button(reassign.button))
            },
            .unwrap(panel.reassign) { reassign in
                FormMarkup.form(
                    method: "get", action: "/cases/\(panel.caseID)/merge", .class("inline-form"),
                    FormMarkup.label(
                        .words(reassign.mergeLabel + " "),
                        FormMarkup.input([.attr("type", "text"), .attr("name", "with"), .attr("maxlength", "40")])),
                    FormMarkup.button(reassign.mergeButton))
            })
    }

    static func tasks(_ panel: CaseworkPanel) -> Content {
        let form = panel.taskForm
        return .section(
            .id("tasks"),
            .h2(.words(panel.tasksHeading)),
            panel.tasks.isEmpty
                ? .p(.words(panel.noTasks))
                : .div(
                    .class("table-wrap"),
                    .table(
                        .id("task-list"),
                        .thead(.tr(.forEach(panel.taskColumns) { .th(.attr("scope", "col"), .words($0)) })),
                        .tbody(
                            .forEach(panel.tasks) { task in
                                .tr(
                                    .attr("id", "task-\(task.id)"),
                                    .attr("class", task.overdue ? "overdue" : task.done ? "done" : "open"),
                                    .th(.attr("scope", "row"), .attr("translate", "no"), .words(task.title)),
                                    .td(.words(task.due)), .td(.words(task.assignee)),
                                    .td(.words(task.state)),
                                    .td(
                                        FormMarkup.form(
                                            method: "post", action: "/tasks/\(task.id)", .class("inline"),
                                            FormMarkup.hidden("_csrf", panel.csrf),
                                            FormMarkup.hidden("done", task.done ? "0" : "1"),
                                            FormMarkup.hidden("back", "/cases/\(panel.caseID)#tasks"),
                                            FormMarkup.button(task.toggleLabel))))
                            }))),
            FormMarkup.form(
                method: "post", action: "/cases/\(panel.caseID)/tasks", .class("stacked"),
                FormMarkup.hidden("_csrf", panel.csrf),
                FormMarkup.fieldset(
                    FormMarkup.legend(.words(form.legend)),
                    FormMarkup.label(
                        .words(form.title + " "),
                        FormMarkup.input([
                            .attr("type", "text"), .attr("name", "title"), .attr("maxlength", "500"),
                            .attr("required", "required"),
                        ])),
                    FormMarkup.label(
                        .words(form.due + " "), FormMarkup.input([.attr("type", "date"), .attr("name", "due")])),
                    FormMarkup.labelledSelect(
                        name: "assignee", label: form.assignee, choices: form.choices, empty: nil),
                    FormMarkup.button(form.button))))
    }

    /// The support plan: services with objectives, action plan and ends; a form to plan one more.
    static func plan(_ panel: CaseworkPanel) -> Content {
        let form = panel.planForm
        return .section(
            .attr("id", "plan"),
            .h2(.words(panel.planHeading)),
            panel.plan.isEmpty
                ? .p(.words(panel.noPlan))
                : .div(
                    .class("table-wrap"),
                    .table(
                        .attr("id", "plan-table"),
                        .thead(.tr(.forEach(panel.planColumns) { .th(.attr("scope", "col"), .words($0)) })),
                        .tbody(
                            .forEach(panel.plan) { row in
                                .tr(
                                    .td(.words(row.cells[0])),
                                    .forEach(Array(row.cells.dropFirst().dropLast())) {
                                        .td(.attr("translate", "no"), .words($0))
                                    },
                                    .td(
                                        row.finished
                                            ? .words(row.cells.last ?? "")
                                            : FormMarkup.form(
                                                method: "post", action: "/plan/\(row.id)", .class("inline"),
                                                FormMarkup.hidden("_csrf", panel.csrf),
                                                FormMarkup.hidden("case", panel.caseID),
                                                FormMarkup.input([
                                                    .attr("type", "date"), .attr("name", "actualEnd"),
                                                    .attr("aria-label", form.actualEnd), .attr("required", "required"),
                                                ]),
                                                FormMarkup.button(form.finish))))
                            }))),
            FormMarkup.form(
                method: "post", action: "/cases/\(panel.caseID)/plan", .class("stacked"),
                FormMarkup.hidden("_csrf", panel.csrf),
                FormMarkup.fieldset(
                    FormMarkup.legend(.words(form.legend)),
                    FormMarkup.labelledSelect(name: "type", label: form.type, choices: form.types, empty: nil),
                    FormMarkup.label(
                        .words(form.objectives + " "),
                        FormMarkup.textarea(
                            .attr("name", "objectives"), .attr("rows", "2"), .attr("maxlength", "2000"),
                            .attr("required", "required"))),
                    FormMarkup.label(
                        .words(form.actionPlan + " "),
                        FormMarkup.textarea(
                            .attr("name", "actionPlan"), .attr("rows", "3"), .attr("maxlength", "10000"))),
                    FormMarkup.label(
                        .words(form.plannedEnd + " "),
                        FormMarkup.input([.attr("type", "date"), .attr("name", "plannedEnd")])),
                    FormMarkup.button(form.button))))
    }

    static func notes(_ panel: CaseworkPanel) -> Content {
        let form = panel.noteForm
        return .section(
            .id("notes"),
            .h2(.words(panel.notesHeading)),
            panel.notes.isEmpty
                ? .p(.words(panel.noNotes))
                : .ol(
                    .class("notes"),
                    .forEach(panel.notes) { note in
                        .li(
                            .attr("id", note.id),
                            .p(
                                .class("meta"), .strong(.words(note.author)), .text(" · "), .words(note.when),
                                .unwrap(note.corrects) { .group(.text(" · "), .em(.words($0))) }),
                            .p(.class("note-text"), .attr("translate", "no"), .words(note.text)))
                    }),
            FormMarkup.form(
                method: "post", action: "/cases/\(panel.caseID)/notes", .class("stacked"),
                FormMarkup.hidden("_csrf", panel.csrf),
                FormMarkup.fieldset(
                    FormMarkup.legend(.words(form.legend)),
                    FormMarkup.label(
                        .words(form.text + " "),
                        FormMarkup.textarea(
                            .attr("name", "text"), .attr("rows", "4"), .attr("maxlength", "10000"),
                            .attr("required", "required"))),
                    .if(
                        !form.choices.isEmpty,
                        FormMarkup.labelledSelect(
                            name: "corrects", label: form.corrects, choices: form.choices, empty: form.none)),
                    FormMarkup.button(form.button))))
    }
}
