import Foundation

/// A good practice any actor shares against trafficking: what was done, where, with what results and evidence,
/// and whom to ask, linked to the paragraphs of the Plan it carries out. Reviewed before anyone else reads it.
public struct GoodPractice: Sendable, Codable, Equatable {
    public var title: String
    /// What was done, by whom, for whom.
    public var summary: String
    /// ISO 3166-1 alpha-3: where it was done.
    public var country: String
    /// The Plan's heading it falls under (a section id of the Plan: `prevention`, `protection`, ...).
    public var theme: String
    public var paragraphs: [String]
    public var results: String
    /// Where the results can be checked: an evaluation, a report, a link.
    public var evidence: String
    /// Whom to ask: a name and an address, a desk, a website.
    public var contact: String
    public var planVersion: String

    public init(
        title: String, summary: String, country: String, theme: String, paragraphs: [String], results: String,
        evidence: String, contact: String, planVersion: String = "2010-07-19"
    ) {
        self.title = title
        self.summary = summary
        self.country = country
        self.theme = theme
        self.paragraphs = paragraphs
        self.results = results
        self.evidence = evidence
        self.contact = contact
        self.planVersion = planVersion
    }

    public static let maxParagraphs = 30

    /// Every problem of the practice, each naming its field.
    public func problems() -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        func add(_ field: String, _ message: String, _ code: String, _ values: [String: String]? = nil) {
            issues.append(ValidationIssue(field: field, message: message, code: code, values: values))
        }
        let texts: [(String, String, Int, Bool)] = [
            ("title", title, 300, true), ("summary", summary, 5000, true), ("results", results, 5000, true),
            ("evidence", evidence, 2000, false), ("contact", contact, 300, true),
        ]
        for (field, value, max, required) in texts {
            if required && value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                add(field, "is required", "required")
            }
            if value.count > max { add(field, "must be at most \(max) characters", "tooLong", ["max": String(max)]) }
        }
        if Countries.find(country) == nil { add("country", "is not a country code", "notACountry", ["value": country]) }
        guard let plan = PlanOfAction.load(planVersion) else {
            add("planVersion", "is not a version of the Plan", "notInList", ["value": planVersion])
            return issues
        }
        if !plan.sections.contains(where: { $0.id == theme }) {
            add("theme", "is not a heading of the Plan", "notInList", ["value": theme])
        }
        if paragraphs.isEmpty { add("paragraphs", "is required", "required") }
        if paragraphs.count > Self.maxParagraphs {
            add("paragraphs", "names too many items", "tooMany", ["max": String(Self.maxParagraphs)])
            return issues
        }
        issues += plan.linkProblems(paragraphs, field: "paragraphs")
        return issues
    }

    /// The text the search reads: every field a reader might look for.
    public var searchText: String {
        [title, summary, results, evidence, contact].joined(separator: "\n")
    }
}

/// Where a submitted practice stands: waiting for review, published for everyone, or returned to its authors.
public enum PracticeStatus: String, Sendable, Codable, CaseIterable {
    case submitted, published, returned
}

/// A reader's search words made safe for a full-text index: letters and digits only, at most ten words of at
/// most 50 characters, lower-cased. Nothing a reader types reaches the index's query syntax.
public struct SearchWords: Sendable, Equatable {
    public let words: [String]

    public init(_ text: String) {
        var words: [String] = []
        var current = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        self.words = Array(words.map { String($0.prefix(50)) }.prefix(10))
    }

    public var isEmpty: Bool { words.isEmpty }

    /// SQLite FTS5: each word a quoted prefix, all required.
    public var fts5: String { words.map { "\"\($0)\"*" }.joined(separator: " ") }

    /// PostgreSQL `to_tsquery`: each word a prefix, all required.
    public var tsquery: String { words.map { "'\($0)':*" }.joined(separator: " & ") }
}
