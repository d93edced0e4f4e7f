import Foundation
import PalermoCore

/// Answers a State already gave elsewhere (the self-assessment checklist of the Conference of the Parties, or its
/// own records) read from a CSV or XLSX sheet, to fill in a round's questions instead of asking them again.
/// The sheet has a header row with a `question` column (the question's number in the round, or its text) and an
/// `answer` column; every row must match a question of the round, or nothing is taken.
public enum ChecklistAnswers {
    public static let maxRows = 500

    /// The answers by the round's question index, or every problem, by row.
    public static func read(_ data: Data, questions: [String]) throws -> Result<[Int: String], ValidationFailure> {
        let table = try SheetFormat(sniffing: data).read(data)
        guard let header = table.rows.first else {
            return .failure(ValidationFailure([issue(nil, "file", "the sheet is empty", "fileEmpty")]))
        }
        let names = header.cells.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let q = names.firstIndex(of: "question"), let a = names.firstIndex(of: "answer") else {
            return .failure(
                ValidationFailure([
                    issue(nil, "file", "the first row must name the columns question and answer", "checklistColumns")
                ]))
        }
        let rows = table.rows.dropFirst().filter {
            !$0.cells.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty }
        }
        guard rows.count <= maxRows else {
            return .failure(
                ValidationFailure([issue(nil, "file", "has more than 500 rows", "tooMany", ["max": "500"])]))
        }
        let byText = Dictionary(
            questions.enumerated().map { (ReportingRound.normalized($1), $0) }, uniquingKeysWith: { first, _ in first })
        var answers: [Int: String] = [:]
        var issues: [ValidationIssue] = []
        for row in rows {
            let question = row.cells.indices.contains(q) ? row.cells[q].trimmingCharacters(in: .whitespaces) : ""
            let answer = row.cells.indices.contains(a) ? row.cells[a] : ""
            let index =
                Int(question).flatMap { questions.indices.contains($0 - 1) ? $0 - 1 : nil }
                ?? byText[ReportingRound.normalized(question)]
            guard let index else {
                issues.append(
                    issue(
                        row.number, "question", "matches no question of the round", "checklistUnmatched",
                        ["value": String(question.prefix(80))]))
                continue
            }
            if answer.count > 10_000 {
                issues.append(
                    issue(row.number, "answer", "must be at most 10000 characters", "tooLong", ["max": "10000"]))
            }
            if answers[index] != nil {
                issues.append(issue(row.number, "question", "answers a question twice", "checklistTwice"))
            }
            answers[index] = answer
        }
        return issues.isEmpty ? .success(answers) : .failure(ValidationFailure(issues))
    }

    static func issue(
        _ row: Int?, _ field: String, _ message: String, _ code: String, _ values: [String: String]? = nil
    ) -> ValidationIssue {
        ValidationIssue(row: row, field: field, message: message, code: code, values: values)
    }
}
