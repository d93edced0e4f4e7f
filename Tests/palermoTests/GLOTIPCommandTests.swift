import Foundation
import XCTest

/// `palermo import glotip` and `palermo report patterns-and-flows` on UNODC's real file, checked against an
/// independent reading of the XLSX by Tests/Tools/glotip_reference.py (Python standard library only).
final class GLOTIPCommandTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let glotip = root.deletingLastPathComponent().appendingPathComponent("shared/data/glotip/data_glotip.xlsx")
        .path

    struct Reference: Decodable {
        /// `high` is null when the upper end is open (some countries published only part of the figure).
        struct Bounds: Decodable { let low: Int; let high: Int?; let countries: Int; let partial: Int }
        struct Share: Decodable { let point: Double; let low: Double; let high: Double }
        struct Partial: Decodable { let low: Int; let complete: Bool }
        let europe_2018_victims: Bounds
        /// "indicator|region|year" for persons in formal contact, prosecuted and convicted, 2016–2022.
        let justice_by_region: [String: Bounds]
        let guyana_2017_prosecuted: Partial
        let americas_2020_female_share: Share
        let countries_reporting_victims_2019: Int
    }

    func testImportIsCompleteAndIdempotentAndTheReportAgreesWithAnIndependentReading() throws {
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = [
            "python3", Self.root.appendingPathComponent("Tests/Tools/glotip_reference.py").path, Self.glotip,
        ]
        let pipe = Pipe()
        python.standardOutput = pipe
        try python.run()
        let json = pipe.fileHandleForReading.readDataToEndOfFile()
        python.waitUntilExit()
        let reference = try JSONDecoder().decode(Reference.self, from: json)

        for variant in PalermoCLI.variants {
            let cli = try PalermoCLI.fresh(postgres: variant)
            let first = try cli.run(["import", "glotip", Self.glotip])
            XCTAssertEqual(first.status, 0, first.output)
            XCTAssertTrue(first.output.contains("Imported 46556 row(s)"), first.output)
            XCTAssertTrue(first.output.contains("without a region"), "the importer reports the rows it set aside")
            let second = try cli.run(["import", "glotip", Self.glotip])
            XCTAssertTrue(second.output.contains("nothing changed"), second.output)

            let out = FileManager.default.temporaryDirectory.appendingPathComponent(
                "palermo-report-\(UUID().uuidString)")
            let report = try cli.run([
                "report", "patterns-and-flows", "--from", "2016", "--to", "2022", "--out", out.path,
            ])
            XCTAssertEqual(report.status, 0, report.output)
            let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
            XCTAssertTrue(html.contains("<svg"))
            XCTAssertFalse(
                html.contains("<script") || html.contains("src=\"http") || html.contains("href=\"http"),
                "the report must open without network")

            let regions = try csv(out.appendingPathComponent("regions.csv"))
            func region(_ indicator: String, _ name: String, _ year: String) -> [String: String]? {
                regions.first {
                    $0["indicator"] == indicator && $0["region"] == name && $0["subregion"] == "" && $0["year"] == year
                }
            }
            func check(_ row: [String: String]?, _ expected: Reference.Bounds, _ label: String) {
                XCTAssertEqual(row?["count_low"], String(expected.low), label)
                XCTAssertEqual(row?["count_high"], expected.high.map(String.init) ?? "", label)
                XCTAssertEqual(row?["countries"], String(expected.countries), label)
                XCTAssertEqual(row?["countries_partial"], String(expected.partial), label)
            }
            let europe = try XCTUnwrap(region("detected-victims", "Europe", "2018"))
            check(europe, reference.europe_2018_victims, "Europe 2018")
            XCTAssertNotEqual(
                europe["count_low"], europe["count_high"], "suppressed cells make Europe's 2018 total a range")
            // Criminal justice by region and year, every row against the independent reading.
            XCTAssertGreaterThan(reference.justice_by_region.count, 50)
            for (key, expected) in reference.justice_by_region {
                let parts = key.split(separator: "|").map(String.init)
                check(region(parts[0], parts[1], parts[2]), expected, key)
            }
            XCTAssertEqual(reference.justice_by_region["prosecuted|Americas|2017"]?.low, 1328)
            XCTAssertNil(reference.justice_by_region["prosecuted|Americas|2017"]?.high, "Guyana's part opens it")
            // Guyana 2017, persons prosecuted: only adults were published, so 7 is a lower bound.
            XCTAssertEqual(reference.guyana_2017_prosecuted.low, 7)
            XCTAssertFalse(reference.guyana_2017_prosecuted.complete)
            let guyana = try XCTUnwrap(csv(out.appendingPathComponent("countries.csv")).first { $0["iso3"] == "GUY" })
            XCTAssertEqual(guyana["prosecuted_high"], "", "an open upper end, not a total")
            XCTAssertNotEqual(guyana["years_partial_prosecuted"], "0")

            let trend = try csv(out.appendingPathComponent("trend.csv"))
            XCTAssertEqual(
                trend.first { $0["year"] == "2019" }?["countries_reporting_victims"],
                String(reference.countries_reporting_victims_2019))

            let americas = FileManager.default.temporaryDirectory.appendingPathComponent(
                "palermo-report-\(UUID().uuidString)")
            XCTAssertEqual(
                try cli.run([
                    "report", "patterns-and-flows", "--from", "2020", "--to", "2020", "--region", "Americas", "--out",
                    americas.path,
                ]).status, 0)
            let sexAge = try XCTUnwrap(csv(americas.appendingPathComponent("sex_age.csv")).first)
            let share = reference.americas_2020_female_share
            XCTAssertEqual(Double(sexAge["female_share"] ?? "") ?? -1, share.point, accuracy: 0.00005)
            XCTAssertEqual(Double(sexAge["female_share_low"] ?? "") ?? -1, share.low, accuracy: 0.00005)
            XCTAssertEqual(Double(sexAge["female_share_high"] ?? "") ?? -1, share.high, accuracy: 0.00005)
        }
    }

    func testBadFilesAreRefusedWithRowAndColumnAndChangeNothing() throws {
        let header =
            "Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,txtVALUE,Source"
        let good =
            "AUT,Austria,Europe,Western Europe,Detected trafficking victims,Total,Total,Total,Total,2018,Counts,\"1,173\",GLOTIP"
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("palermo-glotip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        func file(_ name: String, _ text: String) throws -> String {
            let url = dir.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            return url.path
        }
        let goodFile = try file("good.csv", "\(header)\n\(good)\n")
        let bad: [(String, String, [String])] = [
            (
                try file("missing.csv", "\(header.replacingOccurrences(of: ",txtVALUE", with: ""))\n\(good)\n"),
                "missing column", ["row 1", "txtVALUE"]
            ),
            (
                try file("country.csv", "\(header)\n\(good)\n\(good.replacingOccurrences(of: "AUT", with: "XYZ"))\n"),
                "unknown country", ["row 3", "Iso3_code", "XYZ"]
            ),
            (
                try file("year.csv", "\(header)\n\(good.replacingOccurrences(of: "2018", with: "3020"))\n"),
                "year 3020", ["row 2", "Year", "3020"]
            ),
            (
                try file(
                    "value.csv", "\(header)\n\(good)\n\(good.replacingOccurrences(of: "\"1,173\"", with: "n/a"))\n"),
                "non-numeric", ["row 3", "txtVALUE", "n/a"]
            ),
        ]
        let xlsx = try Data(contentsOf: URL(fileURLWithPath: Self.glotip))
        let truncated = dir.appendingPathComponent("truncated.xlsx")
        try xlsx.prefix(xlsx.count / 2).write(to: truncated)

        for variant in PalermoCLI.variants {
            let cli = try PalermoCLI.fresh(postgres: variant)
            XCTAssertEqual(try cli.run(["import", "glotip", goodFile, "--dataset", "T"]).status, 0)
            for (path, what, mentions) in bad + [(truncated.path, "truncated XLSX", ["truncated"])] {
                let result = try cli.run(["import", "glotip", path, "--dataset", "T"])
                XCTAssertNotEqual(result.status, 0, what)
                for mention in mentions { XCTAssertTrue(result.output.contains(mention), "\(what): \(result.output)") }
                XCTAssertTrue(
                    try cli.run(["import", "glotip", goodFile, "--dataset", "T"]).output.contains("nothing changed"),
                    "\(what) changed the store")
            }
        }
    }

    private func csv(_ url: URL) throws -> [[String: String]] {
        let lines = try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline).map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        guard let header = lines.first else { return [] }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }
}
