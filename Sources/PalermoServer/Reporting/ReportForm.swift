import Foundation
import PalermoCore
import PalermoReport
import PalermoStore

/// The focal point's report form for a round: where each measure of the published plan stands, a value and its
/// source for each indicator (computed ones shown with their query, not asked), and the round's questions.
/// Field names carry the plan's positions (`progress.0.1`); the positions are read from the plan, never parsed
/// from what was posted.
struct ReportForm {
    struct Measure {
        let heading: String
        let progress: [Choice]
        let spent: String
        let note: String
        let key: String
    }

    struct Indicator {
        let heading: String
        let key: String
        let value: String
        let source: String
        /// For a computed indicator: its value as Palermo counted it, and the query.
        let computed: (value: String, query: String)?
    }

    struct FollowUp {
        let text: String
        let key: String
        let progress: [Choice]
        let note: String
    }

    let measures: [Measure]
    let indicators: [Indicator]
    let followUps: [FollowUp]
    /// Each question with its answer and, for an answer taken from an earlier report, where it came from.
    let questions: [(key: String, text: String, answer: String, from: String?)]
    let labels: [String: String]

    /// The form filled with `values` (what was typed, when refused) or else with the report as filed.
    init(
        _ w: Wording, plan: NationalPlan, round: ReportingRound, earlier: [RecommendationRecord], filed: StateReport,
        earlierAnswers: [String: (answer: String, round: String)] = [:], values: [String: String]?
    ) {
        var measures: [Measure] = []
        var indicators: [Indicator] = []
        for (o, objective) in plan.objectives.enumerated() {
            for (m, measure) in objective.measures.enumerated() {
                let key = "\(o).\(m)"
                let status = filed.measures.first { $0.objective == o && $0.measure == m }
                let progress = values?["progress." + key] ?? status?.progress.rawValue ?? ""
                measures.append(
                    Measure(
                        heading: measure.text,
                        progress: MeasureProgress.allCases.map {
                            Choice(
                                value: $0.rawValue, label: w("report.progress.\($0.rawValue)"),
                                selected: $0.rawValue == progress)
                        }, spent: values?["spent." + key] ?? status?.spent.map(Self.plain) ?? "",
                        note: values?["note." + key] ?? status?.note ?? "", key: key))
            }
            for (i, indicator) in objective.indicators.enumerated() {
                let key = "\(o).\(i)"
                let value = filed.indicators.first { $0.objective == o && $0.indicator == i }
                let heading = indicator.name + " (" + indicator.unit + ")"
                if let value, value.computed {
                    indicators.append(
                        Indicator(
                            heading: heading, key: key, value: "", source: "",
                            computed: (w.amount(value.value), value.query ?? "")))
                } else {
                    indicators.append(
                        Indicator(
                            heading: heading, key: key,
                            value: values?["value." + key] ?? value.map { Self.plain($0.value) } ?? "",
                            source: values?["source." + key] ?? value?.source ?? "", computed: nil))
                }
            }
        }
        self.measures = measures
        self.indicators = indicators
        followUps = earlier.enumerated().map { k, record in
            let key = "follow.\(k)"
            let given = filed.followUp.first { $0.recommendation == record.id }
            let progress = values?[key + ".progress"] ?? given?.progress.rawValue ?? ""
            return FollowUp(
                text: record.recommendation.text, key: key,
                progress: RecommendationProgress.allCases.map {
                    Choice(
                        value: $0.rawValue, label: w("report.follow.\($0.rawValue)"), selected: $0.rawValue == progress)
                }, note: values?[key + ".note"] ?? given?.note ?? "")
        }
        questions = round.questions.enumerated().map { n, text in
            if let answer = values?["answer.\(n)"] ?? filed.answers.first(where: { $0.question == n })?.text {
                return ("answer.\(n)", text, answer, nil)
            }
            let given = earlierAnswers[ReportingRound.normalized(text)]
            return (
                "answer.\(n)", text, given?.answer ?? "", given.map { w("report.fromEarlier", ["round": $0.round]) }
            )
        }
        labels = Dictionary(
            uniqueKeysWithValues: [
                "report.measures", "report.progress", "report.spent", "report.note", "report.indicators",
                "report.value",
                "report.source", "report.computed", "report.query", "report.questions", "report.answer", "report.file",
                "report.noProgress", "report.followUp", "report.import", "report.importFile", "report.importHint",
                "report.importButton",
            ].map { ($0, w($0)) })
    }

    func label(_ key: String) -> String { labels[key] ?? key }

    /// A number as a form's number field shows it: 8750000, not 8750000.0.
    static func plain(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// The report a posted form describes. A number that does not read as one is a problem named by its field.
    static func report(
        _ form: [String: String], plan: NationalPlan, round: ReportingRound, earlier: [RecommendationRecord]
    ) -> (StateReport, [ValidationIssue]) {
        var report = StateReport()
        var issues: [ValidationIssue] = []
        func number(_ text: String?, field: String) -> Double? {
            guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            guard let value = Double(text), value.isFinite else {
                issues.append(
                    ValidationIssue(
                        field: field, message: "is not a number", code: "notANumber", values: ["value": text]))
                return nil
            }
            return value
        }
        for (o, objective) in plan.objectives.enumerated() {
            for m in objective.measures.indices {
                let key = "\(o).\(m)"
                guard let progress = form["progress." + key].flatMap(MeasureProgress.init(rawValue:)) else { continue }
                let spent = number(form["spent." + key], field: "measures[\(report.measures.count)].spent")
                report.measures.append(
                    .init(objective: o, measure: m, progress: progress, note: form["note." + key] ?? "", spent: spent))
            }
            // A computed indicator's posted value is replaced by Palermo's count when the report is filed.
            for i in objective.indicators.indices {
                let key = "\(o).\(i)"
                let field = "indicators[\(report.indicators.count)]"
                guard let value = number(form["value." + key], field: field + ".value") else { continue }
                report.indicators.append(
                    .init(objective: o, indicator: i, value: value, source: form["source." + key] ?? ""))
            }
        }
        for (k, record) in earlier.enumerated() {
            guard let progress = form["follow.\(k).progress"].flatMap(RecommendationProgress.init(rawValue:)) else {
                continue
            }
            report.followUp.append(
                .init(recommendation: record.id, progress: progress, note: form["follow.\(k).note"] ?? ""))
        }
        for n in round.questions.indices {
            guard let text = form["answer.\(n)"], !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                continue
            }
            report.answers.append(.init(question: n, text: text))
        }
        return (report, issues)
    }
}
