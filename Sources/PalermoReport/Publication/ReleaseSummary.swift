import Foundation
import PalermoCore
import PalermoStats
import Plot

/// What a release shows a reader, in their language: the parameters, the disclosure risk of the selected records
/// and of what is published, and what the method did (cells withheld, generalisation and its loss, the synthetic
/// data's utility). A preview on the publication page and the release's HTML report both show it.
public struct ReleaseSummary {
    public struct Figure {
        public let label: String
        public let value: String
    }

    public struct Risk {
        public let heading: String
        public let figures: [Figure]
        public let chart: Node<HTML.BodyContext>
        public let rareHeading: String
        public let rareHeaders: [String]
        public let rare: [[String]]
    }

    public let heading: String
    public let parametersHeading: String
    public let parameters: [Figure]
    public let before: Risk?
    public let after: Risk?
    public let methodHeading: String
    public let method: [Figure]
    public let errorsHeading: String?
    public let errorHeaders: [String]
    public let errors: [[String]]
    public let errorChart: Node<HTML.BodyContext>

    /// The rare combinations shown at the most: the rest are in the counts above.
    static let rareShown = 10

    public init(_ outcome: ReleaseOutcome, _ w: Wording) {
        let request = outcome.request
        heading = w("publish.summary")
        parametersHeading = w("publish.parameters")
        parameters = Self.parameters(request, records: outcome.records, w)
        before = outcome.before.map { Self.risk($0, heading: w("publish.riskBefore"), w) }
        after = outcome.after.map { Self.risk($0, heading: w("publish.riskAfter"), w) }
        methodHeading = w("publish.method.\(request.method.rawValue)")
        var method: [Figure] = []
        if let table = outcome.table {
            method += [
                Figure(label: w("publish.cells"), value: w.number(table.cells)),
                Figure(label: w("publish.primary"), value: w.number(table.primary)),
                Figure(label: w("publish.suppressed"), value: w.number(table.suppressed)),
                Figure(
                    label: w("publish.audit"),
                    value: w("publish.audit.\(table.audit.replacingOccurrences(of: " ", with: ""))")),
            ]
        }
        if let anonymity = outcome.anonymity {
            method += request.attributes.map { name in
                Figure(
                    label: w("publish.levelOf", ["attribute": Self.attribute(name, w)]),
                    value: anonymity.levels[name].map { Self.level($0, w) } ?? "–")
            }
            method += [
                Figure(label: w("publish.recordsSuppressed"), value: w.number(anonymity.suppressed)),
                Figure(label: w("publish.loss"), value: w.percent(anonymity.loss)),
                Figure(label: w("publish.smallestClass"), value: w.number(anonymity.smallestClass)),
            ]
        }
        if let utility = outcome.utility {
            method += [
                Figure(label: w("publish.syntheticRecords"), value: w.number(utility.syntheticRecords)),
                Figure(label: w("publish.leaked"), value: w.number(utility.rareCombinationsLeaked)),
                Figure(label: w("publish.fabricated"), value: w.number(utility.fabricatedCombinations)),
            ]
        }
        self.method = method
        errorsHeading = outcome.utility.map { _ in w("publish.errors") }
        errorHeaders = [w("publish.length"), w("publish.combinations"), w("publish.meanError"), w("publish.meanCount")]
        let rows = outcome.utility?.errors ?? []
        errors = rows.map {
            [
                w.number($0.length), w.number($0.combinations), w.decimal($0.meanError, digits: 2),
                w.decimal($0.meanSensitiveCount),
            ]
        }
        errorChart = SVGChart.stackedBars(
            rows.map { (label: w("publish.lengthN", ["n": w.number($0.length)]), parts: [$0.meanError]) },
            partNames: [w("publish.meanError")], title: w("publish.errors"), wording: w)
    }

    static func parameters(_ request: ReleaseRequest, records: Int, _ w: Wording) -> [Figure] {
        func figure(_ key: String, _ value: String) -> Figure { Figure(label: w("publish.param.\(key)"), value: value) }
        let any = "…"
        var list = [
            figure("method", w("publish.method.\(request.method.rawValue)")),
            figure("attributes", request.attributes.map { attribute($0, w) }.joined(separator: ", ")),
            figure("country", request.country.map(w.country) ?? w("publish.allCountries")),
            figure(
                "years",
                request.from == nil && request.to == nil
                    ? w("publish.allYears")
                    : (request.from.map(String.init) ?? any) + "–" + (request.to.map(String.init) ?? any)),
            figure("records", w.number(records)),
        ]
        switch request.method {
        case .table:
            list.append(figure(request.rounding ? "roundingBase" : "threshold", w.number(request.threshold)))
        case .kAnonymity: list.append(figure("k", w.number(request.k)))
        case .synthetic: list += [figure("k", w.number(request.k)), figure("length", w.number(request.length))]
        case .syntheticDP:
            list += [
                figure("k", w.number(request.k)), figure("length", w.number(request.length)),
                figure("epsilon", w.decimal(request.epsilon ?? 0, digits: 2)),
                figure("delta", String(request.delta ?? ReleaseRequest.defaultDelta)),
            ]
        }
        if request.method == .synthetic || request.method == .syntheticDP {
            list.append(figure("seed", String(request.seed)))
        }
        if let sensitive = request.sensitive { list.append(figure("sensitive", attribute(sensitive, w))) }
        return list
    }

