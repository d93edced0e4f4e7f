import Foundation
import PalermoCore

/// What one of the draft plan's forms adds to it. Numbers are read into bounded values; what cannot be read is
/// refused naming the field, and the plan's own rules check the rest.
struct NationalPlanEdit {
    let form: [String: String]

    func apply(_ part: String, to plan: NationalPlan) throws -> NationalPlan {
        var plan = plan
        switch part {
        case "breakdowns":
            plan.breakdowns = list(form["breakdowns"], separators: ",")
        case "objectives":
            plan.objectives.append(
                .init(text: form["text"] ?? "", paragraphs: list(form["paragraphs"], separators: " ,;")))
        case "indicators", "measures":
            let index = try objective(in: plan)
            if part == "indicators" {
                plan.objectives[index].indicators.append(try indicator())
            } else {
                plan.objectives[index].measures.append(try measure())
            }
        default:
            throw ValidationFailure([ValidationIssue(field: "part", message: "is not a part of a plan", code: nil)])
        }
        return plan
    }

    private func objective(in plan: NationalPlan) throws -> Int {
        guard let text = form["objective"], let index = Int(text), plan.objectives.indices.contains(index) else {
            throw ValidationFailure([
                ValidationIssue(
                    field: "objective", message: "is not an objective of the plan", code: "notInList",
                    values: ["value": form["objective"] ?? ""])
            ])
        }
        return index
    }

    private func indicator() throws -> NationalPlan.Indicator {
        var issues: [ValidationIssue] = []
        let computed = form["computed"].flatMap { $0.isEmpty ? nil : $0 }
        let indicator = NationalPlan.Indicator(
            name: form["name"] ?? "", unit: form["unit"] ?? "", baseline: number("baseline", &issues),
            baselineYear: year("baselineYear", &issues), target: number("target", &issues),
            targetYear: year("targetYear", &issues), breakdown: list(form["breakdown"], separators: ","),
            computed: computed)
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        return indicator
    }

    private func measure() throws -> NationalPlan.Measure {
        var issues: [ValidationIssue] = []
        let amount = number("amount", &issues)
        let currency = form["currency"].flatMap { $0.isEmpty ? nil : $0 }
        if amount != nil && currency == nil {
            issues.append(ValidationIssue(field: "currency", message: "is required with an amount", code: "required"))
        }
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        return NationalPlan.Measure(
            text: form["text"] ?? "", responsible: form["responsible"] ?? "",
            budget: amount.flatMap { value in currency.map { NationalPlan.Budget(amount: value, currency: $0) } },
            start: form["start"] ?? "", end: form["end"] ?? "", paragraphs: list(form["paragraphs"], separators: " ,;"))
    }

    private func list(_ text: String?, separators: String) -> [String] {
        (text ?? "").split(whereSeparator: { separators.contains($0) })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    private func number(_ name: String, _ issues: inout [ValidationIssue]) -> Double? {
        guard let text = form[name], !text.isEmpty else { return nil }
        guard let value = Double(text), value.isFinite, abs(value) <= NationalPlan.maxAmount else {
            issues.append(
                ValidationIssue(field: name, message: "is not a number", code: "notANumber", values: ["value": text]))
            return nil
        }
        return value
    }

    private func year(_ name: String, _ issues: inout [ValidationIssue]) -> Int? {
        guard let text = form[name], !text.isEmpty else { return nil }
        guard let value = Int(text), NationalPlan.years.contains(value) else {
            issues.append(
                ValidationIssue(
                    field: name, message: "must be a year from 2000 to 2100", code: "notAYear", values: ["value": text])
            )
            return nil
        }
        return value
    }
}
