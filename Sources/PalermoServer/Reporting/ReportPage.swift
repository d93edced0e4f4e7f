import Foundation
import PalermoCore
import PalermoReport
import PalermoStore
import Plot

/// `/rounds/{id}/report`: the State's report for a round, as its focal point files it.
struct ReportPage {
    let roundID: String
    let title: String
    let intro: String
    let planLabel: String
    let planTitle: String
    let form: ReportForm
    let csrf: String
    let problemsHeading: String
    let problems: [String]
    let evidence: EvidenceList
    let notice: String?
    let contributionsHeading: String
    /// What each of the State's agencies contributed: its name, its answers (question, answer) and its note.
    let contributions: [(agency: String, answers: [(question: String, answer: String)], note: String)]

    init(
        _ w: Wording, round: RoundRecord, plan: NationalPlanRecord, form: ReportForm, evidence: [EvidenceRecord],
        contributions: [ContributionRecord] = [], csrf: String, problems: [String], notice: String? = nil
    ) {
        contributionsHeading = w("report.contributions")
        self.contributions = contributions.map { record in
            (
                record.organisationName,
                record.contribution.answers.compactMap { answer in
                    round.round.questions.indices.contains(answer.question)
                        ? (round.round.questions[answer.question], answer.text) : nil
                }, record.contribution.note
            )
        }
        self.notice = notice
        roundID = round.id.uuidString
        title = w("report.title", ["round": round.round.title])
        intro = w("report.intro")
        planLabel = w("report.plan")
        planTitle = plan.plan.title
        self.form = form
        self.evidence = EvidenceList(w, round: round.id, records: evidence, removable: round.open)
        self.csrf = csrf
        problemsHeading = w("work.refused")
        self.problems = problems
    }

    var view: Node<HTML.BodyContext> {
        .group(
            .h1(.attr("translate", "no"), .words(title)),
            .p(.words(planLabel + ": "), .span(.attr("translate", "no"), .words(planTitle))),
            .p(.words(intro)),
            FormMarkup.refused(problemsHeading, problems),
            .unwrap(notice) { .p(.class("notice"), .attr("role", "status"), .words($0)) },
            importForm,
            .if(
                !contributions.isEmpty,
                .section(
                    .id("report-contributions"),
                    .h2(.words(contributionsHeading)),
                    .forEach(contributions) { contribution in
                        .details(
                            .summary(.attr("translate", "no"), .words(contribution.agency)),
                            .dl(
                                .attr("translate", "no"),
                                .forEach(contribution.answers) { item in
                                    .group(.dt(.words(item.question)), .dd(.words(item.answer)))
                                }),
                            .if(!contribution.note.isEmpty, .p(.attr("translate", "no"), .words(contribution.note))))
                    })),
            FormMarkup.form(
                method: "post", action: "/rounds/\(roundID)/report", .class("stacked"), .id("report-form"),
                FormMarkup.hidden("_csrf", csrf),
                .h2(.words(form.label("report.measures"))),
                .forEach(form.measures) { measure($0) },
                .h2(.words(form.label("report.indicators"))),
                .forEach(form.indicators) { indicator($0) },
                .if(
                    !form.followUps.isEmpty,
                    .group(.h2(.words(form.label("report.followUp"))), .forEach(form.followUps) { followUp($0) })),
                .if(
                    !form.questions.isEmpty,
                    .group(
                        .h2(.words(form.label("report.questions"))),
                        .forEach(form.questions) { question in
                            .group(
                                FormMarkup.label(
                                    .span(.attr("translate", "no"), .words(question.text + " ")),
                                    FormMarkup.textarea(
                                        .attr("name", question.key), .attr("rows", "4"), .attr("maxlength", "10000"),
                                        .attr("translate", "no"),
                                        .words(question.answer))),
                                .unwrap(question.from) { .p(.class("hint"), .attr("translate", "no"), .words($0)) })
                        })),
                FormMarkup.button(form.label("report.file"))),
            evidence.view(csrf: csrf))
    }

    /// Answers already given (the Conference of the Parties' checklist) read from a sheet into the form.
    var importForm: Node<HTML.BodyContext> {
        .if(
            !form.questions.isEmpty,
            FormMarkup.form(
                method: "post", action: "/rounds/\(roundID)/report/answers", .attr("enctype", "multipart/form-data"),
                .class("stacked"), .id("answers-form"),
                FormMarkup.hidden("_csrf", csrf),
                FormMarkup.fieldset(
                    FormMarkup.legend(.words(form.label("report.import"))),
                    FormMarkup.label(
                        .words(form.label("report.importFile") + " "),
                        FormMarkup.input([
                            .attr("type", "file"), .attr("name", "file"), .attr("required", "required"),
                            .attr("accept", ".csv,.xlsx"),
                        ])),
                    .p(.class("hint"), .words(form.label("report.importHint"))),
                    FormMarkup.button(form.label("report.importButton")))))
    }

    func measure(_ measure: ReportForm.Measure) -> Node<HTML.BodyContext> {
        FormMarkup.fieldset(
            FormMarkup.legend(.attr("translate", "no"), .words(measure.heading)),
            FormMarkup.labelledSelect(
                name: "progress." + measure.key, label: form.label("report.progress"), choices: measure.progress,
                empty: form.label("report.noProgress")),
            FormMarkup.label(
                .words(form.label("report.spent") + " "),
                FormMarkup.input([
                    .attr("type", "number"), .attr("name", "spent." + measure.key), .attr("step", "any"),
                    .attr("min", "0"), .attr("value", measure.spent),
                ])),
            FormMarkup.label(
                .words(form.label("report.note") + " "),
                FormMarkup.input([
                    .attr("type", "text"), .attr("name", "note." + measure.key), .attr("maxlength", "2000"),
                    .attr("value", measure.note),
                ])))
    }

    func followUp(_ item: ReportForm.FollowUp) -> Node<HTML.BodyContext> {
        FormMarkup.fieldset(
            FormMarkup.legend(.attr("translate", "no"), .words(item.text)),
            FormMarkup.labelledSelect(
                name: item.key + ".progress", label: form.label("report.progress"), choices: item.progress,
                empty: form.label("report.noProgress")),
            FormMarkup.label(
                .words(form.label("report.note") + " "),
                FormMarkup.input([
                    .attr("type", "text"), .attr("name", item.key + ".note"), .attr("maxlength", "2000"),
                    .attr("value", item.note),
                ])))
    }

    func indicator(_ indicator: ReportForm.Indicator) -> Node<HTML.BodyContext> {
        FormMarkup.fieldset(
            FormMarkup.legend(.attr("translate", "no"), .words(indicator.heading)),
            .unwrap(
                indicator.computed,
                { computed in
                    .group(
                        .p(
                            .class("computed"), .attr("id", "computed-" + indicator.key),
                            .strong(.words(computed.value)), .text(" · "), .words(form.label("report.computed"))),
                        .details(
                            .summary(.words(form.label("report.query"))),
                            .pre(.attr("translate", "no"), .code(.words(computed.query)))))
                },
                else: .group(
                    FormMarkup.label(
                        .words(form.label("report.value") + " "),
                        FormMarkup.input([
                            .attr("type", "number"), .attr("name", "value." + indicator.key), .attr("step", "any"),
                            .attr("value", indicator.value),
                        ])),
                    FormMarkup.label(
                        .words(form.label("report.source") + " "),
                        FormMarkup.input([
                            .attr("type", "text"), .attr("name", "source." + indicator.key),
                            .attr("maxlength", "500"), .attr("value", indicator.source),
                        ])))))
    }
}
