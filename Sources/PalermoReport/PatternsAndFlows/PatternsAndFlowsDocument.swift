import Foundation
import PalermoCore
import PalermoStats

/// The patterns-and-flows report as HTML: `document` is a self-contained page (inline style, inline SVG,
/// no script, nothing fetched), `sections` the same content for a page of the web app.
public enum PatternsAndFlowsDocument {
    public static func document(_ report: PatternsAndFlowsReport, generated: Date = Date()) -> String {
        let stamp = generated.formatted(.iso8601)
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(esc(title(report)))</title><style>\(style)</style></head>
            <body><main>
            <h1>\(esc(title(report)))</h1>
            <p class="meta">Generated \(esc(stamp)) by Palermo from \(esc(report.scope.source)). Tables are also in the CSV files beside this page.</p>
            \(sections(report, csv: { "\($0).csv" }))
            </main></body></html>
            """
    }

    public static func title(_ report: PatternsAndFlowsReport) -> String {
        "Trafficking in persons: patterns and flows, \(report.scope.from)–\(report.scope.to)" + (report.scope.region.map { " — \($0)" } ?? "")
    }

    /// The report's sections; `csv` gives the link for a table's CSV (nil for none).
    public static func sections(_ report: PatternsAndFlowsReport, csv: (String) -> String?) -> String {
        func download(_ name: String) -> String { csv(name).map { " <a class=\"csv\" href=\"\(esc($0))\">CSV</a>" } ?? "" }
        let r = report
        var out = """
            <section class="method"><h2>How to read these figures</h2><ul>
            <li>Counts are of countries (groups of countries reported together are left out). A country's count is its published total, or the sum of the parts it published.</li>
            <li>UNODC publishes counts of 1 to 4 as <code>&lt;5</code>. Such a cell is counted as 0 to 4, so a figure that includes one is a range (low–high); the value drawn is its middle.</li>
            <li>Every figure says how many countries it covers. A rise or fall in the all-countries line can come from who reported; the constant-coverage line uses only the \(r.panelCountries.count) countries that reported in every year.</li>
            </ul>\(r.notes.isEmpty ? "" : "<details><summary>Notes on the source data</summary><ul>" + r.notes.map { "<li>\(esc($0))</li>" }.joined() + "</ul></details>")</section>
            """

        out += "<section id=\"trend\"><h2>Trend\(download("trend"))</h2>"
        out += SVGChart.lines([
            .init(name: "All reporting countries", points: r.trend.map { ($0.year, Double($0.victims.low), Double($0.victims.high)) }),
            .init(name: "Constant coverage (\(r.panelCountries.count) countries)", points: r.trend.map { ($0.year, Double($0.panelVictims.low), Double($0.panelVictims.high)) }),
        ], title: "Detected victims by year")
        out += table(["Year", "Countries reporting", "Detected victims", "Constant-coverage victims", "Prosecuted (countries)", "Convicted (countries)"],
                     r.trend.map { [String($0.year), String($0.countries), $0.victims.description, $0.panelVictims.description,
                                    "\($0.prosecuted) (\($0.prosecutedCountries))", "\($0.convicted) (\($0.convictedCountries))"] })
        out += "</section>"

        let years = Array(r.scope.years)
        out += "<section id=\"regions\"><h2>Regions and subregions\(download("regions"))</h2>"
        let regionNames = Array(Set(r.regions.map(\.region))).sorted()
        out += SVGChart.stackedBars(years.map { year in
            (String(year), regionNames.map { name in r.regions.first { $0.year == year && $0.region == name }?.victims.midpoint ?? 0 })
        }, partNames: regionNames, title: "Detected victims by region of detection")
        var pivot: [[String]] = []
        for region in regionNames {
            pivot.append(["<strong>\(esc(region))</strong>"] + years.map { year in cell(r.regions.first { $0.year == year && $0.region == region }) })
            for sub in Array(Set(r.subregions.filter { $0.region == region }.compactMap(\.subregion))).sorted() {
                pivot.append(["&nbsp;&nbsp;" + esc(sub)] + years.map { year in cell(r.subregions.first { $0.year == year && $0.subregion == sub }) })
            }
        }
        out += "<p class=\"caption\">Detected victims (countries reporting).</p>"
        out += table(["Region"] + years.map(String.init), pivot, escaped: true)
        out += "</section>"

        out += "<section id=\"sex-age\"><h2>Sex and age\(download("sex_age"))</h2>"
        out += SVGChart.stackedBars(r.sexAge.map { (String($0.year), [$0.women.midpoint, $0.girls.midpoint, $0.men.midpoint, $0.boys.midpoint]) },
                                    partNames: ["Women", "Girls", "Men", "Boys"], title: "Detected victims by sex and age (share)", percent: true)
        out += table(["Year", "Countries (sex and age)", "Women", "Girls", "Men", "Boys", "Countries (sex)", "Female share"],
                     r.sexAge.map { [String($0.year), String($0.countries), $0.women.description, $0.girls.description, $0.men.description,
                                     $0.boys.description, String($0.countriesBySex), $0.femaleShare?.percent() ?? "–"] })
        out += "</section>"

        let forms = ExploitationForm.allCases.map(\.rawValue)
        out += "<section id=\"forms\"><h2>Forms of exploitation\(download("forms"))</h2>"
        out += SVGChart.stackedBars(r.forms.map { row in (String(row.year), forms.map { row.counts[$0]?.midpoint ?? 0 }) },
                                    partNames: forms, title: "Detected victims by form of exploitation (share)", percent: true)
        out += table(["Year", "Countries"] + forms, r.forms.map { row in
            [String(row.year), String(row.countries)] + forms.map { f in
                "\(row.counts[f]?.description ?? "0") (\(row.shares[f]?.percent() ?? "–"))"
            }
        })
        out += "</section>"

        let s = r.flowSummary
        out += "<section id=\"flows\"><h2>Flows\(download("flows"))</h2>"
        out += "<p class=\"caption\">From the region of citizenship to the region where victims were detected, \(r.scope.from)–\(r.scope.to), \(s.countries) countries reporting citizenship. Domestic: \(s.domestic) victims; cross-border: \(s.crossBorder); citizenship unspecified or not a known country: \(s.unspecified). Domestic share: \(s.domesticShare?.percent() ?? "–").</p>"
        out += SVGChart.sankey(r.flows.map { ($0.origin, $0.destination, $0.victims.midpoint) }, title: "Flows from region of citizenship to region of detection")
        out += table(["Origin (citizenship)", "Detected in", "Victims", "Countries"], r.flows.map { [$0.origin, $0.destination, $0.victims.description, String($0.countries)] })
        out += "</section>"

        out += "<section id=\"convictions\"><h2>Convictions per person prosecuted\(download("convictions"))</h2>"
        out += "<p class=\"caption\">Only country-years that published both figures.</p>"
        out += table(["Region", "Country-years", "Prosecuted", "Convicted", "Ratio"],
                     r.convictions.map { [$0.region, String($0.countryYears), $0.prosecuted.description, $0.convicted.description,
                                          $0.ratio.map { String(format: "%.2f", $0.point) } ?? "–"] })
        out += "</section>"

        out += "<section id=\"countries\"><h2>Countries\(download("countries"))</h2>"
        out += table(["Country", "Region", "Subregion", "Years reporting", "Detected victims (all years)", "Prosecuted", "Convicted"],
                     r.countries.map { [$0.name, $0.region, $0.subregion, String($0.yearsReported), $0.victims.description,
                                        $0.prosecuted?.description ?? "–", $0.convicted?.description ?? "–"] })
        out += "</section>"
        return out
    }

    private static func cell(_ row: PatternsAndFlowsReport.AreaYearRow?) -> String {
        row.map { "\(esc($0.victims.description)) <span class=\"n\">(\($0.countries))</span>" } ?? "–"
    }

    private static func table(_ header: [String], _ rows: [[String]], escaped: Bool = false) -> String {
        let head = header.map { "<th scope=\"col\">\(esc($0))</th>" }.joined()
        let body = rows.map { "<tr>" + $0.map { "<td>\(escaped ? $0 : esc($0))</td>" }.joined() + "</tr>" }.joined()
        return "<div class=\"scroll\"><table><thead><tr>\(head)</tr></thead><tbody>\(body)</tbody></table></div>"
    }

    static let style = """
        body{font-family:system-ui,sans-serif;color:#1a1a1a;margin:0;line-height:1.45}main{max-width:980px;margin:auto;padding:1rem}
        h1{font-size:1.6rem}h2{font-size:1.25rem;border-bottom:1px solid #ccc;padding-bottom:.2rem;margin-top:2rem}
        table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0}th,td{border:1px solid #ccc;padding:.2rem .45rem;text-align:right}
        th:first-child,td:first-child{text-align:left}.scroll{overflow-x:auto}.chart{width:100%;max-width:760px;height:auto;display:block}
        .caption,.meta{color:#444;font-size:.9rem}.n{color:#666;font-size:.8em}.method{background:#f4f6f8;padding:.5rem 1rem;border-radius:4px}
        a.csv{font-size:.8rem;font-weight:normal;margin-left:.5rem}
        """
}
