import Fluent
import Foundation
import PalermoCore
import PalermoStore
import Vapor

/// Gives the demo a working day: cases owned by the caseworkers (a few left for the supervisor to assign),
/// tasks due and overdue, notes, and a closure waiting for approval, so every home page has something on it.
enum DemoCasework {
    static func load(into app: Application) async throws {
        let store = app.palermo.store
        let users = try await UserModel.query(on: store.database).all()
        for user in users where user.role == Role.caseworker.rawValue {
            guard let worker = user.principal else { continue }
            let assigner = supervisor(of: worker, in: users) ?? worker.asSupervisor
            let page = try await store.cases.list(CaseQuery(perPage: 200, sort: .code, descending: false), by: worker)
            // The first few of each organisation stay unassigned, for the supervisor's list.
            let ids = page.items.map(\.id)
            let owned = Array(ids.dropFirst(min(4, ids.count / 10)))
            if !owned.isEmpty {
                _ = try await store.assignment.assign(owned, owner: worker.userID, assignees: nil, by: assigner)
            }
            if worker.username == "amina" { try await dayOf(worker, cases: Array(owned.prefix(8)), store: store) }
        }
    }

    /// Amina's day: two tasks overdue, two due soon, notes, and one closure waiting for Brian.
    static func dayOf(_ amina: Principal, cases: [UUID], store: Store) async throws {
        guard cases.count >= 5 else { return }
        let today = Date()
        func day(_ offset: Int) -> String { CaseTasks.today(today.addingTimeInterval(Double(offset) * 86_400)) }
        let tasks: [(Int, String, Int)] = [
            (0, "Call the legal aid clinic about the compensation claim", -3),
            (1, "Accompany her to the medical check-up", -1),
            (2, "Follow up with the labour inspectorate", 2),
            (3, "Review the safety plan before the court hearing", 6),
        ]
        for (index, title, offset) in tasks {
            _ = try await store.tasks.add(title, due: day(offset), assignee: amina.userID, to: cases[index], by: amina)
        }
        _ = try await store.notes.add(
            "First interview held with an interpreter. She wants to contact her family first.", to: cases[0],
            corrects: nil, by: amina)
        _ = try await store.notes.add(
            "Shelter place confirmed until the end of the month.", to: cases[1], corrects: nil, by: amina)
        let record = try await store.cases.read(cases[4], by: amina)
        _ = try await store.cases.update(
            cases[4],
            changes: [
                "cas_Status": .text("Closed"),
                "cas_ReasonForCaseClosure": .text("Reunited with her family; services completed"),
                "cas_ClosureDate": .text(day(0)),
            ], expectedVersion: record.version, by: amina)
    }

    static func supervisor(of worker: Principal, in users: [UserModel]) -> Principal? {
        users.first {
            $0.$organisation.id == worker.organisationID
                && [Role.supervisor.rawValue, Role.organisationAdmin.rawValue].contains($0.role)
        }?.principal
    }
}

extension Principal {
    /// The same person acting with a supervisor's rights: the demo loader sets up what a supervisor would.
    fileprivate var asSupervisor: Principal {
        Principal(userID: userID, username: username, organisationID: organisationID, role: .supervisor)
    }
}
