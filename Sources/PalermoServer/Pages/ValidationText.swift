import PalermoCore
import PalermoReport

/// A validation problem said in the reader's language: the field's label and the message for its kind.
struct ValidationText {
    let w: Wording

    init(_ wording: Wording) { w = wording }

    func fieldLabel(_ name: String) -> String {
        if let field = HTCDS.field(named: name) { return w.label(field) }
        return w.optional("input.\(name)") ?? name
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

    /// "Row 3, Gender: 'X' is not one of the choices".
    func describe(_ issue: ValidationIssue) -> String {
        let row = issue.row.map { w("validation.row", ["row": w.number($0)]) + ", " } ?? ""
        return row + fieldLabel(issue.field) + ": " + message(issue)
    }
}
