import Foundation
import PalermoCore
import PalermoStats
import Plot

/// The patterns-and-flows report as HTML in the reader's language: `document` is a self-contained page
/// (inline style, inline SVG, no script, nothing fetched), `sections` the same content for a page of the web app.
public enum PatternsAndFlowsDocument {
    public typealias Content = Node<HTML.BodyContext>

    public static func document(
        _ report: PatternsAndFlowsReport, wording w: Wording = .english,
        generated: Date = Date()
    ) -> String {
        StandaloneDocument.html(
            title: title(report, w), wording: w,
            .p(
                .class("meta"),
                .words(w("report.generated", ["when": w.dateTime(generated), "source": report.scope.source]))),
            sections(report, wording: w, csv: { "\($0).csv" }))
    }

    public static func title(_ report: PatternsAndFlowsReport, _ w: Wording = .english) -> String {
        let years = w("report.title", ["years": w.years(report.scope.from, report.scope.to)])
        return report.scope.region.map { "\(years) — \(w.region($0))" } ?? years
    }

    /// The report's sections; `csv` gives the link for a table's CSV (nil for none).
    public static func sections(
        _ report: PatternsAndFlowsReport, wording w: Wording = .english,
        csv: @escaping (String) -> String?
    ) -> Content {
        let parts = Parts(report: report, w: w, csv: csv)
        return .group(
            parts.method, parts.trend, parts.regions, parts.justice, parts.sexAge, parts.forms, parts.flows,
            parts.convictions, parts.countries)
    }

    public static let style = """
        body{font-family:system-ui,sans-serif;color:#1a1a1a;margin:0;line-height:1.45}
        main{max-width:980px;margin:auto;padding:1rem}
        dl.figures{display:grid;grid-template-columns:minmax(12rem,max-content) auto;gap:.2rem 1rem}
        .figures dd{margin:0}
        h1{font-size:1.6rem}h2{font-size:1.25rem;border-bottom:1px solid #ccc;padding-bottom:.2rem;margin-top:2rem}
        table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0}
        th,td{border:1px solid #ccc;padding:.2rem .45rem;text-align:end}
        th:first-child,td:first-child{text-align:start}.scroll,.chart-frame{overflow-x:auto}
        .chart{width:100%;min-width:640px;max-width:640px;height:auto;display:block}[dir=rtl] .chart{direction:ltr}
        .caption,.meta{color:#444;font-size:.9rem}.n{color:#595959;font-size:.8em}
        .method{background:#f4f6f8;padding:.5rem 1rem;border-radius:4px}
        a.csv{font-size:.8rem;font-weight:normal;margin-inline-start:.5rem}.sub{padding-inline-start:1.2em}
        """
}

/// The sections of the report, one function each.
private struct Parts {
    typealias Content = Node<HTML.BodyContext>
    let report: PatternsAndFlowsReport
    let w: Wording
    let csv: (String) -> String?

    var method: Content {
        let r = report
        return .section(
            .class("method"), .h2(.words(w("report.method.title"))),
            .ul(
                .li(.words(w("report.method.countries"))),
                // Ranges come from data published with `<5` cells, or from case records whose small counts were
                // withheld from the reader; case records read in full count exactly.
                .unwrap(r.scope.withheldBelow) { .li(.words(w("report.method.withheld", ["n": w.number($0)]))) },
                .if(r.hasRanges && r.scope.withheldBelow == nil, .li(.words(w("report.method.suppressed")))),
                .li(.words(w("report.method.partial"))),
                .li(.words(w("report.method.coverage", ["n": w.number(r.panelCountries.count)])))),
            .if(
                !r.notes.isEmpty,
                .details(
                    .summary(.words(w("report.method.notes"))),
                    .ul(.attr("lang", "en"), .forEach(r.notes) { .li(.words($0)) }))))
    }

    var trend: Content {
        let r = report
        let missing = r.yearsWithoutData
        return section(
            "trend", w("report.trend.title"),
            [
                SVGChart.lines(
                    [
                        .init(
                            name: w("report.trend.all"),
                            points: r.trend.filter(\.victims.hasData).map {
                                (
                                    $0.year, Double($0.victims.value.low), Double($0.victims.value.high),
                                    $0.victims.upperOpen
                                )
                            }),
                        .init(
                            name: w("report.trend.panel", ["n": w.number(r.panelCountries.count)]),
                            points: r.trend.compactMap { row in
                                row.panelVictims.map { (row.year, Double($0.low), Double($0.high), false) }
                            }),
                    ], title: w("report.trend.chart"), wording: w, years: r.scope.years),
                .if(
                    !missing.isEmpty,
                    .p(
                        .class("caption"),
                        .words(w("report.noData", ["years": missing.map(String.init).joined(separator: ", ")])))),
                table(
                    [
                        "report.col.year", "report.col.countriesReporting", "report.col.victims",
                        "report.col.panelVictims", "report.col.formalContact", "report.col.prosecuted",
                        "report.col.convicted",
                    ].map { w($0) },
                    r.trend.map { row in
                        [
                            .words(String(row.year)), .words(countries(row.victims)), .words(w.covered(row.victims)),
                            .words(row.panelVictims.map(w.count) ?? "–"),
                            .words(withCountries(row.formalContact)), .words(withCountries(row.prosecuted)),
                            .words(withCountries(row.convicted)),
                        ]
                    }),
            ])
    }

