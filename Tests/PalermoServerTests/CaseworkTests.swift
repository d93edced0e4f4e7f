import Foundation
import PalermoCore
import PalermoStore
import Vapor
import XCTVapor
import XCTest

/// Owners, notes, tasks, the list's names and search, and the history, through the API and the pages.
final class CaseworkTests: XCTestCase {
    struct Staff: Decodable { let id: UUID; let name: String }

    func testOwnersAreUsersOfTheOrganisationAndSupervisorsAssignInBulk() async throws {
        try await TestWorld.each { world in
            let staff = try await world.api(.GET, "/api/v1/staff", as: "a-super").content.decode([Staff].self)
            let worker = try XCTUnwrap(staff.first { $0.name == "a-worker" }).id
            let supervisor = try XCTUnwrap(staff.first { $0.name == "a-super" }).id
            let first = try await world.createCase(as: "a-worker", [:])
            let second = try await world.createCase(as: "a-super", [:])
            let record = try await world.api(.GET, "/api/v1/cases/\(first)", as: "a-worker").content.decode(
                CaseRecord.self)
            XCTAssertEqual(record.ownerID, worker, "whoever creates a case owns it")

            let refused = try await world.api(
                .POST, "/api/v1/cases/assign", as: "a-worker", json: Assign(cases: [second], owner: worker))
            XCTAssertEqual(refused.status, .forbidden, "a caseworker does not assign")
            let stranger = try await world.api(.GET, "/api/v1/staff", as: "b-super").content.decode([Staff].self)[0].id
            let foreign = try await world.api(
                .POST, "/api/v1/cases/assign", as: "a-super", json: Assign(cases: [second], owner: stranger))
            XCTAssertEqual(foreign.status, .unprocessableEntity, "another organisation's user owns nothing here")
            let otherOrgsCase = try await world.createCase(as: "b-worker", [:])
            let notMine = try await world.api(
                .POST, "/api/v1/cases/assign", as: "a-super",
                json: Assign(cases: [first, otherOrgsCase], owner: worker))
            XCTAssertEqual(notMine.status, .notFound, "all or nothing: one case of another organisation refuses all")

            let bulk = try await world.api(
                .POST, "/api/v1/cases/assign", as: "a-super",
                json: Assign(cases: [first, second], owner: worker, assignees: [supervisor]))
            XCTAssertEqual(bulk.status, .ok, bulk.body.string)
            let mine = try await world.api(.GET, "/api/v1/cases?owner=me", as: "a-worker").content.decode(CasePage.self)
            XCTAssertEqual(Set(mine.items.map(\.id)), [first, second])
            XCTAssertEqual(mine.items.first?.ownerName, "a-worker")
            let assigned = try await world.api(.GET, "/api/v1/cases?owner=me", as: "a-super").content.decode(
                CasePage.self)
            XCTAssertEqual(assigned.total, 2, "assigned users find the cases under their name too")
            let none = try await world.api(.POST, "/api/v1/cases/assign", as: "a-super", json: Assign(cases: [second]))
            XCTAssertEqual(none.status, .ok)
            let unassigned = try await world.api(.GET, "/api/v1/cases?owner=unassigned", as: "a-super").content.decode(
                CasePage.self)
            XCTAssertEqual(unassigned.items.map(\.id), [second])
            let badOwner = try await world.api(.GET, "/api/v1/cases?owner=someone", as: "a-super")
            XCTAssertEqual(badOwner.status, .unprocessableEntity)
            XCTAssertTrue(badOwner.body.string.contains("owner"))

            // In the browser: boxes on the list, one owner for all.
            let cookie = try await world.webLogin("a-super")
            let list = try await world.page("/cases", cookie: cookie).body.string
            XCTAssertTrue(list.contains("name=\"case\" value=\"\(first.uuidString)\""))
            let res = try await world.postForm(
                "/cases/assign", cookie: cookie,
                [("case", first.uuidString), ("case", second.uuidString), ("owner", supervisor.uuidString)],
                from: "/cases")
            XCTAssertEqual(res.status, .seeOther, res.body.string)
            let now = try await world.api(.GET, "/api/v1/cases/\(second)", as: "a-super").content.decode(
                CaseRecord.self)
            XCTAssertEqual(now.ownerID, supervisor)
            let history = try await world.page("/cases/\(second)", cookie: cookie).body.string
            XCTAssertTrue(history.contains("Case owner: a-super"), "the history names the new owner")
            // One case: its owner and the others who work on it.
            let one = try await world.postForm(
                "/cases/\(second)/owner", cookie: cookie,
                [("owner", worker.uuidString), ("assignee", supervisor.uuidString)], from: "/cases/\(second)")
            XCTAssertEqual(one.status, .seeOther, one.body.string)
            let both = try await world.api(.GET, "/api/v1/cases/\(second)", as: "a-super").content
                .decode(CaseRecord.self)
            XCTAssertEqual(both.ownerID, worker)
            XCTAssertEqual(both.assignees, [supervisor])
            let shown = try await world.page("/cases/\(second)", cookie: cookie).body.string
            XCTAssertTrue(shown.contains("Also working on it: a-super"))
        }
    }