    static func risk(_ report: RiskAudit.Report, heading: String, _ w: Wording) -> Risk {
        var figures = [
            Figure(label: w("publish.records"), value: w.number(report.records)),
            Figure(label: w("publish.classes"), value: w.number(report.classes)),
            Figure(label: w("publish.smallestClass"), value: w.number(report.smallestClass)),
            Figure(label: w("publish.atRisk", ["k": w.number(report.k)]), value: w.number(report.recordsAtRisk)),
            Figure(label: w("publish.uniques"), value: w.number(report.uniques)),
        ]
        if let diversity = report.diversity {
            figures.append(
                Figure(
                    label: w(
                        "publish.diversity",
                        ["attribute": attribute(diversity.attribute, w), "l": w.number(diversity.l)]),
                    value: w(
                        "publish.diversityValue",
                        [
                            "smallest": w.number(diversity.smallest), "classes": w.number(diversity.classesBelow),
                            "records": w.number(diversity.recordsBelow),
                        ])))
        }
        let bars = report.classSizes.map { size in
            (
                label: size.size >= report.k ? "≥ " + w.number(report.k) : w.number(size.size),
                parts: [Double(size.records)]
            )
        }
        return Risk(
            heading: heading, figures: figures,
            chart: SVGChart.stackedBars(
                bars, partNames: [w("publish.recordsInClasses")], title: w("publish.classSizes"), wording: w),
            rareHeading: w("publish.rare"), rareHeaders: [w("publish.rareAttributes"), w("publish.records")],
            rare: report.rareCombinations.prefix(rareShown).map { combination in
                [
                    combination.attributes.map { attribute($0, w) }.joined(separator: " + "),
                    w.number(combination.records),
                ]
            })
    }

    /// An attribute's name in the reader's language, or as given (a file's column).
    public static func attribute(_ name: String, _ w: Wording) -> String {
        w.optional("publish.attribute.\(name)") ?? name
    }

    /// A published value in the reader's language: a code of an HTCDS list, a country, a region or subregion, a
    /// form of exploitation; "*" is a value not shown; anything else (a period, a file's value) as it is.
    public static func value(_ value: String, of attribute: String, _ w: Wording) -> String {
        if value == "*" { return w("publish.level.suppressed") }
        if value == "Total" { return w("publish.total") }
        guard !value.isEmpty else { return value }
        switch attribute {
        case "sex": return w.picklist("gender", value)
        case "ageGroup": return w.picklist("agegroup", value)
        case "citizenship", "countryOfExploitation":
            return Countries.find(value) == nil ? w.region(value) : w.country(value)
        case "exploitation": return w.optional("picklist.typeofexploitation.\(value)") ?? w.region(value)
        case "labourIndustry": return w.picklist("forcedlabourindustry", value)
        case "traffickingStatus": return w.picklist("traffickingstatus", value)
        default: return value
        }
    }

    /// A generalisation level: an attribute's own name, a named level, or "*" (not shown).
    static func level(_ name: String, _ w: Wording) -> String {
        if name == "*" { return w("publish.level.suppressed") }
        return w.optional("publish.level.\(name)") ?? w.optional("publish.attribute.\(name)").map { _ in
            w("publish.level.exact")
        }
            ?? name
    }

    public var view: Node<HTML.BodyContext> {
        .section(
            .class("release-summary"),
            .h2(.words(heading)),
            Self.figures(parametersHeading, parameters),
            .unwrap(before) { Self.risk($0) },
            .unwrap(after) { Self.risk($0) },
            .if(!method.isEmpty, Self.figures(methodHeading, method)),
            .unwrap(errorsHeading) { errorsHeading in
                .group(
                    .h3(.words(errorsHeading)),
                    Self.table(errorHeaders, errors),
                    errorChart)
            })
    }

    static func figures(_ heading: String, _ figures: [Figure]) -> Node<HTML.BodyContext> {
        .group(
            .h3(.words(heading)),
            .dl(.class("figures"), .forEach(figures) { .group(.dt(.words($0.label)), .dd(.words($0.value))) }))
    }

    static func risk(_ risk: Risk) -> Node<HTML.BodyContext> {
        .group(
            figures(risk.heading, risk.figures),
            risk.chart,
            .if(!risk.rare.isEmpty, .group(.h4(.words(risk.rareHeading)), table(risk.rareHeaders, risk.rare))))
    }

    static func table(_ headers: [String], _ rows: [[String]]) -> Node<HTML.BodyContext> {
        .div(
            .class("table-wrap"),
            .table(
                .class("narrow"),
                .thead(.tr(.forEach(headers) { .th(.attr("scope", "col"), .words($0)) })),
                .tbody(
                    .forEach(rows) { row in
                        .tr(
                            .forEach(Array(row.enumerated())) { index, cell in
                                index == 0 ? .th(.attr("scope", "row"), .words(cell)) : .td(.class("num"), .words(cell))
                            })
                    })))
    }
}

/// A release's report as one self-contained HTML file.
public enum ReleaseDocument {
    public static func html(_ outcome: ReleaseOutcome, created: String, wording w: Wording) -> String {
        StandaloneDocument.html(
            title: w("publish.reportTitle"), wording: w,
            .p(.words(w("publish.reportIntro", ["created": created]))),
            ReleaseSummary(outcome, w).view,
            .p(.class("meta"), .words(w("publish.methodNote"))))
    }
}
