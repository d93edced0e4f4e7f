import Foundation
import PalermoCore
import PalermoReport
import PalermoStore
import Plot

/// An organisation's profile: its name and kind, and the minimum core its cases must record.
struct OrganisationProfilePage {
    let title: String
    let notice: String?
    let csrf: String
    let country: String
    let nameLabel: String
    let name: String
    let kindLabel: String
    let kinds: [Choice]
    let coreLegend: String
    let core: [Choice]
    let save: String

    init(_ w: Wording, organisation: OrganisationModel, csrf: String, notice: String?) {
        title = w("admin.organisation")
        self.notice = notice
        self.csrf = csrf
        country = w("admin.country") + ": " + w.country(organisation.country)
        nameLabel = w("home.name")
        name = organisation.name
        kindLabel = w("admin.kind")
        kinds = OrganisationKind.allCases.map {
            Choice(value: $0.rawValue, label: w("kind.\($0.rawValue)"), selected: $0.rawValue == organisation.kind)
        }
        coreLegend = w("admin.core")
        let chosen = CaseCore(stored: organisation.caseCore).items
        core = CaseCore.Item.allCases.map {
            Choice(value: $0.rawValue, label: w("core.\($0.rawValue)"), selected: chosen.contains($0))
        }
        save = w("admin.save")
    }

    var view: Node<HTML.BodyContext> {
        .group(
            .h1(.words(title)),
            .unwrap(notice) { .p(.class("notice"), .attr("role", "status"), .words($0)) },
            .p(.words(country)),
            FormMarkup.form(
                method: "post", action: "/admin/organisation", .class("stacked"),
                FormMarkup.hidden("_csrf", csrf),
                FormMarkup.label(
                    .words(nameLabel + " "),
                    FormMarkup.input([
                        .attr("type", "text"), .attr("name", "name"), .attr("value", name), .attr("maxlength", "200"),
                    ])),
                FormMarkup.labelledSelect(name: "kind", label: kindLabel, choices: kinds, empty: nil),
                FormMarkup.fieldset(
                    FormMarkup.legend(.words(coreLegend)),
                    .forEach(core) { item in
                        FormMarkup.label(
                            .class("check"),
                            FormMarkup.input(
                                [.attr("type", "checkbox"), .attr("name", "core"), .attr("value", item.value)]
                                    + (item.selected ? [.attr("checked", "checked")] : [])),
                            .text(" "), .words(item.label))
                    }),
                FormMarkup.button(save)))
    }
}

/// The system admin's organisations: every tenant, and a form for a new one.
struct OrganisationsPage {
    let title: String
    let notice: String?
    let csrf: String
    let columns: [String]
    let rows: [[String]]
    let legend: String
    let nameLabel: String
    let kindLabel: String
    let kinds: [Choice]
    let countryLabel: String
    let countries: [Choice]
    let create: String

    init(_ w: Wording, organisations: [(OrganisationModel, Int)], csrf: String, notice: String?) {
        title = w("admin.organisations")
        self.notice = notice
        self.csrf = csrf
        columns = ["home.name", "admin.kind", "admin.country", "admin.userCount"].map { w($0) }
        rows = organisations.map { organisation, users in
            [organisation.name, w("kind.\(organisation.kind)"), w.country(organisation.country), w.number(users)]
        }
        legend = w("admin.newOrganisation")
        nameLabel = w("home.name")
        kindLabel = w("admin.kind")
        kinds = OrganisationKind.allCases.map {
            Choice(value: $0.rawValue, label: w("kind.\($0.rawValue)"), selected: false)
        }
        countryLabel = w("admin.country")
        countries = w.countryChoices()
        create = w("admin.createOrganisation")
    }

    var view: Node<HTML.BodyContext> {
        .group(
            .h1(.words(title)),
            .unwrap(notice) { .p(.class("notice"), .attr("role", "status"), .words($0)) },
            .div(
                .class("table-wrap"),
                .table(
                    .attr("id", "organisations"),
                    .thead(.tr(.forEach(columns) { .th(.attr("scope", "col"), .words($0)) })),
                    .tbody(.forEach(rows) { row in .tr(.forEach(row) { .td(.words($0)) }) }))),
            FormMarkup.form(
                method: "post", action: "/admin/organisations", .class("stacked"),
                FormMarkup.hidden("_csrf", csrf),
                FormMarkup.fieldset(
                    FormMarkup.legend(.words(legend)),
                    FormMarkup.label(
                        .words(nameLabel + " "),
                        FormMarkup.input([
                            .attr("type", "text"), .attr("name", "name"), .attr("required", "required"),
                        ])),
                    FormMarkup.labelledSelect(name: "kind", label: kindLabel, choices: kinds, empty: nil),
                    FormMarkup.labelledSelect(name: "country", label: countryLabel, choices: countries, empty: nil),
                    FormMarkup.button(create))))
    }
}

/// The system's state for its admin: the database, the release, and the audit chain's last check. No case.
struct StatusPage {
    let title: String
    let csrf: String
    let lines: [(label: String, value: String)]
    let verify: String

    init(
        _ w: Wording, database: String, reachable: Bool, last: (at: Date, intact: Bool, problem: String?, by: String)?,
        csrf: String
    ) {
        title = w("admin.status")
        self.csrf = csrf
        lines = [
            (w("admin.database"), database + " · " + (reachable ? w("admin.reachable") : w("admin.unreachable"))),
            (w("admin.version"), Release.version),
            (
                w("admin.auditChain"),
                last.map { last in
                    w(
                        last.intact ? "admin.auditIntact" : "admin.auditBroken",
                        ["when": w.dateTime(last.at), "who": last.by])
                        + (last.problem.map { " " + $0 } ?? "")
                } ?? w("admin.auditNever")
            ),
        ]
        verify = w("admin.verify")
    }

    var view: Node<HTML.BodyContext> {
        .group(
            .h1(.words(title)),
            .dl(
                .attr("id", "status"),
                .forEach(lines) { line in .group(.dt(.words(line.label)), .dd(.words(line.value))) }),
            FormMarkup.form(
                method: "post", action: "/admin/status/verify", FormMarkup.hidden("_csrf", csrf),
                FormMarkup.button(verify)))
    }
}

/// The release this server runs.
enum Release {
    static let version = "0.12.0"
}