    func testNotesAreSealedAppendOnlyAndTasksComeDueAndAreDone() async throws {
        try await TestWorld.each { world in
            let id = try await world.createCase(as: "a-worker", [:])
            let note = try await world.api(
                .POST, "/api/v1/cases/\(id)/notes", as: "a-worker",
                json: ["text": "Met Amani at the shelter; she is safe."])
            XCTAssertEqual(note.status, .created, note.body.string)
            let first = try note.content.decode(CaseNote.self)
            let correction = try await world.api(
                .POST, "/api/v1/cases/\(id)/notes", as: "a-worker",
                json: ["text": "Correction: met at the clinic.", "corrects": first.id.uuidString])
            XCTAssertEqual(correction.status, .created)
            let empty = try await world.api(.POST, "/api/v1/cases/\(id)/notes", as: "a-worker", json: ["text": "  "])
            XCTAssertEqual(empty.status, .unprocessableEntity)
            let foreign = try await world.api(.POST, "/api/v1/cases/\(id)/notes", as: "b-worker", json: ["text": "x"])
            XCTAssertEqual(foreign.status, .notFound)
            let notes = try await world.api(.GET, "/api/v1/cases/\(id)/notes", as: "a-super").content.decode(
                [CaseNote].self)
            XCTAssertEqual(
                notes.map(\.text), ["Met Amani at the shelter; she is safe.", "Correction: met at the clinic."])
            XCTAssertEqual(notes.map(\.author), ["a-worker", "a-worker"])
            XCTAssertEqual(notes[1].corrects, first.id)
            // Sealed at rest: the text is nowhere in the table.
            let rows = try await CaseNoteModel.query(on: world.app.palermo.store.database).all()
            XCTAssertEqual(rows.count, 2)
            XCTAssertFalse(rows.contains { $0.sealed.contains("Amani") })

            let late = try await world.api(
                .POST, "/api/v1/cases/\(id)/tasks", as: "a-worker",
                json: ["title": "Call the legal aid clinic", "due": "2024-01-15"])
            XCTAssertEqual(late.status, .created, late.body.string)
            let task = try late.content.decode(CaseTask.self)
            XCTAssertTrue(task.isOverdue())
            let badDue = try await world.api(
                .POST, "/api/v1/cases/\(id)/tasks", as: "a-worker", json: ["title": "x", "due": "next week"])
            XCTAssertEqual(badDue.status, .unprocessableEntity)
            XCTAssertTrue(badDue.body.string.contains("due"))
            let open = try await world.api(.GET, "/api/v1/tasks", as: "a-worker").content.decode([CaseTask].self)
            XCTAssertEqual(open.map(\.id), [task.id])
            XCTAssertNotNil(open.first?.caseCode)
            let home = try await world.page("/", cookie: try await world.webLogin("a-worker")).body.string
            XCTAssertTrue(home.contains("Call the legal aid clinic"), "the task is on her home page")
            XCTAssertTrue(home.contains("class=\"overdue\""), "marked overdue")
            let done = try await world.api(.PATCH, "/api/v1/tasks/\(task.id)", as: "a-worker", json: ["done": true])
            XCTAssertEqual(done.status, .ok)
            let after = try await world.api(.GET, "/api/v1/tasks", as: "a-worker").content.decode([CaseTask].self)
            XCTAssertTrue(after.isEmpty)
            let audit = try await world.app.palermo.store.audit.entries(forCase: id)
            XCTAssertEqual(audit.filter { $0.action == .note }.count, 2)
            XCTAssertEqual(audit.filter { $0.action == .task }.count, 2, "added, then done")
            XCTAssertTrue(
                audit.contains { $0.action == .read && $0.fields == ["notes"] }, "reading the notes is audited")
        }
    }

