import Foundation
import PalermoCore
import PalermoReport
import PalermoStore

/// Who works on a case, its tasks and its notes, as the case page shows them, with the forms to change them.
struct CaseworkPanel {
    struct TaskRow {
        let id: String
        let title: String
        let due: String
        let assignee: String
        let state: String
        let overdue: Bool
        let done: Bool
        let toggleLabel: String
    }
    struct NoteRow { let id: String; let author: String; let when: String; let text: String; let corrects: String? }
    struct Reassign {
        let label: String
        let choices: [Choice]
        let button: String
        /// Other staff who work on the case beside its owner.
        let othersLabel: String
        let others: [Choice]
        let mergeLabel: String
        let mergeButton: String
    }
    struct Waiting {
        let id: String; let heading: String; let proposal: String; let requested: String; let canDecide: Bool
    }
    struct Decided { let text: String; let comment: String? }
    struct PlanRow { let id: String; let cells: [String]; let finished: Bool }
    struct PlanForm {
        let legend, type, objectives, actionPlan, plannedEnd, button, actualEnd, finish: String
        let types: [Choice]
    }
    struct DecisionLabels { let approve: String; let returnLabel: String; let comment: String }
    struct TaskForm {
        let legend: String; let title: String; let due: String; let assignee: String; let choices: [Choice];
        let button: String
    }
    struct NoteForm {
        let legend: String; let text: String; let corrects: String; let choices: [Choice]; let none: String;
        let button: String
    }

    let caseID: String
    let csrf: String
    let ownerHeading: String
    let ownerText: String
    let assigneesText: String?
    let reassign: Reassign?
    let tasksHeading: String
    let taskColumns: [String]
    let tasks: [TaskRow]
    let noTasks: String
    let taskForm: TaskForm
    let notesHeading: String
    let notes: [NoteRow]
    let noNotes: String
    let noteForm: NoteForm
    let planHeading: String
    let planColumns: [String]
    let plan: [PlanRow]
    let noPlan: String
    let planForm: PlanForm
    let approvalsHeading: String
    let waiting: [Waiting]
    let decided: [Decided]
    let decisionLabels: DecisionLabels

