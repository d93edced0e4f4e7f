import PalermoCore
import PalermoReport

/// A validation problem said in the reader's language: the field's label and the message for its kind.
struct ValidationText {
    let w: Wording

    init(_ wording: Wording) { w = wording }

    func fieldLabel(_ name: String) -> String {
        if let field = HTCDS.field(named: name) { return w.label(field) }
        if let label = w.optional("input.\(name)") { return label }
        // A path into a document ("objectives[0].measures[1].budget.currency"): its last part's label, and where.
        let last = name.split(separator: ".").last.map { String($0).replacing(/\[\d+\]/, with: "") } ?? name
        guard last != name, let label = w.optional("input.\(last)") else { return name }
        return label + " (" + name + ")"
    }

    func message(_ issue: ValidationIssue) -> String {
        guard let code = issue.code, w.optional("validation.\(code)") != nil else {
            return w.language == "en" ? issue.message : w("validation.other")
        }
        var values = issue.values ?? [:]
        if let max = values["max"], let n = Int(max) { values["max"] = w.number(n) }
        if let other = values["other"] { values["other"] = fieldLabel(other) }
        return w("validation.\(code)", values)
    }

    /// The same, with the field the API calls `field` labelled as `label` names it: "title" is a plan's, a round's or
    /// a practice's on their pages, where elsewhere it names a task.
    func describe(_ issue: ValidationIssue, calling field: String, _ label: String) -> String {
        describe(
            issue.field == field
                ? ValidationIssue(
                    row: issue.row, field: label, message: issue.message, code: issue.code, values: issue.values)
                : issue)
    }

    /// "Row 3, Gender: 'X' is not one of the choices".
    func describe(_ issue: ValidationIssue) -> String {
        let row = issue.row.map { w("validation.row", ["row": w.number($0)]) + ", " } ?? ""
        return row + fieldLabel(issue.field) + ": " + message(issue)
    }
}
