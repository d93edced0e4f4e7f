import Foundation

/// A recommendation the secretariat made to a State after a round, as GRETA's monitoring rounds do; the State's
/// next reports say where it stands.
public struct Recommendation: Sendable, Codable, Equatable {
    public var country: String
    public var text: String

    public init(country: String, text: String) {
        self.country = country
        self.text = text
    }

    public func problems() -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        if Countries.find(country) == nil {
            issues.append(
                ValidationIssue(
                    field: "country", message: "is not a country code", code: "notACountry", values: ["value": country])
            )
        }
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            issues.append(ValidationIssue(field: "text", message: "is required", code: "required"))
        }
        if text.count > 2000 {
            issues.append(
                ValidationIssue(
                    field: "text", message: "must be at most 2000 characters", code: "tooLong", values: ["max": "2000"])
            )
        }
        return issues
    }
}

/// Where a recommendation stands, as the State reports it.
public enum RecommendationProgress: String, Sendable, Codable, CaseIterable {
    case implemented, partlyImplemented, notImplemented, noLongerRelevant
}
