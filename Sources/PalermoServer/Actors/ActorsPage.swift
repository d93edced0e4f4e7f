import Foundation
import PalermoCore
import PalermoReport
import PalermoStore
import Plot

/// `/actors`: the Plan's actors as Palermo's organisations, grouped as the Plan addresses them, each group with the
/// paragraphs addressed to it and what its organisations have published.
struct ActorsPage {
    struct Group {
        let id: String
        let heading: String
        let addressed: String
        let paragraphs: [(label: String, href: String)]
        let rows: [[String]]
    }

    let title: String
    let intro: String
    let columns: [String]
    let groups: [Group]
    let none: String

    init(_ w: Wording, actors: [ActorRecord]) {
        title = w("actors.title")
        intro = w("actors.intro")
        columns = [
            "actors.name", "actors.kind", "plans.country", "appraisal.region", "actors.plans", "actors.practices",
        ].map { w($0) }
        let plan = PlanOfAction.current
        groups = ActorGroup.allCases.map { group in
            let paragraphs = plan.map { group.paragraphs(in: $0) } ?? []
            return Group(
                id: "actors-\(group.rawValue)", heading: w("actors.group.\(group.rawValue)"),
                addressed: w("actors.addressed", ["count": w.number(paragraphs.count)]),
                paragraphs: paragraphs.map { (w("plans.paragraph", ["n": $0.number]), "/plan#p\($0.number)") },
                rows: actors.filter { $0.group == group }.map { actor in
                    [
                        actor.name, w("kind.\(actor.kind.rawValue)"), w.country(actor.country),
                        actor.region.map(w.region) ?? "—", w.number(actor.plans), w.number(actor.practices),
                    ]
                })
        }
        none = w("actors.none")
    }

    var view: Node<HTML.BodyContext> {
        .group(
            .h1(.words(title)),
            .p(.words(intro)),
            .forEach(groups) { group in
                .section(
                    .attr("id", group.id),
                    .h2(.words(group.heading)),
                    .if(
                        !group.paragraphs.isEmpty,
                        .details(
                            .summary(.words(group.addressed)),
                            .p(
                                .forEach(group.paragraphs) { paragraph in
                                    .group(.a(.attr("href", paragraph.href), .words(paragraph.label)), .text(" "))
                                }))),
                    group.rows.isEmpty
                        ? .p(.words(none))
                        : ReferralPanelView.table(
                            "", columns,
                            group.rows.map { row in
                                .tr(
                                    .td(.attr("translate", "no"), .words(row.first ?? "")),
                                    .forEach(row.dropFirst()) { .td(.words($0)) })
                            }))
            })
    }
}