    func testTheListShowsNamesToTheOwningOrganisationAndFindsNamesByTheirStart() async throws {
        try await TestWorld.each { world in
            let sara = try await world.createCase(
                as: "a-worker",
                [
                    "prs_FirstName": .text("Sara"), "prs_SecondName": .text("Nakimuli"),
                    "prs_Birthdate": .text("2001-04-02"),
                    "cas_IdentificationDate": .text("2025-03-01"),
                ])
            _ = try await world.createCase(
                as: "a-worker", ["prs_FirstName": .text("Grace"), "prs_SecondName": .text("Achieng")])
            _ = try await world.createCase(
                as: "b-worker", ["prs_FirstName": .text("Sarah"), "prs_SecondName": .text("Nakato")])
            for query in ["Sar", "Nakim", "sara nakimuli", "NAKIMULI"] {
                let page = try await world.api(
                    .GET, "/api/v1/cases?q=\(query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)",
                    as: "a-worker"
                )
                .content.decode(CasePage.self)
                XCTAssertEqual(page.items.map(\.id), [sara], query)
                XCTAssertEqual(page.items.first?.name, "Sara Nakimuli", query)
                XCTAssertEqual(page.items.first?.age, 23)
            }
            // One word also finds a case by part of its code, and a random code may hold "SA": only those are found.
            let two = try await world.api(.GET, "/api/v1/cases?q=Sa", as: "a-worker").content.decode(CasePage.self)
            XCTAssertTrue(
                two.items.allSatisfy { $0.caseCode.contains("SA") }, "two letters are too few to search a name by")
            let other = try await world.api(.GET, "/api/v1/cases", as: "b-worker").content.decode(CasePage.self)
            XCTAssertEqual(other.items.map(\.name), ["Sarah Nakato"], "another organisation's names never show")
            let html = try await world.page("/cases", cookie: try await world.webLogin("b-worker")).body.string
            XCTAssertFalse(html.contains("Nakimuli"))
            let listReads = try await world.app.palermo.store.audit.recent(limit: 50)
                .filter { $0.action == .read && $0.detail.hasPrefix("case list:") && $0.actorName == "a-worker" }
            XCTAssertEqual(
                listReads.count, two.items.isEmpty ? 4 : 5, "one entry per list page shown, naming its cases")
            let sorted = try await world.api(.GET, "/api/v1/cases?sort=code&dir=asc", as: "a-worker").content.decode(
                CasePage.self)
            XCTAssertEqual(sorted.items.map(\.caseCode), sorted.items.map(\.caseCode).sorted())
        }
    }

    func testHistoryShowsLabelsOldAndNewValuesAndFoldsViews() async throws {
        try await TestWorld.each { world in
            let id = try await world.createCase(as: "a-worker", ["prs_FirstName": .text("Amani")])
            for _ in 0..<3 { _ = try await world.api(.GET, "/api/v1/cases/\(id)", as: "a-worker") }
            let change = try await world.api(
                .PATCH, "/api/v1/cases/\(id)", as: "a-worker",
                json: ["fields": ["prs_Gender": "Masculine", "prs_FirstName": "Baraka"]])
            XCTAssertEqual(change.status, .ok, change.body.string)
            let cookie = try await world.webLogin("a-worker")
            let page = try await world.page("/cases/\(id)", cookie: cookie).body.string
            XCTAssertTrue(page.contains("Gender: Feminine → Masculine"), "old → new, labelled")
            XCTAssertTrue(page.contains("First Name: changed"), "a personal field is only said to have changed")
            XCTAssertFalse(page.contains("Amani</td>"))
            XCTAssertFalse(page.contains("prs_Gender"), "no raw field codes")
            XCTAssertTrue(page.contains("views are not shown"))
            XCTAssertFalse(page.contains(">viewed<"), "views folded away")
            let all = try await world.page("/cases/\(id)?views=1", cookie: cookie).body.string
            XCTAssertTrue(all.contains(">viewed<"))
        }
    }