    init(
        _ w: Wording, record: CaseRecord, tasks: [CaseTask], notes: [CaseNote], staff: [(id: UUID, name: String)],
        canAssign: Bool, csrf: String, me: UUID, myUsername: String, approvals: [CaseApproval] = [],
        plan: [SupportPlanEntry] = []
    ) {
        caseID = record.id.uuidString
        self.csrf = csrf
        let names = Dictionary(staff.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        ownerHeading = w("work.owner")
        ownerText = record.ownerID.flatMap { names[$0] } ?? w("cases.unassigned")
        let others = record.assignees.compactMap { names[$0] }
        assigneesText = others.isEmpty ? nil : w("work.alsoAssigned", ["names": others.joined(separator: ", ")])
        let staffChoices = staff.map { Choice(value: $0.id.uuidString, label: $0.name, selected: false) }
        reassign =
            canAssign
            ? Reassign(
                label: w("cases.assignTo"),
                choices: ([Choice(value: "", label: w("cases.unassigned"), selected: false)] + staffChoices)
                    .selecting(record.ownerID?.uuidString ?? ""),
                button: w("cases.assignButton"), othersLabel: w("work.others"),
                others: staff.map {
                    Choice(value: $0.id.uuidString, label: $0.name, selected: record.assignees.contains($0.id))
                }, mergeLabel: w("merge.with"), mergeButton: w("merge.open")) : nil
        tasksHeading = w("work.tasks")
        taskColumns = ["work.taskTitle", "work.due", "work.assignee", "work.state", "work.action"].map { w($0) }
        let today = CaseTasks.today()
        // A task made from the support plan is named by its service, in the reader's language.
        let services = Dictionary(
            plan.compactMap { entry in entry.taskID.map { ($0, entry.type) } }, uniquingKeysWith: { a, _ in a })
        self.tasks = tasks.map { task in
            let overdue = task.isOverdue(today: today)
            let title =
                services[task.id].map {
                    w("plan.task", ["type": w.picklist("supporttype", $0), "objectives": task.title])
                } ?? task.title
            return TaskRow(
                id: task.id.uuidString, title: title,
                due: task.dueOn.flatMap(CaseValidator.parseDate).map(w.date) ?? "—",
                assignee: task.assigneeName ?? "—",
                state: task.done ? w("work.done") : overdue ? w("work.overdue") : w("work.open"),
                overdue: overdue, done: task.done,
                toggleLabel: task.done ? w("work.reopen") : w("work.markDone"))
        }
        noTasks = w("work.noTasks")
        taskForm = TaskForm(
            legend: w("work.addTask"), title: w("work.taskTitle"), due: w("work.due"), assignee: w("work.assignee"),
            choices: staffChoices.selecting(me.uuidString), button: w("work.addTaskButton"))
        notesHeading = w("work.notes")
        let numbered = Dictionary(notes.enumerated().map { ($1.id, $0 + 1) }, uniquingKeysWith: { a, _ in a })
        self.notes = notes.map { note in
            NoteRow(
                id: "note-\(numbered[note.id] ?? 0)", author: note.author, when: note.createdAt.map(w.dateTime) ?? "",
                text: note.text,
                corrects: note.corrects.flatMap { numbered[$0] }.map {
                    w("work.corrects", ["n": w.number($0)])
                })
        }
        noNotes = w("work.noNotes")
        noteForm = NoteForm(
            legend: w("work.addNote"), text: w("work.noteText"), corrects: w("work.correcting"),
            choices: notes.map { note in
                Choice(
                    value: note.id.uuidString, label: w("work.noteNumber", ["n": w.number(numbered[note.id] ?? 0)]),
                    selected: false)
            }, none: w("work.newNote"), button: w("work.addNoteButton"))
        planHeading = w("plan.heading")
        planColumns = ["plan.type", "plan.objectives", "plan.actionPlan", "plan.plannedEnd", "plan.actualEnd"].map {
            w($0)
        }
        func day(_ text: String?) -> String { text.flatMap(CaseValidator.parseDate).map(w.date) ?? "—" }
        self.plan = plan.map { entry in
            PlanRow(
                id: entry.id.uuidString,
                cells: [
                    w.picklist("supporttype", entry.type), entry.objectives,
                    entry.actionPlan.isEmpty ? "—" : entry.actionPlan,
                    day(entry.plannedEnd), day(entry.actualEnd),
                ], finished: entry.actualEnd != nil)
        }
        noPlan = w("plan.none")
        planForm = PlanForm(
            legend: w("plan.add"), type: w("plan.type"), objectives: w("plan.objectives"),
            actionPlan: w("plan.actionPlan"), plannedEnd: w("plan.plannedEnd"), button: w("plan.addButton"),
            actualEnd: w("plan.actualEnd"), finish: w("plan.finish"), types: w.choices("supporttype", selected: []))
        approvalsHeading = w("approval.heading")
        waiting = approvals.filter { $0.decision == nil }.map { approval in
            Waiting(
                id: approval.id.uuidString, heading: w("approval.kind.\(approval.kind.rawValue)"),
                proposal: Self.proposal(approval, w),
                requested: w(
                    "approval.requested",
                    ["who": approval.requestedBy, "when": approval.requestedAt.map(w.dateTime) ?? ""]),
                canDecide: canAssign && approval.requestedBy != myUsername)
        }
        decided = approvals.filter { $0.decision != nil }.map { approval in
            Decided(
                text: w(
                    approval.decision == "approved" ? "approval.approvedBy" : "approval.returnedBy",
                    [
                        "what": w("approval.kind.\(approval.kind.rawValue)"), "who": approval.decidedBy ?? "",
                        "when": approval.decidedAt.map(w.dateTime) ?? "",
                    ]), comment: approval.comment)
        }
        decisionLabels = DecisionLabels(
            approve: w("approval.approve"), returnLabel: w("approval.return"), comment: w("approval.comment"))
    }

    /// "Status: Closed; Case Closure Date: 3 Mar 2026; Reason for Case Closure: …".
    static func proposal(_ approval: CaseApproval, _ w: Wording) -> String {
        approval.kind.fields.compactMap { name in
            guard let field = HTCDS.field(named: name) else { return nil }
            let value = approval.proposal[name].map { CaseRecordPage.display($0, field, w) } ?? "—"
            return w.label(field) + ": " + value
        }.joined(separator: "; ")
    }
}
