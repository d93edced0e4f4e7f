import Foundation
import PalermoCore
import PalermoReport
import PalermoStats
import PalermoStore
import Plot

/// `/publish`: choose the records and the attributes, the method and its parameters; preview the risk and the
/// utility; release; and the releases made so far.
struct PublicationPage {
    struct Preview {
        let summary: ReleaseSummary
        let sampleHeading: String
        let header: [String]
        let rows: [[String]]
        let releaseLabel: String
        let fields: [(String, String)]
    }

    struct Row {
        let href: String
        let created: String
        let creator: String
        let method: String
        let country: String
    }

    let title: String
    let intro: String
    let countryLabel: String
    let countries: [Choice]
    let allCountries: String?
    let fromLabel: String
    let toLabel: String
    let typed: [String: String]
    let attributesLegend: String
    let attributes: [Checkbox]
    let methodLabel: String
    let methods: [Choice]
    let kLabel: String
    let lengthLabel: String
    let thresholdLabel: String
    let rounding: Checkbox
    let epsilonLabel: String
    let deltaLabel: String
    let sensitiveLabel: String
    let sensitives: [Choice]
    let noneLabel: String
    let seed: String
    let previewLabel: String
    let problemsHeading: String
    let problems: [String]
    let preview: Preview?
    let releasesHeading: String
    let releaseHeaders: [String]
    let releases: [Row]
    let noReleases: String
    let csrf: String

    init(
        _ w: Wording, countries codes: [String], fixedCountry: Bool, typed: [String: String], outcome: ReleaseOutcome?,
        problems: [String], releases: [ReleaseRecord], csrf: String
    ) {
        title = w("publish.title")
        intro = w("publish.intro")
        countryLabel = w("publish.param.country")
        countries = w.countryChoices(codes, selected: typed["country"])
        allCountries = fixedCountry ? nil : w("publish.allCountries")
        fromLabel = w("publish.from")
        toLabel = w("publish.to")
        self.typed = typed
        attributesLegend = w("publish.param.attributes")
        let chosen = Set(PublicationForm.attributes(typed))
        let fresh = typed.isEmpty
        attributes = ReleaseRequest.attributes.map(\.name).map { name in
            Checkbox(
                name: PublicationForm.field(name), value: "on", label: ReleaseSummary.attribute(name, w),
                checked: fresh
                    ? ["sex", "ageGroup", "citizenship", "exploitation"].contains(name) : chosen.contains(name))
        }
        methodLabel = w("publish.param.method")
        let method = typed["method"] ?? ReleaseRequest.Method.synthetic.rawValue
        methods = ReleaseRequest.Method.allCases.map {
            Choice(value: $0.rawValue, label: w("publish.method.\($0.rawValue)"), selected: $0.rawValue == method)
        }
        kLabel = w("publish.param.k")
        lengthLabel = w("publish.param.length")
        thresholdLabel = w("publish.param.threshold")
        rounding = Checkbox(
            name: "rounding", value: "on", label: w("publish.rounding"), checked: typed["rounding"] != nil)
        epsilonLabel = w("publish.param.epsilon")
        deltaLabel = w("publish.param.delta")
        sensitiveLabel = w("publish.param.sensitive")
        sensitives = ReleaseRequest.attributes.map(\.name).map {
            Choice(value: $0, label: ReleaseSummary.attribute($0, w), selected: typed["sensitive"] == $0)
        }
        noneLabel = w("publish.none")
        seed = typed["seed"] ?? String(UInt64.random(in: 1...UInt64(UInt32.max)))
        previewLabel = w("publish.preview")
        problemsHeading = w("work.refused")
        self.problems = problems
        preview = outcome.map { outcome in
            Preview(
                summary: ReleaseSummary(outcome, w), sampleHeading: w("publish.sample"),
                header: outcome.sample(0).first?.map { ReleaseSummary.attribute($0, w) } ?? [],
                rows: Self.rows(outcome.sample(20), w), releaseLabel: w("publish.release"),
                fields: PublicationForm.fields(of: outcome.request))
        }
        releasesHeading = w("publish.releases")
        releaseHeaders = [
            w("publish.created"), w("publish.creator"), w("publish.param.method"), w("publish.param.country"),
        ]
        self.releases = releases.map { release in
            Row(
                href: "/publish/\(release.id)", created: release.createdAt.map(w.dateTime) ?? "–",
                creator: release.creator,
                method: w("publish.method.\(release.method)"),
                country: release.country.map(w.country) ?? w("publish.allCountries"))
        }
        noReleases = w("publish.noReleases")
        self.csrf = csrf
    }