    var regions: Content {
        let r = report, years = Array(r.scope.years)
        let names = Array(Set(r.regions.filter { $0.indicator == .detectedVictims }.map(\.region))).sorted()
        return section(
            "regions", w("report.regions.title"),
            [
                SVGChart.stackedBars(
                    years.map { year in
                        (
                            String(year),
                            names.map { name in
                                r.regions.first {
                                    $0.indicator == .detectedVictims && $0.year == year && $0.region == name
                                }?
                                .count.value.midpoint ?? 0
                            }
                        )
                    }, partNames: names.map(w.region), title: w("report.regions.chart"), wording: w),
                .p(.class("caption"), .words(w("report.regions.caption"))),
                regionTable(.detectedVictims),
            ])
    }

    /// Persons in formal contact, prosecuted and convicted by region, subregion and year.
    var justice: Content {
        let tables: [(Indicator, String)] = [
            (.formalContact, "report.indicator.formalContact"), (.prosecuted, "report.indicator.prosecuted"),
            (.convicted, "report.indicator.convicted"),
        ]
        return section(
            "justice", w("report.justice.title"),
            [.p(.class("caption"), .words(w("report.justice.caption")))]
                + tables.flatMap { indicator, heading -> [Content] in
                    [.h3(.words(w(heading))), regionTable(indicator)]
                })
    }

    /// One indicator: a row per region and subregion, a column per year.
    private func regionTable(_ indicator: Indicator) -> Content {
        let r = report, years = Array(r.scope.years)
        let regionRows = r.regions.filter { $0.indicator == indicator }
        let subregionRows = r.subregions.filter { $0.indicator == indicator }
        var rows: [[Content]] = []
        for region in Array(Set(regionRows.map(\.region))).sorted() {
            rows.append(
                [.strong(.words(w.region(region)))]
                    + years.map { year in cell(regionRows.first { $0.year == year && $0.region == region }) })
            for sub in Array(Set(subregionRows.filter { $0.region == region }.compactMap(\.subregion))).sorted() {
                rows.append(
                    [.span(.class("sub"), .words(w.region(sub)))]
                        + years.map { year in cell(subregionRows.first { $0.year == year && $0.subregion == sub }) })
            }
        }
        return table([w("report.col.region")] + years.map(String.init), rows)
    }

    var sexAge: Content {
        let r = report
        let groups = ["report.women", "report.girls", "report.men", "report.boys"].map { w($0) }
        return section(
            "sex-age", w("report.sexAge.title"),
            [
                SVGChart.stackedBars(
                    r.sexAge.map {
                        (
                            String($0.year),
                            [
                                $0.women.midpoint, $0.girls.midpoint, $0.men.midpoint,
                                $0.boys.midpoint,
                            ]
                        )
                    },
                    partNames: groups, title: w("report.sexAge.chart"), percent: true, wording: w),
                table(
                    [w("report.col.year"), w("report.col.countriesCovered"), w("report.col.countriesSexAge")] + groups
                        + [w("report.col.countriesSex"), w("report.col.femaleShare")],
                    r.sexAge.map { row in
                        // A year without data is left blank, not filled with zeros.
                        guard row.covered > 0 else { return [String(row.year)] + Array(repeating: "–", count: 8) }
                        return [
                            String(row.year), w.number(row.covered), w.number(row.countries), w.count(row.women),
                            w.count(row.girls), w.count(row.men), w.count(row.boys), w.number(row.countriesBySex),
                            row.femaleShare.map(w.share) ?? "–",
                        ]
                    }),
            ])
    }

