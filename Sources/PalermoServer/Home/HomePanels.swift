import FluentKit
import Foundation
import PalermoCore
import PalermoReport
import PalermoStore
import Vapor

/// The panels of the home pages, each from its own query.
struct HomePanels {
    let req: Request
    let principal: Principal
    let w: Wording

    typealias Cell = HomePage.Cell

    /// A caseworker's day: tasks due and overdue, her open cases, what others changed on them.
    func mine() async throws -> [HomePage.Panel] {
        let store = req.store
        let tasks = try await store.tasks.open(assignedTo: principal.userID, by: principal, limit: 50)
        let today = CaseTasks.today()
        let overdue = tasks.filter { $0.isOverdue(today: today) }.count
        var query = CaseQuery(perPage: 10, owner: .user(principal.userID))
        query.openOnly = true
        let cases = try await store.cases.list(query, by: principal)
        let changes = try await store.dashboard.changesByOthers(for: principal)
        let returned = try await store.approvals.returned(to: principal)
        let returnedPanel = HomePage.Panel(
            id: "returned", heading: w("home.returned"), lines: [],
            table: HomePage.Table(
                caption: w("home.returned"),
                columns: ["cases.code", "approval.what", "approval.comment"].map { w($0) },
                rows: returned.map { approval in
                    [
                        Cell(text: approval.caseCode ?? "—", href: "/cases/\(approval.caseID)#approvals"),
                        Cell(text: w("approval.kind.\(approval.kind.rawValue)"), href: nil),
                        Cell(text: approval.comment ?? "", href: nil, asTyped: true),
                    ]
                }, highlighted: returned.map { _ in true }),
            empty: nil)
        return (returned.isEmpty ? [] : [returnedPanel]) + [
            HomePage.Panel(
                id: "my-tasks", heading: w("home.myTasks"),
                lines: [
                    Cell(
                        text: w("home.tasksSummary", ["n": w.number(tasks.count), "late": w.number(overdue)]), href: nil
                    )
                ],
                table: HomePage.Table(
                    caption: w("home.myTasks"),
                    columns: ["work.taskTitle", "cases.code", "work.due", "work.state"].map { w($0) },
                    rows: tasks.map { task in
                        [
                            Cell(text: task.title, href: "/cases/\(task.caseID)#task-\(task.id)", asTyped: true),
                            Cell(text: task.caseCode ?? "—", href: "/cases/\(task.caseID)"),
                            Cell(text: task.dueOn.flatMap(CaseValidator.parseDate).map(w.date) ?? "—", href: nil),
                            Cell(text: task.isOverdue(today: today) ? w("work.overdue") : w("work.open"), href: nil),
                        ]
                    }, highlighted: tasks.map { $0.isOverdue(today: today) }),
                empty: w("home.noTasks")),
            HomePage.Panel(
                id: "my-cases", heading: w("home.myCases"),
                lines: [
                    Cell(text: w("home.openCases", ["n": w.number(cases.total)]), href: "/cases?owner=me")
                ],
                table: HomePage.Table(
                    caption: w("home.myCases"), columns: ["cases.code", "cases.name", "cases.status"].map { w($0) },
                    rows: cases.items.map { item in
                        [
                            Cell(text: item.caseCode, href: "/cases/\(item.id)"),
                            Cell(text: item.name ?? "—", href: nil, asTyped: true),
                            Cell(text: item.status.map { w.picklist("status", $0) } ?? "—", href: nil),
                        ]
                    }, highlighted: cases.items.map { _ in false }),
                empty: w("home.noCases")),
            HomePage.Panel(
                id: "changes", heading: w("home.changes"), lines: [],
                table: HomePage.Table(
                    caption: w("home.changes"),
                    columns: ["history.when", "cases.code", "history.who", "history.what"].map { w($0) },
                    rows: changes.map { entry, code in
                        [
                            Cell(text: w.dateTime(entry.at), href: nil),
                            Cell(text: code, href: entry.caseID.map { "/cases/\($0)#history" }),
                            Cell(text: entry.actorName, href: nil),
                            Cell(text: w("action.\(entry.action.rawValue)"), href: nil),
                        ]
                    }, highlighted: changes.map { _ in false }),
                empty: w("home.noChanges")),
        ]
    }

