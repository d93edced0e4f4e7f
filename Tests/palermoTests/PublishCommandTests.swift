import Foundation
import XCTest

/// `palermo publish` at a terminal: k-anonymous records from a CSV file, written with their report and dictionary;
/// a release of the demo's case records recorded for an analyst and refused for a caseworker; bad options refused
/// by name with nothing written.
final class PublishCommandTests: XCTestCase {
    static func records(_ n: Int) throws -> URL {
        var rng = SystemRandomNumberGenerator()
        var lines = ["sex,ageGroup,citizenship,year"]
        for _ in 0..<n {
            let sex = ["Feminine", "Masculine"].randomElement(using: &rng) ?? ""
            let age = ["Adult", "Child", "Adult", "Adult"].randomElement(using: &rng) ?? ""
            let country = ["KEN", "KEN", "KEN", "UGA", "UGA", "TZA", "ETH", "NPL"].randomElement(using: &rng) ?? ""
            lines.append("\(sex),\(age),\(country),\(Int.random(in: 2015...2024, using: &rng))")
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("records-\(UUID()).csv")
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    func testKAnonymousRecordsFromAFileHaveNoClassUnderK() throws {
        let cli = try PalermoCLI.fresh()
        let input = try Self.records(400)
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("release-\(UUID())")
        let run = try cli.run([
            "publish", "--input", input.path, "--method", "k-anonymity", "--k", "5", "--out", out.path,
        ])
        XCTAssertEqual(run.status, 0, run.output)
        XCTAssertTrue(run.output.contains("Generalised to"), run.output)
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        XCTAssertEqual(files, ["dictionary.csv", "records.csv", "release.json", "report.html"])
        let rows = try String(contentsOf: out.appendingPathComponent("records.csv"), encoding: .utf8)
            .split(whereSeparator: \.isNewline).dropFirst()
        XCTAssertGreaterThanOrEqual(rows.count, 380, "at most 5 % suppressed")
        let classes = Dictionary(grouping: rows, by: { $0 }).mapValues(\.count)
        XCTAssertGreaterThanOrEqual(classes.values.min() ?? 0, 5, "\(classes)")

        for (options, named) in [
            (["--k", "1"], "--k"), (["--attributes", "sex,shoeSize"], "shoeSize"),
            (["--method", "synthetic-dp", "--epsilon", "0"], "--epsilon"), (["--k", "500"], "--filters"),
        ] {
            let refused = FileManager.default.temporaryDirectory.appendingPathComponent("refused-\(UUID())")
            let bad = try cli.run(["publish", "--input", input.path, "--out", refused.path] + options)
            XCTAssertNotEqual(bad.status, 0, options.joined(separator: " "))
            XCTAssertTrue(bad.output.contains(named), "\(named): \(bad.output)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: refused.path), "nothing written")
        }
    }

    func testTheDemoCasesArePublishedByAnAnalystOnly() throws {
        let cli = try PalermoCLI.fresh()
        XCTAssertEqual(try cli.run(["demo", "--cases", "60"]).status, 0)
        let refused = try cli.run(["publish", "--as", "amina", "--attributes", "sex,citizenship"])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.output.contains("analysts and national coordinators publish"), refused.output)
        let made = try cli.run([
            "publish", "--as", "george", "--method", "table", "--attributes", "sex,citizenship", "--threshold", "5",
        ])
        XCTAssertEqual(made.status, 0, made.output)
        XCTAssertTrue(made.output.contains("recorded by george"), made.output)
        XCTAssertTrue(made.output.contains("table.csv") && made.output.contains("sha256"), made.output)
        XCTAssertTrue(made.output.contains("audit: safe"), made.output)
    }
}
