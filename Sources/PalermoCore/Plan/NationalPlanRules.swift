import Foundation

extension NationalPlan {
    /// Every problem of the plan, each naming its field by path (`objectives[0].measures[1].budget.currency`).
    public func problems() -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        func add(_ field: String, _ message: String, _ code: String, _ values: [String: String]? = nil) {
            issues.append(ValidationIssue(field: field, message: message, code: code, values: values))
        }
        func text(_ field: String, _ value: String, max: Int, required: Bool = true) {
            if required && value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                add(field, "is required", "required")
            }
            if value.count > max { add(field, "must be at most \(max) characters", "tooLong", ["max": String(max)]) }
        }
        func year(_ field: String, _ value: Int?) {
            if let value, !Self.years.contains(value) {
                add(field, "must be a year from 2000 to 2100", "notAYear", ["value": String(value)])
            }
        }
        func number(_ field: String, _ value: Double?) {
            if let value, !(value.isFinite && abs(value) <= Self.maxAmount) {
                add(field, "must be a number of at most 10^13", "notANumber", ["value": String(value)])
            }
        }
        let plan = PlanOfAction.load(planVersion)
        func paragraphs(_ field: String, _ numbers: [String]) {
            guard let plan else {
                add("planVersion", "is not a version of the Plan", "notInList", ["value": planVersion])
                return
            }
            issues += plan.linkProblems(numbers, field: field)
        }
        if Countries.find(country) == nil { add("country", "is not a country code", "notACountry", ["value": country]) }
        text("title", title, max: 300)
        year("fromYear", fromYear)
        year("toYear", toYear)
        if toYear < fromYear { add("toYear", "must not be before the first year", "yearOrder") }
        if breakdowns.count > Self.maxItems || objectives.count > Self.maxItems {
            add("objectives", "names too many items", "tooMany", ["max": String(Self.maxItems)])
            return issues
        }
        for (i, name) in breakdowns.enumerated() { text("breakdowns[\(i)]", name, max: 100) }
        for (o, objective) in objectives.enumerated() {
            let at = "objectives[\(o)]"
            text(at + ".text", objective.text, max: 2000)
            paragraphs(at + ".paragraphs", objective.paragraphs)
            guard objective.indicators.count <= Self.maxItems, objective.measures.count <= Self.maxItems else {
                add(at, "names too many items", "tooMany", ["max": String(Self.maxItems)])
                continue
            }
            for (n, indicator) in objective.indicators.enumerated() {
                let here = at + ".indicators[\(n)]"
                text(here + ".name", indicator.name, max: 300)
                text(here + ".unit", indicator.unit, max: 50)
                number(here + ".baseline", indicator.baseline)
                number(here + ".target", indicator.target)
                year(here + ".baselineYear", indicator.baselineYear)
                year(here + ".targetYear", indicator.targetYear)
                for category in indicator.breakdown where !breakdowns.contains(category) {
                    add(here + ".breakdown", "is not one of the plan's breakdowns", "notInList", ["value": category])
                }
                if let computed = indicator.computed, PlanMeasure(rawValue: computed) == nil {
                    add(here + ".computed", "is not a measure Palermo computes", "notInList", ["value": computed])
                }
            }
            for (m, measure) in objective.measures.enumerated() {
                let here = at + ".measures[\(m)]"
                text(here + ".text", measure.text, max: 2000)
                text(here + ".responsible", measure.responsible, max: 300)
                paragraphs(here + ".paragraphs", measure.paragraphs)
                if let budget = measure.budget {
                    if !Self.currencies.contains(budget.currency) {
                        add(
                            here + ".budget.currency", "is not an ISO 4217 currency", "currency",
                            ["value": budget.currency])
                    }
                    if !(budget.amount.isFinite && budget.amount >= 0 && budget.amount <= Self.maxAmount) {
                        add(here + ".budget.amount", "must be an amount from 0 to 10^13", "notANumber")
                    }
                }
                let start = CaseValidator.parseDate(measure.start), end = CaseValidator.parseDate(measure.end)
                if start == nil { add(here + ".start", "is not a day", "notADate", ["value": measure.start]) }
                if end == nil { add(here + ".end", "is not a day", "notADate", ["value": measure.end]) }
                if let start, let end, end < start {
                    add(here + ".end", "must not be before the start", "dateOrder")
                }
            }
        }
        return issues
    }

    /// Every paragraph the plan links to, objectives and measures alike, in the Plan's order.
    public var linkedParagraphs: Set<String> {
        Set(objectives.flatMap { $0.paragraphs + $0.measures.flatMap(\.paragraphs) })
    }
}
