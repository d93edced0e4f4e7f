import Foundation
import PalermoCore
import PalermoReport
import PalermoStore
import Plot

/// An organisation admin's users: each with its role, state and actions, and a form for a new user.
struct UsersPage {
    struct Row {
        let id: String
        let username: String
        let name: String
        let roles: [Choice]
        let state: String
        let disabled: Bool
        let isSelf: Bool
    }
    struct Labels {
        let username, name, role, state, actions, change, disable, enable, unlock, revoke, reset, newPassword: String
        let create, password, createButton: String
    }

    let title: String
    let notice: String?
    let problems: [String]
    let csrf: String
    let rows: [Row]
    let labels: Labels
    let newRoles: [Choice]

    init(_ w: Wording, users: [UserModel], me: Principal, csrf: String, notice: String?, problems: [String]) {
        title = w("admin.users")
        self.notice = notice
        self.problems = problems
        self.csrf = csrf
        let staff = me.role == .systemAdmin ? Role.allCases : Role.allCases.filter(Role.organisationStaff.contains)
        func roleChoices(_ current: String) -> [Choice] {
            staff.map { Choice(value: $0.rawValue, label: w("role.\($0.rawValue)"), selected: $0.rawValue == current) }
        }
        let now = Date()
        rows = users.map { user in
            Row(
                id: user.id?.uuidString ?? "", username: user.username, name: user.displayName,
                roles: roleChoices(user.role),
                state: user.disabledAt != nil
                    ? w("home.disabled")
                    : (user.lockedUntil ?? .distantPast) > now ? w("home.locked") : w("home.active"),
                disabled: user.disabledAt != nil, isSelf: user.id == me.userID)
        }
        labels = Labels(
            username: w("home.username"), name: w("home.name"), role: w("home.role"), state: w("home.state"),
            actions: w("work.action"), change: w("admin.changeRole"), disable: w("admin.disable"),
            enable: w("admin.enable"), unlock: w("admin.unlock"), revoke: w("admin.revoke"),
            reset: w("admin.reset"), newPassword: w("admin.newPassword"), create: w("admin.newUser"),
            password: w("admin.password"), createButton: w("admin.createUser"))
        newRoles = roleChoices(Role.caseworker.rawValue)
    }

    var view: Node<HTML.BodyContext> {
        .group(
            .h1(.words(title)),
            .unwrap(notice) { .p(.class("notice"), .attr("role", "status"), .words($0)) },
            .if(
                !problems.isEmpty,
                .div(.class("alert"), .attr("role", "alert"), .ul(.forEach(problems) { .li(.words($0)) }))),
            .div(
                .class("table-wrap"),
                .table(
                    .attr("id", "users"),
                    .thead(
                        .tr(
                            .forEach([labels.username, labels.name, labels.role, labels.state, labels.actions]) {
                                .th(.attr("scope", "col"), .words($0))
                            })),
                    .tbody(.forEach(rows) { row in userRow(row) }))),
            FormMarkup.form(
                method: "post", action: "/admin/users", .class("stacked"), .attr("id", "new-user"),
                FormMarkup.hidden("_csrf", csrf),
                FormMarkup.fieldset(
                    FormMarkup.legend(.words(labels.create)),
                    textInput("username", labels.username, type: "text"),
                    textInput("displayName", labels.name, type: "text"),
                    FormMarkup.labelledSelect(name: "role", label: labels.role, choices: newRoles, empty: nil),
                    textInput("password", labels.password, type: "password"),
                    FormMarkup.button(labels.createButton))))
    }

    func textInput(_ name: String, _ label: String, type: String) -> Node<HTML.BodyContext> {
        FormMarkup.label(
            .words(label + " "),
            FormMarkup.input([
                .attr("type", type), .attr("name", name), .attr("required", "required"),
                .attr("autocomplete", type == "password" ? "new-password" : "off"),
            ]))
    }

    func action(
        _ row: Row, _ name: String, _ label: String, _ extra: Node<HTML.BodyContext> = .empty
    )
        -> Node<HTML.BodyContext>
    {
        FormMarkup.form(
            method: "post", action: "/admin/users/\(row.id)", .class("inline"),
            FormMarkup.hidden("_csrf", csrf), FormMarkup.hidden("action", name), extra, FormMarkup.button(label))
    }

    func userRow(_ row: Row) -> Node<HTML.TableContext> {
        .tr(
            .attr("id", "user-\(row.username)"),
            .th(.attr("scope", "row"), .words(row.username)),
            .td(.words(row.name)),
            .td(
                row.isSelf
                    ? .words(row.roles.first(where: \.selected)?.label ?? "")
                    : action(
                        row, "role", labels.change,
                        .el(
                            "select", .attr("name", "role"), .attr("aria-label", labels.role),
                            FormMarkup.options(row.roles, empty: nil)))),
            .td(.words(row.state)),
            .td(
                .if(
                    !row.isSelf,
                    row.disabled ? action(row, "enable", labels.enable) : action(row, "disable", labels.disable)),
                action(row, "unlock", labels.unlock), action(row, "revoke", labels.revoke),
                action(
                    row, "reset", labels.reset,
                    FormMarkup.input([
                        .attr("type", "password"), .attr("name", "password"), .attr("aria-label", labels.newPassword),
                        .attr("autocomplete", "new-password"),
                    ]))))
    }
}
