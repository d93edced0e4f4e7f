import Foundation
import PalermoCore
import PalermoReport
import PalermoStore

/// The case page's identification screening: the latest proposal with its reasons, and the form.
struct ScreeningPanel {
    let caseID: String
    let csrf: String
    let heading: String
    let intro: String
    let latest: (proposal: String, reasons: [String], by: String)?
    /// The weighed ILO/EC indicators of the latest screening: which list, and a line per dimension observed.
    let assessment: (list: String, lines: [String])?
    let applyLabel: String
    let none: String
    let legend: String
    let groups: [(legend: String, checks: [Checkbox])]
    let child: [Checkbox]
    let indicatorsLegend: String
    let indicatorsHint: String
    let formLabel: String
    let forms: [Choice]
    let dimensions: [(legend: String, checks: [Checkbox])]
    let bestInterestsLabel: String
    let bestInterestsOn: String
    let button: String

    init(_ w: Wording, caseID: UUID, latest: ScreeningRecord?, csrf: String) {
        self.caseID = caseID.uuidString
        self.csrf = csrf
        heading = w("screening.heading")
        intro = w("screening.intro")
        self.latest = latest.map { record in
            (
                w("screening.proposal", ["status": w.picklist("traffickingstatus", record.proposal.status)]),
                record.proposal.reasons.map { w("screening.reason.\($0.rawValue)") },
                w("screening.by", ["who": record.by, "when": record.at.map(w.dateTime) ?? ""])
            )
        }
        assessment = latest?.proposal.assessment.map { Self.assessment($0, w) }
        applyLabel = w("screening.apply")
        none = w("screening.none")
        legend = w("screening.legend")
        let seen = latest?.screening
        groups = [
            (
                w("screening.acts"),
                Screening.Act.allCases.map {
                    Checkbox(
                        name: "acts", value: $0.rawValue, label: w("screening.act.\($0.rawValue)"),
                        checked: seen?.acts.contains($0) == true)
                }
            ),
            (
                w("screening.means"),
                Screening.meansCodes.map { code in
                    Checkbox(
                        name: "means", value: code,
                        label: code == Screening.abuseOfVulnerability
                            ? w("screening.abuseOfVulnerability") : w.picklist("methodsofcontrol", code),
                        checked: seen?.means.contains(code) == true)
                }
            ),
            (
                w("screening.purposes"),
                Screening.purposeCodes.map { code in
                    Checkbox(
                        name: "purposes", value: code, label: w.picklist("typeofexploitation", code),
                        checked: seen?.purposes.contains(code) == true)
                }
            ),
        ]
        child = [
            Checkbox(
                name: "ageUncertain", value: "1", label: w("screening.ageUncertain"),
                checked: seen?.ageUncertain == true),
            Checkbox(name: "guardian", value: "1", label: w("screening.guardian"), checked: seen?.guardian == true),
        ]
        indicatorsLegend = w("screening.indicators")
        indicatorsHint = w("screening.indicatorsHint")
        formLabel = w("screening.indicatorForm")
        forms = OperationalIndicators.Form.allCases.map {
            Choice(
                value: $0.rawValue, label: w("indicator.form.\($0.rawValue)"),
                selected: (seen?.indicatorForm ?? .labour) == $0)
        }
        let observed = Set(seen?.indicators ?? [])
        dimensions = OperationalIndicators.Dimension.allCases.map { dimension in
            (
                w("indicator.dimension.\(dimension.rawValue)"),
                OperationalIndicators.catalogue.filter { $0.dimension == dimension }.map {
                    Checkbox(
                        name: "indicators", value: $0.code, label: w("indicator.\($0.code)"),
                        checked: observed.contains($0.code))
                }
            )
        }
        bestInterestsLabel = w("screening.bestInterests")
        bestInterestsOn = seen?.bestInterestsOn ?? ""
        button = w("screening.record")
    }

    /// "Coercion at destination: positive (2 strong, 1 medium, 0 weak)" for each dimension with an observation.
    static func assessment(_ assessment: OperationalIndicators.Assessment, _ w: Wording) -> (String, [String]) {
        let lines = assessment.dimensions.filter { $0.observed > 0 }.map { result in
            w(
                result.positive ? "screening.dimensionPositive" : "screening.dimensionNotPositive",
                [
                    "dimension": w("indicator.dimension.\(result.dimension.rawValue)"),
                    "strong": w.number(result.strong), "medium": w.number(result.medium),
                    "weak": w.number(result.weak),
                ])
        }
        return (w("screening.indicatorList", ["list": w("indicator.list.\(assessment.list.rawValue)")]), lines)
    }
}
