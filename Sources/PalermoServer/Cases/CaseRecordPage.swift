import Foundation
import PalermoCore
import PalermoReport
import Plot

/// One case as its caseworker reads it: the fields by section, and who did what to it.
struct CaseRecordPage {
    struct Item { let label: String; let protected: Bool; let value: String }
    struct Section { let heading: String; let items: [Item] }
    let savedNotice: String?
    let problemsHeading: String
    let problems: [String]
    let code: String
    let meta: String
    let editHref: String
    let editLabel: String
    let protectedLabel: String
    let sections: [Section]
    let panel: CaseworkPanel
    let referrals: ReferralPanel?
    let screening: ScreeningPanel?
    let history: CaseHistory

    init(
        _ w: Wording, record: CaseRecord, history: [AuditRecord], saved: Bool, panel: CaseworkPanel,
        referrals: ReferralPanel? = nil, screening: ScreeningPanel? = nil, problems: [String], showViews: Bool
    ) {
        self.referrals = referrals
        self.screening = screening
        savedNotice = saved ? w("case.saved") : nil
        problemsHeading = w("work.refused")
        self.problems = problems
        code = record.caseCode
        meta = w("case.meta", ["version": w.number(record.version), "created": record.createdAt.map(w.dateTime) ?? ""])
        editHref = "/cases/\(record.id)/edit"
        editLabel = w("case.edit")
        protectedLabel = w("case.protected")
        sections = HTCDSField.Section.allCases.compactMap { section in
            let items = HTCDS.fields.filter { $0.section == section }.compactMap { field -> Item? in
                record.fields[field.name].map {
                    Item(label: w.label(field), protected: field.personal, value: Self.display($0, field, w))
                }
            }
            return items.isEmpty ? nil : Section(heading: w("section.\(section.rawValue)"), items: items)
        }
        self.panel = panel
        self.history = CaseHistory(w, caseID: record.id, entries: history, showViews: showViews)
    }

    /// How a value reads: picklist labels instead of codes, country names instead of codes.
    static func display(_ value: FieldValue, _ field: HTCDSField, _ w: Wording) -> String {
        switch field.kind {
        case .one(let list), .many(let list): value.values.map { w.picklist(list, $0) }.joined(separator: ", ")
        case .country: value.values.map(w.country).joined(separator: ", ")
        case .boolean: value.description == "TRUE" ? w("yes") : w("no")
        case .date: CaseValidator.parseDate(value.description).map(w.date) ?? value.description
        case .text: value.description
        }
    }

    var view: Node<HTML.BodyContext> {
        .group(
            .unwrap(savedNotice) { .p(.class("notice"), .attr("role", "status"), .words($0)) },
            FormMarkup.refused(problemsHeading, problems),
            .h1(.words(code)),
            .p(.class("meta"), .words(meta)),
            .p(.a(.class("button"), .attr("href", editHref), .words(editLabel))),
            CaseworkPanelView.render(panel),
            .unwrap(screening) { ScreeningPanelView.render($0) },
            .unwrap(referrals) { ReferralPanelView.render($0) },
            .forEach(sections) { section in
                .section(
                    .h2(.words(section.heading)),
                    .dl(
                        .forEach(section.items) { item in
                            .group(
                                .dt(
                                    .words(item.label),
                                    .if(
                                        item.protected,
                                        .group(.text(" "), .span(.class("badge"), .words(protectedLabel))))),
                                .dd(.words(item.value)))
                        }))
            },
            Self.historyView(history)
        )
    }

    static func historyView(_ history: CaseHistory) -> Node<HTML.BodyContext> {
        .section(
            .id("history"),
            .h2(.words(history.heading)),
            .unwrap(history.viewsToggle) { toggle in
                .p(.class("meta"), .words(toggle.text + " "), .a(.attr("href", toggle.href), .words(toggle.label)))
            },
            .div(
                .class("table-wrap"),
                .table(
                    .id("history-table"),
                    .thead(.tr(.forEach(history.columns) { .th(.attr("scope", "col"), .words($0)) })),
                    .tbody(
                        .forEach(history.events) { event in
                            .tr(
                                .td(.words(event.when)), .td(.words(event.who)), .td(.words(event.what)),
                                .td(.words(event.details)))
                        })
                )))
    }
}
