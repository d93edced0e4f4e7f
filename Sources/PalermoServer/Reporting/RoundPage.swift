import Foundation
import PalermoCore
import PalermoReport
import PalermoStore
import Plot

/// `/rounds/{id}`: a round, its questions and the States' reports; the secretariat closes it, a State's focal
/// point goes to its report while it is open.
struct RoundPage {
    let id: String
    let title: String
    /// (label, value, the value as typed): typed values are kept from page translators.
    let facts: [(label: String, value: String, verbatim: Bool)]
    let questionsHeading: String
    let questions: [String]
    let reportsHeading: String
    let columns: [String]
    let reports: [[String]]
    let none: String
    let links: [(label: String, href: String, id: String)]
    let close: String?
    let csrf: String
    let recommendationsHeading: String
    let recommendations: [(country: String, text: String)]
    let noRecommendations: String
    /// The secretariat's form for a recommendation: legend, country label and choices, text label, button.
    let recommend: (legend: String, country: String, countries: [Choice], text: String, button: String)?
    let problemsHeading: String
    let problems: [String]
    let evidence: EvidenceList

    init(
        _ w: Wording, record: RoundRecord, reports: [ReportRecord], recommendations: [RecommendationRecord],
        evidence: [EvidenceRecord], principal: Principal, contributes: Bool = false, csrf: String,
        problems: [String] = []
    ) {
        self.evidence = EvidenceList(w, round: record.id, records: evidence, removable: false, showsCountry: true)
        let round = record.round
        id = record.id.uuidString
        title = round.title
        facts = [
            (w("rounds.theme"), round.theme, true), (w("plans.period"), RoundsPage.period(round, w), false),
            (w("plans.status"), w(record.open ? "rounds.open" : "rounds.closed"), false),
        ]
        questionsHeading = w("rounds.questions")
        questions = round.questions
        reportsHeading = w("rounds.reports")
        columns = ["plans.country", "report.measures", "report.indicators", "rounds.filed"].map { w($0) }
        self.reports = reports.map { report in
            [
                w.country(report.country), w.number(report.report.measures.count),
                w.number(report.report.indicators.count),
                report.updatedAt.map { w.dateTime($0) } ?? "—",
            ]
        }
        none = w("rounds.noReports")
        var links = [(w("appraisal.title"), "/appraisal?round=\(record.id)", "round-appraisal")]
        if record.open && principal.role == .nationalCoordinator {
            links.insert((w("rounds.fileReport"), "/rounds/\(record.id)/report", "round-report"), at: 0)
        }
        if record.open && contributes {
            links.insert((w("rounds.contribute"), "/rounds/\(record.id)/contribution", "round-contribute"), at: 0)
        }
        self.links = links
        close = record.open && principal.role == .systemAdmin ? w("rounds.close") : nil
        self.csrf = csrf
        recommendationsHeading = w("rounds.recommendations")
        self.recommendations = recommendations.map { (w.country($0.recommendation.country), $0.recommendation.text) }
        noRecommendations = w("rounds.noRecommendations")
        recommend =
            principal.role == .systemAdmin
            ? (
                w("rounds.recommend"), w("plans.country"), w.countryChoices(reports.map(\.country)),
                w("rounds.recommendation"), w("rounds.recommendButton")
            ) : nil
        problemsHeading = w("work.refused")
        self.problems = problems
    }

    var view: Node<HTML.BodyContext> {
        .group(
            .h1(.attr("translate", "no"), .words(title)),
            .ul(
                .class("facts"),
                .forEach(facts) { fact in
                    .li(
                        .words(fact.label + ": "),
                        .span(fact.verbatim ? .attr("translate", "no") : .empty, .words(fact.value)))
                }),
            .p(
                .forEach(links) { link in
                    .group(.a(.attr("href", link.href), .attr("id", link.id), .words(link.label)), .text(" "))
                }),
            .if(
                !questions.isEmpty,
                .section(
                    .h2(.words(questionsHeading)),
                    .ol(.forEach(questions) { .li(.attr("translate", "no"), .words($0)) }))),
            .section(
                .id("round-reports"),
                .h2(.words(reportsHeading)),
                reports.isEmpty
                    ? .p(.words(none))
                    : ReferralPanelView.table(
                        "", columns, reports.map { row in .tr(.forEach(row) { .td(.words($0)) }) })),
            evidence.view(csrf: csrf),
            FormMarkup.refused(problemsHeading, problems),
            .section(
                .id("round-recommendations"),
                .h2(.words(recommendationsHeading)),
                recommendations.isEmpty
                    ? .p(.words(noRecommendations))
                    : .ul(
                        .forEach(recommendations) { item in
                            .li(
                                .strong(.words(item.country + ": ")), .span(.attr("translate", "no"), .words(item.text))
                            )
                        }),
                .unwrap(recommend) { form in
                    FormMarkup.form(
                        method: "post", action: "/rounds/\(id)/recommendations", .class("stacked"),
                        .id("recommend-form"), FormMarkup.hidden("_csrf", csrf),
                        FormMarkup.fieldset(
                            FormMarkup.legend(.words(form.legend)),
                            FormMarkup.labelledSelect(
                                name: "country", label: form.country, choices: form.countries, empty: nil),
                            FormMarkup.label(
                                .words(form.text + " "),
                                FormMarkup.textarea(
                                    .attr("name", "text"), .attr("rows", "3"), .attr("maxlength", "2000"),
                                    .attr("required", "required"))),
                            FormMarkup.button(form.button)))
                }),
            .unwrap(close) { label in
                FormMarkup.form(
                    method: "post", action: "/rounds/\(id)/close", .class("inline"), .id("round-close"),
                    FormMarkup.hidden("_csrf", csrf), FormMarkup.button(label))
            })
    }
}
