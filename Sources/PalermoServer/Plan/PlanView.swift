import PalermoReport
import Plot

/// Lays out the Plan, a section to a heading and a paragraph to an article.
enum PlanView {
    typealias Content = Node<HTML.BodyContext>

    static func render(_ page: PlanPage) -> Content {
        .group(
            .h1(.words(page.title)),
            .p(.words(page.intro)),
            .p(.class("hint"), .words(page.source)),
            .forEach(page.sections) { section in
                .section(
                    .class("plan-section"),
                    .h2(.words(section.heading)),
                    .forEach(section.paragraphs) { paragraph($0, page) })
            })
    }

    static func paragraph(_ p: PlanPage.Paragraph, _ page: PlanPage) -> Content {
        .article(
            .attr("id", p.id), .class("plan-paragraph"),
            .h3(
                .span(.class("number"), .words(p.number + " ")),
                .unwrap(p.title) { title in
                    .strong(.unwrap(p.titleLanguage) { .attr("lang", $0) }, .words(title))
                }),
            .forEach(p.remarks) { .p(.class("meta"), .words($0)) },
            .unwrap(p.text) { .p(.attr("lang", "en"), .words($0)) },
            .unwrap(p.actors) { .p(.strong(.words(page.labels.actors + ": ")), .words($0)) },
            .if(
                !p.indicators.isEmpty,
                .group(
                    .p(.strong(.words(page.labels.indicators))),
                    .ul(
                        .forEach(p.indicators) { indicator in
                            .li(.unwrap(indicator.language) { .attr("lang", $0) }, .words(indicator.text))
                        }))),
            .if(
                !p.computed.isEmpty,
                .p(.strong(.words(page.labels.computed + ": ")), .words(p.computed.joined(separator: ", ")))))
    }
}