    var forms: Content {
        let r = report, forms = ExploitationForm.allCases.map(\.rawValue)
        return section(
            "forms", w("report.forms.title"),
            [
                SVGChart.stackedBars(
                    r.forms.map { row in (String(row.year), forms.map { row.counts[$0]?.midpoint ?? 0 }) },
                    partNames: forms.map(w.region), title: w("report.forms.chart"), percent: true, wording: w),
                table(
                    [w("report.col.year"), w("report.col.countriesCovered"), w("report.col.countries")]
                        + forms.map(w.region),
                    r.forms.map { row in
                        guard row.covered > 0 else {
                            return [.words(String(row.year))] + Array(repeating: .words("–"), count: 2 + forms.count)
                        }
                        return [
                            .words(String(row.year)), .words(w.number(row.covered)), .words(w.number(row.countries)),
                        ]
                            + forms.map { form in
                                .words(
                                    "\(w.count(row.counts[form] ?? .zero)) (\(row.shares[form].map(w.share) ?? "–"))")
                            }
                    }),
            ])
    }

    var flows: Content {
        let r = report, s = r.flowSummary
        return section(
            "flows", w("report.flows.title"),
            [
                .p(
                    .class("caption"),
                    .words(
                        w(
                            "report.flows.caption",
                            [
                                "years": w.years(r.scope.from, r.scope.to), "countries": w.number(s.countries),
                                "domestic": w.count(s.domestic), "crossBorder": w.count(s.crossBorder),
                                "unspecified": w.count(s.unspecified),
                                "share": s.domesticShare.map(w.share) ?? "–",
                            ]))),
                SVGChart.sankey(
                    r.flows.map { (w.region($0.origin), w.region($0.destination), $0.victims.midpoint) },
                    title: w("report.flows.chart"), wording: w),
                table(
                    ["report.col.origin", "report.col.detectedIn", "report.col.victims", "report.col.countries"].map {
                        w($0)
                    },
                    r.flows.map {
                        [w.region($0.origin), w.region($0.destination), w.count($0.victims), w.number($0.countries)]
                            .map { .words($0) }
                    }),
            ])
    }

    var convictions: Content {
        section(
            "convictions", w("report.convictions.title"),
            [
                .p(.class("caption"), .words(w("report.convictions.caption"))),
                table(
                    [
                        "report.col.region", "report.col.countryYears", "report.col.prosecuted", "report.col.convicted",
                        "report.col.ratio",
                    ].map { w($0) },
                    report.convictions.map { row in
                        [
                            w.region(row.region), w.number(row.countryYears), w.count(row.prosecuted),
                            w.count(row.convicted),
                            row.ratio.map { w.decimal($0.point, digits: 2) } ?? "–",
                        ].map { .words($0) }
                    }),
            ])
    }

    var countries: Content {
        section(
            "countries", w("report.countries.title"),
            [
                table(
                    [
                        "report.col.country", "report.col.region", "report.col.subregion", "report.col.yearsReporting",
                        "report.col.victimsAllYears", "report.col.prosecuted", "report.col.convicted",
                    ].map { w($0) },
                    report.countries.map { row in
                        [
                            w.country(row.code), w.region(row.region), w.region(row.subregion),
                            w.number(row.victims.countries), w.covered(row.victims), w.covered(row.prosecuted),
                            w.covered(row.convicted),
                        ]
                        .map { .words($0) }
                    })
            ])
    }

    private func section(_ id: String, _ heading: String, _ content: [Content]) -> Content {
        let name = id.replacingOccurrences(of: "-", with: "_")
        return .section(
            .attr("id", id),
            .h2(
                .words(heading),
                .unwrap(csv(name)) { link in
                    .a(.class("csv"), .attr("href", link), .words(w("report.csv")))
                }), .group(content))
    }

    private func cell(_ row: PatternsAndFlowsReport.AreaYearRow?) -> Content {
        guard let row else { return .words("–") }
        return .group(.words(w.covered(row.count) + " "), .span(.class("n"), .words("(\(countries(row.count)))")))
    }

    /// "137", or "137 (5 partial)".
    private func countries(_ count: PatternsAndFlowsReport.CoveredCount) -> String {
        count.partial == 0
            ? w.number(count.countries)
            : w("report.countriesPartial", ["n": w.number(count.countries), "partial": w.number(count.partial)])
    }

    private func withCountries(_ count: PatternsAndFlowsReport.CoveredCount) -> String {
        count.hasData ? "\(w.covered(count)) (\(countries(count)))" : "–"
    }

    private func table(_ header: [String], _ rows: [[String]]) -> Content {
        table(header, rows.map { $0.map { Content.words($0) } })
    }

    private func table(_ header: [String], _ rows: [[Content]]) -> Content {
        .div(
            .class("scroll"),
            .table(
                .thead(.tr(.forEach(header) { .th(.attr("scope", "col"), .words($0)) })),
                .tbody(.forEach(rows) { row in .tr(.forEach(row) { .td($0) }) })
            ))
    }
}
