import Foundation
import PalermoCore
import PalermoStore
import Vapor

/// A screening as the API and the page's form send it.
struct ScreeningInput: Content {
    let acts: [String]?
    let means: [String]?
    let purposes: [String]?
    let ageUncertain: Bool?
    let guardian: Bool?
    let bestInterestsOn: String?

    func screening() throws -> Screening {
        var problems = Problems()
        let acts = problems.choices(Screening.Act.self, self.acts ?? [], field: "acts")
        for (field, list) in [("means", means), ("purposes", purposes)] where (list?.count ?? 0) > 50 {
            problems.issues.append(ValidationIssue(field: field, message: "names too many values", code: nil))
        }
        guard problems.issues.isEmpty else { throw ValidationFailure(problems.issues) }
        return Screening(
            acts: Screening.Act.allCases.filter(acts.contains), means: means ?? [], purposes: purposes ?? [],
            ageUncertain: ageUncertain ?? false, guardian: guardian ?? false,
            bestInterestsOn: bestInterestsOn.flatMap { $0.isEmpty ? nil : $0 })
    }
}

/// The latest screening as JSON.
struct ScreeningDTO: Content {
    let id: UUID
    let acts: [String]
    let means: [String]
    let purposes: [String]
    let ageUncertain: Bool
    let guardian: Bool
    let bestInterestsOn: String?
    let proposedStatus: String
    let reasons: [String]
    let by: String
    let at: Date?

    init(_ record: ScreeningRecord) {
        id = record.id
        acts = record.screening.acts.map(\.rawValue)
        means = record.screening.means
        purposes = record.screening.purposes
        ageUncertain = record.screening.ageUncertain
        guardian = record.screening.guardian
        bestInterestsOn = record.screening.bestInterestsOn
        proposedStatus = record.proposal.status
        reasons = record.proposal.reasons.map(\.rawValue)
        by = record.by
        at = record.at
    }
}
