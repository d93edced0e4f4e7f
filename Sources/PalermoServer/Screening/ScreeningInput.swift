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
    let indicators: [String]?
    let indicatorForm: String?

    func screening() throws -> Screening {
        var problems = Problems()
        let acts = problems.choices(Screening.Act.self, self.acts ?? [], field: "acts")
        let form = problems.choice(OperationalIndicators.Form.self, indicatorForm ?? "labour", field: "indicatorForm")
        let limits = [
            ("means", means, 50), ("purposes", purposes, 50),
            ("indicators", indicators, OperationalIndicators.codes.count),
        ]
        for (field, list, limit) in limits where (list?.count ?? 0) > limit {
            problems.issues.append(ValidationIssue(field: field, message: "names too many values", code: nil))
        }
        guard problems.issues.isEmpty else { throw ValidationFailure(problems.issues) }
        return Screening(
            acts: Screening.Act.allCases.filter(acts.contains), means: means ?? [], purposes: purposes ?? [],
            ageUncertain: ageUncertain ?? false, guardian: guardian ?? false,
            bestInterestsOn: bestInterestsOn.flatMap { $0.isEmpty ? nil : $0 },
            indicators: Array(Set(indicators ?? [])).sorted(), indicatorForm: form ?? .labour)
    }
}

/// The ILO/EC indicators as weighed: the list used, each dimension's counts, and whether the combination holds.
struct IndicatorAssessmentDTO: Content {
    struct DimensionDTO: Content {
        let dimension: String
        let strong: Int
        let medium: Int
        let weak: Int
        let positive: Bool
    }
    let list: String
    let met: Bool
    let dimensions: [DimensionDTO]
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
    let indicators: [String]
    let indicatorForm: String
    let assessment: IndicatorAssessmentDTO?
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
        indicators = record.screening.indicators
        indicatorForm = record.screening.indicatorForm.rawValue
        assessment = record.proposal.assessment.map { assessment in
            IndicatorAssessmentDTO(
                list: assessment.list.rawValue, met: record.proposal.reasons.contains(.indicatorsMet),
                dimensions: assessment.dimensions.map {
                    .init(
                        dimension: $0.dimension.rawValue, strong: $0.strong, medium: $0.medium, weak: $0.weak,
                        positive: $0.positive)
                })
        }
        by = record.by
        at = record.at
    }
}
