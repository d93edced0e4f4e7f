import PalermoCore
import PalermoStats

/// The report's figures as plain tables: the CSV files, the HTML tables and the API's CSV downloads are
/// all made from these, so they cannot disagree. Ranges are two columns (`_low`, `_high`).
public struct ReportTable: Sendable {
    public let name: String
    public let title: String
    public let header: [String]
    public let rows: [[String]]

    public var csvRows: [[String]] { [header] + rows }
}

extension PatternsAndFlowsReport {
    public var tables: [ReportTable] {
        [trendTable, regionTable, countryTable, sexAgeTable, formTable, flowTable, convictionTable]
    }

    public func table(named name: String) -> ReportTable? { tables.first { $0.name == name } }

    /// A count over countries as four columns: the countries with a figure, how many of them only partial,
    /// and the bounds; the upper bound is empty when it is open.
    private func coveredColumns(_ name: String, countries: String = "countries") -> [String] {
        ["\(countries)_\(name)", "\(countries)_partial_\(name)"] + bounds(name)
    }

    private func covered(_ count: PatternsAndFlowsReport.CoveredCount) -> [String] {
        guard count.hasData else { return ["0", "0", "", ""] }
        return [
            String(count.countries), String(count.partial), String(count.value.low),
            count.upperOpen ? "" : String(count.value.high),
        ]
    }

    var trendTable: ReportTable {
        ReportTable(
            name: "trend", title: "Detected victims, persons in formal contact, prosecuted and convicted by year",
            header: ["year"] + coveredColumns("victims", countries: "countries_reporting")
                + coveredColumns("formal_contact", countries: "countries_reporting")
                + coveredColumns("prosecuted", countries: "countries_reporting")
                + coveredColumns("convicted", countries: "countries_reporting") + ["panel_countries"]
                + bounds("panel_victims"),
            rows: trend.map { r in
                [String(r.year)] + covered(r.victims) + covered(r.formalContact) + covered(r.prosecuted)
                    + covered(r.convicted) + [String(panelCountries.count)]
                    + (r.panelVictims.map(cells) ?? ["", ""])
            })
    }

    var regionTable: ReportTable {
        ReportTable(
            name: "regions", title: "Detected victims, persons in formal contact, prosecuted and convicted by region",
            header: ["indicator", "region", "subregion", "year", "countries", "countries_partial"] + bounds("count")
                + ["share", "share_low", "share_high"],
            rows: (regions + subregions).sorted {
                ($0.indicator.slug, $0.year, $0.region, $0.subregion ?? "")
                    < ($1.indicator.slug, $1.year, $1.region, $1.subregion ?? "")
            }.map { r in
                [r.indicator.slug, r.region, r.subregion ?? "", String(r.year)] + covered(r.count)
                    + share(r.count.upperOpen ? nil : r.share)
            })
    }

    var countryTable: ReportTable {
        ReportTable(
            name: "countries", title: "Countries",
            header: ["iso3", "country", "region", "subregion", "latest_year"]
                + coveredColumns("victims", countries: "years") + coveredColumns("prosecuted", countries: "years")
                + coveredColumns("convicted", countries: "years"),
            rows: countries.map { c in
                [c.code, c.name, c.region, c.subregion, c.latestYear.map(String.init) ?? ""]
                    + covered(c.victims) + covered(c.prosecuted) + covered(c.convicted)
            })
    }

    var sexAgeTable: ReportTable {
        ReportTable(
            name: "sex_age", title: "Detected victims by sex and age",
            header: ["year", "countries_covered", "countries_by_sex_and_age"] + bounds("girls") + bounds("women")
                + bounds("boys")
                + bounds("men")
                + ["countries_by_sex"] + bounds("female") + bounds("male") + bounds("other_sex") + [
                    "female_share", "female_share_low", "female_share_high",
                ],
            rows: sexAge.map { r in
                [String(r.year), String(r.covered), String(r.countries)] + cells(r.girls) + cells(r.women)
                    + cells(r.boys) + cells(r.men)
                    + [String(r.countriesBySex)] + cells(r.female) + cells(r.male) + cells(r.otherSex)
                    + share(r.femaleShare)
            })
    }

    var formTable: ReportTable {
        let forms = ExploitationForm.allCases.map(\.rawValue)
        return ReportTable(
            name: "forms", title: "Detected victims by form of exploitation",
            header: ["year", "countries_covered", "countries_by_form"]
                + forms.flatMap { f in bounds(slug(f)) + [slug(f) + "_share"] },
            rows: self.forms.map { r in
                [String(r.year), String(r.covered), String(r.countries)]
                    + forms.flatMap { f in
                        cells(r.counts[f] ?? .zero) + [r.shares[f].map { percentText($0.point) } ?? ""]
                    }
            })
    }

    var flowTable: ReportTable {
        ReportTable(
            name: "flows", title: "Flows from region of citizenship to region of detection",
            header: ["origin", "destination", "countries"] + bounds("victims"),
            rows: flows.map { [$0.origin, $0.destination, String($0.countries)] + cells($0.victims) })
    }

    var convictionTable: ReportTable {
        ReportTable(
            name: "convictions", title: "Convictions per person prosecuted",
            header: ["region", "country_years"] + bounds("prosecuted") + bounds("convicted") + [
                "ratio", "ratio_low", "ratio_high",
            ],
            rows: convictions.map { r in
                [r.region, String(r.countryYears)] + cells(r.prosecuted) + cells(r.convicted)
                    + (r.ratio.map { [ratioText($0.point), ratioText($0.low), ratioText($0.high)] } ?? ["", "", ""])
            })
    }

    private func bounds(_ name: String) -> [String] { [name + "_low", name + "_high"] }
    private func cells(_ range: CountRange) -> [String] { [String(range.low), String(range.high)] }
    private func share(_ s: ShareRange?) -> [String] {
        s.map { [percentText($0.point), percentText($0.low), percentText($0.high)] } ?? ["", "", ""]
    }
    private func percentText(_ x: Double) -> String { String(format: "%.4f", x) }
    private func ratioText(_ x: Double) -> String { x.isFinite ? String(format: "%.4f", x) : "" }
    private func slug(_ s: String) -> String { s.lowercased().replacingOccurrences(of: " ", with: "_") }
}
