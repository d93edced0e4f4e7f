import Foundation

/// A reporting round: a period, a theme and the questions asked of every State, opened and closed by the
/// secretariat. Each State's focal point files one report for it.
public struct ReportingRound: Sendable, Codable, Equatable {
    public var title: String
    public var theme: String
    /// YYYY-MM-DD: the period the reports cover.
    public var from: String
    public var to: String
    public var questions: [String]

    public init(title: String, theme: String, from: String, to: String, questions: [String]) {
        self.title = title
        self.theme = theme
        self.from = from
        self.to = to
        self.questions = questions
    }

    /// A question's text as two rounds (or a checklist) are compared on: lower-cased, spaces collapsed, without
    /// the closing punctuation.
    public static func normalized(_ question: String) -> String {
        question.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
            .trimmingCharacters(in: CharacterSet(charactersIn: "?.:;!。？：").union(.whitespaces))
    }

    public func problems() -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        for (field, text, max) in [("title", title, 300), ("theme", theme, 300)] {
            if text.trimmingCharacters(in: .whitespaces).isEmpty {
                issues.append(ValidationIssue(field: field, message: "is required", code: "required"))
            }
            if text.count > max {
                issues.append(
                    ValidationIssue(
                        field: field, message: "must be at most \(max) characters", code: "tooLong",
                        values: ["max": String(max)]))
            }
        }
        let start = CaseValidator.parseDate(from), end = CaseValidator.parseDate(to)
        if start == nil { issues.append(ValidationIssue(field: "from", message: "is not a day", code: "notADate")) }
        if end == nil { issues.append(ValidationIssue(field: "to", message: "is not a day", code: "notADate")) }
        if let start, let end, end < start {
            issues.append(ValidationIssue(field: "to", message: "must not be before the start", code: "dateOrder"))
        }
        if questions.count > 50 {
            issues.append(ValidationIssue(field: "questions", message: "names too many items", code: "tooMany"))
        }
        for (i, question) in questions.enumerated() where question.isEmpty || question.count > 2000 {
            issues.append(
                ValidationIssue(
                    field: "questions[\(i)]", message: "must be 1 to 2000 characters", code: "tooLong",
                    values: ["max": "2000"]))
        }
        return issues
    }
}

/// How a measure of the plan stands at the end of the period.
public enum MeasureProgress: String, Sendable, Codable, CaseIterable {
    case notStarted, underway, completed, dropped
}

/// A State's report for a round, against its published national plan: where each measure stands, a value for
/// indicators with its source (or computed by Palermo, with the query behind it), and answers to the questions.
public struct StateReport: Sendable, Codable, Equatable {
    public struct MeasureStatus: Sendable, Codable, Equatable {
        public var objective: Int
        public var measure: Int
        public var progress: MeasureProgress
        public var note: String
        /// Spent so far, in the currency of the measure's budget.
        public var spent: Double?

        public init(objective: Int, measure: Int, progress: MeasureProgress, note: String = "", spent: Double? = nil) {
            self.objective = objective
            self.measure = measure
            self.progress = progress
            self.note = note
            self.spent = spent
        }
    }

    public struct IndicatorValue: Sendable, Codable, Equatable {
        public var objective: Int
        public var indicator: Int
        public var value: Double
        /// Where the figure comes from (an official source, a survey); for a computed one, Palermo's records.
        public var source: String
        public var computed: Bool
        /// For a computed value: the query that counted it, so a reader can check it.
        public var query: String?

        public init(
            objective: Int, indicator: Int, value: Double, source: String, computed: Bool = false,
            query: String? = nil
        ) {
            self.objective = objective
            self.indicator = indicator
            self.value = value
            self.source = source
            self.computed = computed
            self.query = query
        }
    }

    public struct Answer: Sendable, Codable, Equatable {
        public var question: Int
        public var text: String

        public init(question: Int, text: String) {
            self.question = question
            self.text = text
        }
    }

    /// Where an earlier recommendation to the State stands.
    public struct FollowUp: Sendable, Codable, Equatable {
        public var recommendation: UUID
        public var progress: RecommendationProgress
        public var note: String

