import Foundation
import PalermoCore
import PalermoReport
import PalermoStore
import Plot

/// `/practices/{id}`: one practice in full, with the Plan's paragraphs it carries out; the reviewer's decision
/// while it waits.
struct PracticePage {
    let id: String
    let title: String
    let facts: [String]
    let paragraphsLabel: String
    let paragraphs: [(label: String, href: String)]
    let parts: [(heading: String, text: String)]
    let comment: String?
    let review: (publish: String, ret: String, comment: String)?
    let csrf: String
    let problemsHeading: String
    let problems: [String]

    init(_ w: Wording, record: PracticeRecord, reviewer: Bool, csrf: String, problems: [String]) {
        let practice = record.practice
        id = record.id.uuidString
        title = practice.title
        facts = [
            w("practices.country") + ": " + w.country(practice.country),
            w("practices.theme") + ": " + w("plan.section.\(practice.theme)"),
            w("plans.status") + ": " + w("practices.status.\(record.status.rawValue)"),
        ]
        paragraphsLabel = w("practices.paragraphs")
        paragraphs = practice.paragraphs.map { (w("plans.paragraph", ["n": $0]), "/plan#p\($0)") }
        parts = [
            (w("practices.summary"), practice.summary), (w("practices.results"), practice.results),
            (w("practices.evidence"), practice.evidence), (w("practices.contact"), practice.contact),
        ].filter { !$0.1.isEmpty }
        comment = record.comment.map { w("plans.returned", ["comment": $0]) }
        review =
            reviewer && record.status == .submitted
            ? (w("practices.publish"), w("plans.step.return"), w("plans.comment")) : nil
        self.csrf = csrf
        problemsHeading = w("work.refused")
        self.problems = problems
    }

    var view: Node<HTML.BodyContext> {
        .group(
            .h1(.attr("translate", "no"), .words(title)),
            FormMarkup.refused(problemsHeading, problems),
            .ul(.class("facts"), .forEach(facts) { .li(.words($0)) }),
            .p(
                .strong(.words(paragraphsLabel + ": ")),
                .forEach(paragraphs) { paragraph in
                    .group(.a(.attr("href", paragraph.href), .words(paragraph.label)), .text(" "))
                }),
            .forEach(parts) { part in
                .section(.h2(.words(part.heading)), .p(.attr("translate", "no"), .words(part.text)))
            },
            .unwrap(comment) { .p(.class("notice"), .words($0)) },
            .unwrap(review) { review in
                .group(
                    FormMarkup.form(
                        method: "post", action: "/practices/\(id)/publish", .class("inline"), .id("practice-publish"),
                        FormMarkup.hidden("_csrf", csrf), FormMarkup.button(review.publish)),
                    FormMarkup.form(
                        method: "post", action: "/practices/\(id)/return", .class("inline"), .id("practice-return"),
                        FormMarkup.hidden("_csrf", csrf),
                        FormMarkup.label(
                            .words(review.comment + " "),
                            FormMarkup.input([
                                .attr("type", "text"), .attr("name", "comment"), .attr("maxlength", "2000"),
                            ])),
                        FormMarkup.button(review.ret)))
            })
    }
}