    /// A supervisor's team: each person's load and overdue tasks, and the cases nobody owns.
    func team() async throws -> [HomePage.Panel] {
        let workload = try await req.store.dashboard.workload(by: principal)
        let unassigned = try await req.store.dashboard.unassignedCount(by: principal)
        let waiting = try await req.store.approvals.waiting(by: principal)
        return [
            HomePage.Panel(
                id: "approvals", heading: w("home.approvals"), lines: [],
                table: HomePage.Table(
                    caption: w("home.approvals"),
                    columns: ["cases.code", "approval.what", "approval.by", "history.when"].map { w($0) },
                    rows: waiting.map { approval in
                        [
                            Cell(text: approval.caseCode ?? "—", href: "/cases/\(approval.caseID)#approvals"),
                            Cell(text: w("approval.kind.\(approval.kind.rawValue)"), href: nil),
                            Cell(text: approval.requestedBy, href: nil),
                            Cell(text: approval.requestedAt.map(w.dateTime) ?? "", href: nil),
                        ]
                    }, highlighted: waiting.map { _ in false }),
                empty: w("home.noApprovals")),
            HomePage.Panel(
                id: "team", heading: w("home.team"),
                lines: [Cell(text: w("home.unassigned", ["n": w.number(unassigned)]), href: "/cases?owner=unassigned")],
                table: HomePage.Table(
                    caption: w("home.team"),
                    columns: ["home.person", "home.openCasesColumn", "home.openTasks", "work.overdue"].map { w($0) },
                    rows: workload.map { person in
                        [
                            Cell(text: person.name, href: "/cases?owner=\(person.userID)"),
                            Cell(text: w.number(person.openCases), href: nil),
                            Cell(text: w.number(person.openTasks), href: nil),
                            Cell(text: w.number(person.overdueTasks), href: nil),
                        ]
                    }, highlighted: workload.map { $0.overdueTasks > 0 }),
                empty: w("home.noStaff")),
        ]
    }

    /// An organisation admin's users (a system admin's: those of their own organisation).
    func users() async throws -> HomePage.Panel {
        let users = try await UserModel.query(on: req.store.database)
            .filter(\.$organisation.$id == principal.organisationID).sort(\.$username).all()
        let now = Date()
        return HomePage.Panel(
            id: "users", heading: w("home.users"), lines: [Cell(text: w("home.manageUsers"), href: "/admin/users")],
            table: HomePage.Table(
                caption: w("home.users"),
                columns: ["home.username", "home.name", "home.role", "home.state"].map { w($0) },
                rows: users.map { user in
                    [
                        Cell(text: user.username, href: nil), Cell(text: user.displayName, href: nil),
                        Cell(text: w("role.\(user.role)"), href: nil),
                        Cell(
                            text: user.disabledAt != nil
                                ? w("home.disabled")
                                : (user.lockedUntil ?? .distantPast) > now ? w("home.locked") : w("home.active"),
                            href: nil),
                    ]
                }, highlighted: users.map { $0.disabledAt != nil }),
            empty: nil)
    }

    /// Aggregate roles: a few figures and the way to the statistics.
    func statistics() async throws -> HomePage.Panel {
        let exploitation = try await StatisticsService.caseStatistics(req).breakdown(by: .exploitation, for: principal)
        // Withheld counts come last: the first three shown are the largest released.
        let top = exploitation.cells.compactMap { cell in cell.count.map { (cell.category, $0) } }.prefix(3)
        let total =
            exploitation.total.map { w.number($0) } ?? w("stats.fewer", ["n": w.number(exploitation.threshold ?? 5)])
        return HomePage.Panel(
            id: "statistics", heading: w("home.statistics"),
            lines: [Cell(text: w("home.casesInScope", ["n": total]), href: "/stats")]
                + top.map { category, count in
                    Cell(text: w.picklist("typeofexploitation", category) + ": " + w.number(count), href: nil)
                },
            table: nil, empty: nil)
    }
}