        public init(recommendation: UUID, progress: RecommendationProgress, note: String = "") {
            self.recommendation = recommendation
            self.progress = progress
            self.note = note
        }
    }

    public var measures: [MeasureStatus]
    public var indicators: [IndicatorValue]
    public var answers: [Answer]
    public var followUp: [FollowUp]

    public init(
        measures: [MeasureStatus] = [], indicators: [IndicatorValue] = [], answers: [Answer] = [],
        followUp: [FollowUp] = []
    ) {
        self.measures = measures
        self.indicators = indicators
        self.answers = answers
        self.followUp = followUp
    }

    enum CodingKeys: String, CodingKey {
        case measures, indicators, answers, followUp
    }

    /// Reports filed before follow-up existed have none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        measures = try container.decode([MeasureStatus].self, forKey: .measures)
        indicators = try container.decode([IndicatorValue].self, forKey: .indicators)
        answers = try container.decode([Answer].self, forKey: .answers)
        followUp = try container.decodeIfPresent([FollowUp].self, forKey: .followUp) ?? []
    }

    /// What is wrong with the report against its plan and round, each problem naming its field. `recommendations`
    /// are the ones the State may report on: made to it in earlier rounds.
    public func problems(
        plan: NationalPlan, round: ReportingRound, recommendations: Set<UUID> = []
    ) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        func add(_ field: String, _ message: String, _ code: String, _ values: [String: String]? = nil) {
            issues.append(ValidationIssue(field: field, message: message, code: code, values: values))
        }
        guard measures.count <= 2500, indicators.count <= 2500, answers.count <= 50, followUp.count <= 500 else {
            add("report", "names too many items", "tooMany", ["max": "2500"])
            return issues
        }
        for (i, status) in measures.enumerated() {
            let ok =
                plan.objectives.indices.contains(status.objective)
                && plan.objectives[status.objective].measures.indices.contains(status.measure)
            if !ok { add("measures[\(i)]", "is not a measure of the plan", "notInList") }
            if let spent = status.spent, !(spent.isFinite && spent >= 0 && spent <= NationalPlan.maxAmount) {
                add("measures[\(i)].spent", "must be an amount from 0 to 10^13", "notANumber")
            }
            if status.note.count > 2000 {
                add("measures[\(i)].note", "must be at most 2000 characters", "tooLong", ["max": "2000"])
            }
        }
        for (i, value) in indicators.enumerated() {
            let ok =
                plan.objectives.indices.contains(value.objective)
                && plan.objectives[value.objective].indicators.indices.contains(value.indicator)
            if !ok { add("indicators[\(i)]", "is not an indicator of the plan", "notInList") }
            if !(value.value.isFinite && abs(value.value) <= NationalPlan.maxAmount) {
                add("indicators[\(i)].value", "must be a number of at most 10^13", "notANumber")
            }
            if !value.computed && value.source.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                add("indicators[\(i)].source", "a value needs its source", "sourceRequired")
            }
            if value.source.count > 500 {
                add("indicators[\(i)].source", "must be at most 500 characters", "tooLong", ["max": "500"])
            }
        }
        var seen: Set<UUID> = []
        for (i, item) in followUp.enumerated() {
            if !recommendations.contains(item.recommendation) {
                add("followUp[\(i)]", "is not an earlier recommendation to the State", "recommendationUnknown")
            }
            if !seen.insert(item.recommendation).inserted {
                add("followUp[\(i)]", "names the recommendation twice", "recommendationTwice")
            }
            if item.note.count > 2000 {
                add("followUp[\(i)].note", "must be at most 2000 characters", "tooLong", ["max": "2000"])
            }
        }
        for (i, answer) in answers.enumerated() {
            if !round.questions.indices.contains(answer.question) {
                add("answers[\(i)]", "is not a question of the round", "notInList")
            }
            if answer.text.count > 10_000 {
                add("answers[\(i)].text", "must be at most 10000 characters", "tooLong", ["max": "10000"])
            }
        }
        return issues
    }
}