    var view: Node<HTML.BodyContext> {
        .group(
            .h1(.words(title)),
            .p(.words(intro)),
            FormMarkup.refused(problemsHeading, problems),
            FormMarkup.form(
                method: "get", action: "/publish", .id("publish-form"), .class("filters"),
                FormMarkup.hidden("preview", "1"),
                FormMarkup.hidden("seed", seed),
                .div(
                    FormMarkup.labelledSelect(
                        name: "country", label: countryLabel, choices: countries, empty: allCountries)),
                .div(
                    FormMarkup.labelledNumber(
                        name: "from", label: fromLabel, value: typed["from"] ?? "", range: 1900...2200)),
                .div(
                    FormMarkup.labelledNumber(
                        name: "to", label: toLabel, value: typed["to"] ?? "", range: 1900...2200)),
                FormMarkup.checkboxes(legend: attributesLegend, attributes),
                .div(FormMarkup.labelledSelect(name: "method", label: methodLabel, choices: methods, empty: nil)),
                .div(FormMarkup.labelledNumber(name: "k", label: kLabel, value: typed["k"] ?? "10", range: 2...1000)),
                .div(
                    FormMarkup.labelledNumber(
                        name: "length", label: lengthLabel, value: typed["length"] ?? "3", range: 1...4)),
                .div(
                    FormMarkup.labelledNumber(
                        name: "threshold", label: thresholdLabel, value: typed["threshold"] ?? "5", range: 2...100)),
                .div(FormMarkup.checkbox(rounding)),
                .div(Self.decimal("epsilon", epsilonLabel, typed["epsilon"] ?? "")),
                .div(Self.decimal("delta", deltaLabel, typed["delta"] ?? "")),
                .div(
                    FormMarkup.labelledSelect(
                        name: "sensitive", label: sensitiveLabel, choices: sensitives, empty: noneLabel)),
                .div(FormMarkup.button(previewLabel))
            ),
            .unwrap(preview) { preview in
                .section(
                    .id("preview"), .attr("aria-live", "polite"),
                    preview.summary.view,
                    .h3(.words(preview.sampleHeading)),
                    .div(
                        .class("table-wrap"),
                        .table(
                            .thead(.tr(.forEach(preview.header) { .th(.attr("scope", "col"), .words($0)) })),
                            .tbody(.forEach(preview.rows) { row in .tr(.forEach(row) { .td(.words($0)) }) }))),
                    FormMarkup.form(
                        method: "post", action: "/publish", .id("release-form"),
                        FormMarkup.hidden("_csrf", csrf),
                        .forEach(preview.fields) { FormMarkup.hidden($0.0, $0.1) },
                        FormMarkup.button(preview.releaseLabel)))
            },
            .h2(.words(releasesHeading)),
            releases.isEmpty
                ? .p(.words(noReleases))
                : .div(
                    .class("table-wrap"),
                    .table(
                        .id("releases"),
                        .thead(.tr(.forEach(releaseHeaders) { .th(.attr("scope", "col"), .words($0)) })),
                        .tbody(
                            .forEach(releases) { row in
                                .tr(
                                    .td(.a(.attr("href", row.href), .words(row.created))), .td(.words(row.creator)),
                                    .td(.words(row.method)), .td(.words(row.country)))
                            })))
        )
    }

    /// The sample's rows with every value in the reader's language (a table's last column is its count).
    static func rows(_ sample: [[String]], _ w: Wording) -> [[String]] {
        guard let header = sample.first else { return [] }
        return sample.dropFirst().map { row in
            row.enumerated().map { index, cell in
                index < header.count ? ReleaseSummary.value(cell, of: header[index], w) : cell
            }
        }
    }

    static func decimal(_ name: String, _ label: String, _ value: String) -> Node<HTML.BodyContext> {
        FormMarkup.label(
            .words(label + " "),
            FormMarkup.input([
                .attr("type", "text"), .attr("inputmode", "decimal"), .attr("name", name), .attr("value", value),
                .attr("size", "8"),
            ]))
    }
}
