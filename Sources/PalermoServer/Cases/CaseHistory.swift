import Foundation
import PalermoCore
import PalermoReport

/// A case's history as a caseworker reads it: field labels, the reader's time, old → new for fields that are
/// not personal and "changed" for personal ones. Views are many and bury the changes, so they are folded
/// away unless asked for.
struct CaseHistory {
    struct Event { let when: String; let who: String; let what: String; let details: String }

    let heading: String
    let columns: [String]
    let events: [Event]
    /// "12 views not shown" and the link that shows them (or hides them again).
    let viewsToggle: (text: String, href: String, label: String)?

    init(_ w: Wording, caseID: UUID, entries: [AuditRecord], showViews: Bool) {
        heading = w("case.history")
        columns = ["history.when", "history.who", "history.what", "history.fields"].map { w($0) }
        let views = entries.filter { $0.action == .read }.count
        let shown = entries.reversed().filter { showViews || $0.action != .read }.prefix(200)
        events = shown.map { entry in
            Event(
                when: w.dateTime(entry.at), who: entry.actorName, what: w("action.\(entry.action.rawValue)"),
                details: Self.details(entry, w))
        }
        if views == 0 {
            viewsToggle = nil
        } else if showViews {
            viewsToggle = (
                w("history.viewsShown", ["n": w.number(views)]), "/cases/\(caseID)#history", w("history.hideViews")
            )
        } else {
            viewsToggle = (
                w("history.viewsHidden", ["n": w.number(views)]), "/cases/\(caseID)?views=1#history",
                w("history.showViews")
            )
        }
    }

    static func details(_ entry: AuditRecord, _ w: Wording) -> String {
        let text = ValidationText(w)
        switch entry.action {
        case .read: return entry.fields == ["notes"] ? w("history.notesRead") : ""
        case .update:
            guard let changes = FieldChanges.parse(entry.detail) else {
                return entry.fields.map(text.fieldLabel).joined(separator: ", ")
            }
            return changes.changes.map { change in
                let label = text.fieldLabel(change.field)
                guard !change.personal, let field = HTCDS.field(named: change.field) else {
                    return label + ": " + w("history.changed")
                }
                func shown(_ value: String?) -> String {
                    value.map { CaseRecordPage.display(FieldValue(stored: $0, field), field, w) } ?? "—"
                }
                return label + ": " + shown(change.old) + " → " + shown(change.new)
            }.joined(separator: "; ")
        case .assign:
            let owner = entry.detail.hasPrefix("owner: ") ? String(entry.detail.dropFirst(7)) : ""
            return w("work.owner") + ": " + (owner.isEmpty ? w("cases.unassigned") : owner)
        case .note, .task: return ""
        default: return entry.fields.map(text.fieldLabel).joined(separator: ", ")
        }
    }
}

extension FieldValue {
    /// A value as the audit log keeps it (lists space-separated), read back for its field.
    init(stored text: String, _ field: HTCDSField) {
        switch field.kind {
        case .many: self = .list(text.split(separator: " ").map(String.init))
        default: self = .text(text)
        }
    }
}