    func testACaseForSomeoneWhoHasOneIsWarnedWithALinkBeforeItIsMade() async throws {
        try await TestWorld.each { world in
            let person: [String: FieldValue] = [
                "prs_FirstName": .text("Amani"), "prs_SecondName": .text("Otieno"),
                "prs_Birthdate": .text("2001-02-03"),
            ]
            let first = try await world.createCase(as: "a-worker", person)
            struct Created: Decodable { let id: UUID; let possibleDuplicates: [DuplicateCase] }
            let second = try await world.api(
                .POST, "/api/v1/cases", as: "a-super",
                json: CaseBody(
                    fields: person.merging(TestWorld.core) { a, _ in a }
                        .merging(["prs_FirstName": .text("OTIENO"), "prs_SecondName": .text("amani")]) { $1 }))
            XCTAssertEqual(second.status, .created)
            XCTAssertEqual(try second.content.decode(Created.self).possibleDuplicates.map(\.id), [first])
            let elsewhere = try await world.api(
                .POST, "/api/v1/cases", as: "b-worker",
                json: CaseBody(fields: person.merging(TestWorld.core) { a, _ in a }))
            XCTAssertEqual(
                try elsewhere.content.decode(Created.self).possibleDuplicates, [],
                "other organisations are not searched")

            let cookie = try await world.webLogin("a-worker")
            let before = try await world.caseCount()
            let fields = person.merging(TestWorld.core) { a, _ in a }.map { ($0.key, $0.value.description) }
            let warned = try await world.postForm("/cases", cookie: cookie, fields, from: "/cases/new")
            XCTAssertEqual(warned.status, .conflict)
            XCTAssertTrue(warned.body.string.contains("already has a case"))
            XCTAssertTrue(warned.body.string.contains("href=\"/cases/\(first)\""), "with a link to the case")
            let retried = try await world.postForm("/cases", cookie: cookie, fields, from: "/cases/new")
            XCTAssertEqual(retried.status, .conflict, "a retried save makes no case either")
            let unchanged = try await world.caseCount()
            XCTAssertEqual(unchanged, before)
            let anyway = try await world.postForm(
                "/cases", cookie: cookie, fields + [("_allowDuplicate", "1")], from: "/cases/new")
            XCTAssertEqual(anyway.status, .seeOther)
            let after = try await world.caseCount()
            XCTAssertEqual(after, before + 1)
        }
    }

    func testTheSupportPlanIsARepeatedSectionWhoseServicesBecomeTasks() async throws {
        try await TestWorld.each { world in
            let id = try await world.createCase(as: "a-worker", [:])
            let early = try await world.api(
                .POST, "/api/v1/cases/\(id)/support-plan", as: "a-worker",
                json: ["type": "LegalAid", "objectives": "Compensation claim", "plannedEnd": "2024-01-01"])
            XCTAssertEqual(early.status, .unprocessableEntity, "not before the identification date")
            let cookie = try await world.webLogin("a-worker")
            let added = try await world.postForm(
                "/cases/\(id)/plan", cookie: cookie,
                [
                    ("type", "LegalAid"), ("objectives", "Compensation claim"), ("actionPlan", "Meet the lawyer"),
                    ("plannedEnd", "2099-06-30"),
                ], from: "/cases/\(id)")
            XCTAssertEqual(added.status, .seeOther, added.body.string)
            let second = try await world.api(
                .POST, "/api/v1/cases/\(id)/support-plan", as: "a-worker",
                json: ["type": "Accommodation", "objectives": "Safe housing for three months"])
            XCTAssertEqual(second.status, .created)
            let plan = try await world.api(.GET, "/api/v1/cases/\(id)/support-plan", as: "a-worker").content
                .decode([SupportPlanEntry].self)
            XCTAssertEqual(plan.map(\.type), ["LegalAid", "Accommodation"])
            let tasks = try await world.api(.GET, "/api/v1/cases/\(id)/tasks", as: "a-worker").content.decode(
                [CaseTask].self)
            XCTAssertEqual(tasks.map(\.title), ["Compensation claim"], "a planned end makes a task")
            XCTAssertEqual(tasks.first?.dueOn, "2099-06-30")
            let finished = try await world.api(
                .PATCH, "/api/v1/support-plan/\(plan[0].id)", as: "a-worker", json: ["actualEnd": "2025-05-01"])
            XCTAssertEqual(finished.status, .ok, finished.body.string)
            let done = try await world.api(.GET, "/api/v1/cases/\(id)/tasks", as: "a-worker").content.decode(
                [CaseTask].self)
            XCTAssertTrue(done[0].done, "ending the service completes its task")
            let page = try await world.page("/cases/\(id)", cookie: cookie).body.string
            XCTAssertTrue(page.contains("Meet the lawyer") && page.contains("Safe housing"))
            XCTAssertTrue(page.contains("Legal aid: Compensation claim"), "the task named by its service")
            let sealed = try await SupportPlanModel.query(on: world.app.palermo.store.database).all()
            XCTAssertFalse(sealed.contains { $0.sealed.contains("lawyer") }, "free text sealed at rest")
        }
    }
}

/// The body of `POST /api/v1/cases/assign`.
struct Assign: Encodable {
    var cases: [UUID]
    var owner: UUID? = nil
    var assignees: [UUID]? = nil
}
