import Crypto
import FluentKit
import Foundation
import PalermoCore
import PalermoIO
import PalermoStats
import PalermoStore
import Vapor
import XCTVapor
import XCTest

/// Releases of de-identified data by the API: a preview writes nothing; a release keeps its files with their
/// checksums and its audit entry; synthetic records hold no combination fewer than k people share; a table's
/// small counts are withheld; bad requests are refused by field with nothing written.
final class PublicationTests: XCTestCase {
    struct Reply: Decodable {
        struct File: Decodable { let name: String; let bytes: Int; let sha256: String }
        struct Figures: Decodable {
            struct Risk: Decodable { let records: Int; let smallestClass: Int; let recordsAtRisk: Int }
            struct Utility: Decodable {
                let rareCombinationsLeaked: Int
                let fabricatedCombinations: Int
                let syntheticRecords: Int
            }
            struct Table: Decodable { let primary: Int; let suppressed: Int; let audit: String }
            let records: Int
            let before: Risk
            let after: Risk?
            let utility: Utility?
            let table: Table?
        }
        let id: UUID?
        let files: [File]?
        let figures: Figures
        let sample: [[String]]?
    }

    /// `n` generated Kenyan cases of organisation A, imported as the demo does.
    static func addCases(_ world: TestWorld, _ n: Int, seed: UInt64 = 14) async throws {
        var rng = SeededGenerator(seed: seed)
        let rows = (0..<n).map { ImportRow(row: $0 + 1, fields: SyntheticCases.fields(index: $0, using: &rng)) }
        let loader = Principal(
            userID: UUID(), username: "loader", organisationID: try XCTUnwrap(world.organisations["A"]),
            role: .supervisor)
        _ = try await world.app.palermo.store.cases.importAll(
            rows, organisationCountry: "KEN", by: loader, source: "test")
    }

    static let attributes = ["sex", "ageGroup", "citizenship", "exploitation"]

    static func body(_ method: String, k: Int = 5, extra: [String: any Encodable & Sendable] = [:]) -> AnyEncodable {
        var fields: [String: any Encodable & Sendable] = [
            "attributes": attributes, "method": method, "k": k, "length": 2, "seed": 7,
        ]
        for (key, value) in extra { fields[key] = value }
        return AnyEncodable(DictionaryBody(fields: fields))
    }

    struct DictionaryBody: Encodable {
        let fields: [String: any Encodable & Sendable]
        struct Key: CodingKey {
            let stringValue: String
            init(stringValue: String) { self.stringValue = stringValue }
            var intValue: Int? { nil }
            init?(intValue: Int) { nil }
        }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            for (key, value) in fields { try container.encode(value, forKey: Key(stringValue: key)) }
        }
    }

    func counts(_ world: TestWorld) async throws -> (releases: Int, files: Int, audited: Int) {
        let db = world.app.palermo.store.database
        return (
            try await ReleaseModel.query(on: db).count(), try await ReleaseFileModel.query(on: db).count(),
            try await AuditEntryModel.query(on: db).filter(\.$action == AuditAction.publish.rawValue).count()
        )
    }

    func testAPreviewWritesNothingAndAReleaseKeepsItsFilesChecksumsAndAuditEntry() async throws {
        try await TestWorld.each { world in
            try await Self.addCases(world, 160)
            let preview = try await world.api(
                .POST, "/api/v1/releases/preview", as: "analyst", json: Self.body("synthetic"))
            XCTAssertEqual(preview.status, .ok, preview.body.string)
            let previewed = try preview.content.decode(Reply.self)
            XCTAssertEqual(previewed.figures.records, 160)
            XCTAssertEqual(previewed.figures.utility?.rareCombinationsLeaked, 0)
            XCTAssertEqual(previewed.sample?.first, Self.attributes)
            let none = try await counts(world)
            XCTAssertEqual([none.releases, none.files, none.audited], [0, 0, 0], "a preview writes nothing")

            let made = try await world.api(.POST, "/api/v1/releases", as: "analyst", json: Self.body("synthetic"))
            XCTAssertEqual(made.status, .created, made.body.string)
            let release = try made.content.decode(Reply.self)
            let id = try XCTUnwrap(release.id)
            let files = try XCTUnwrap(release.files)
            XCTAssertEqual(
                Set(files.map(\.name)),
                ["records.csv", "aggregates.csv", "dictionary.csv", "report.html", "release.json"])
            var records = Data()
            for file in files {
                let download = try await world.api(.GET, "/api/v1/releases/\(id)/files/\(file.name)", as: "analyst")
                XCTAssertEqual(download.status, .ok)
                let data = Data(download.body.readableBytesView)
                XCTAssertEqual(SHA256.hash(data: data).hexString, file.sha256, file.name)
                XCTAssertEqual(data.count, file.bytes, file.name)
                if file.name == "records.csv" { records = data }
                if file.name == "report.html" { XCTAssertTrue(String(decoding: data, as: UTF8.self).contains("<svg")) }
            }
            // The synthetic records are the same as previewed (the same seed), and each of their pairs of values
            // is held by at least k = 5 of the case records.
            let synthetic = try MicrodataReader.read(Self.write(records))
            // Records are drawn until each value's count (rounded down to k) is spent, so about as many as cases.
            XCTAssertEqual(synthetic.count, previewed.figures.utility?.syntheticRecords)
            XCTAssertEqual(Double(synthetic.count), 160, accuracy: 40)
            XCTAssertEqual(Array(synthetic.records.prefix(20)), Array(previewed.sample?.dropFirst() ?? []))
            let analyst = try await Self.userID(world, "analyst")
            let found = try await world.app.palermo.store.activePrincipal(of: analyst)
            let principal = try XCTUnwrap(found)
            let sensitive = try await world.app.palermo.store.releases.select(
                ReleaseRequest(attributes: Self.attributes, method: .synthetic), for: principal
            ).data
            let held = Self.pairs(sensitive)
            for (combination, _) in Self.pairs(synthetic) {
                XCTAssertGreaterThanOrEqual(held[combination] ?? 0, 5, combination)
            }
            let written = try await counts(world)
            XCTAssertEqual([written.releases, written.files, written.audited], [1, 5, 1])
            let entry = try await AuditEntryModel.query(on: world.app.palermo.store.database)
                .filter(\.$action == AuditAction.publish.rawValue).first()
            XCTAssertEqual(entry?.actorName, "analyst")
            for file in files {
                XCTAssertTrue(entry?.detail.contains(file.sha256) == true, "\(file.name) in the audit")
            }

            // The analyst's release covers every country: a Kenyan coordinator does not see it; a caseworker never.
            let listed = try await world.api(.GET, "/api/v1/releases", as: "coordinator")
            struct Listed: Decodable { let id: UUID }
            XCTAssertEqual(try listed.content.decode([Listed].self).count, 0)
            let mine = try await world.api(.GET, "/api/v1/releases", as: "analyst")
            XCTAssertEqual(try mine.content.decode([Listed].self).map(\.id), [id])
            let caseworker = try await world.api(.GET, "/api/v1/releases/\(id)", as: "a-worker")
            XCTAssertEqual(caseworker.status, .forbidden)
        }
    }

    func testATableWithholdsSmallCountsAndThoseThatGiveThemAway() async throws {
        try await TestWorld.each { world in
            try await Self.addCases(world, 120)
            let body = AnyEncodable(
                DictionaryBody(fields: [
                    "attributes": ["sex", "citizenship", "exploitation"], "method": "table", "threshold": 5,
                ]))
            let reply = try await world.api(.POST, "/api/v1/releases/preview", as: "coordinator", json: body)
            XCTAssertEqual(reply.status, .ok, reply.body.string)
            let preview = try reply.content.decode(Reply.self)
            let table = try XCTUnwrap(preview.figures.table)
            XCTAssertGreaterThan(table.primary, 0, "generated cases have rare citizenships")
            XCTAssertGreaterThan(table.suppressed, table.primary, "secondary suppression")
            XCTAssertEqual(table.audit, "safe")
            for row in try XCTUnwrap(preview.sample).dropFirst() {
                if let shown = Int(row[3]) { XCTAssertTrue(shown == 0 || shown >= 5, "\(row)") }
            }
        }
    }

    func testBadRequestsAreRefusedByFieldAndNothingIsWritten() async throws {
        try await TestWorld.each { world in
            try await Self.addCases(world, 40)
            let refusals: [(AnyEncodable, String)] = [
                (Self.body("synthetic", k: 1), "\"k\""),
                (Self.body("k-anonymity", extra: ["attributes": ["sex", "shoeSize"]]), "shoeSize"),
                (Self.body("synthetic", extra: ["country": "UGA"]), "\"filters\""),
                (Self.body("synthetic", extra: ["country": "ZZZ"]), "\"country\""),
                (Self.body("synthetic", k: 50), "\"filters\""),
                (Self.body("synthetic-dp", extra: ["epsilon": 0]), "\"epsilon\""),
                (Self.body("synthetic-dp", extra: ["epsilon": -1.5]), "\"epsilon\""),
                (Self.body("synthetic-dp"), "\"epsilon\""),
                (Self.body("magic"), "\"method\""),
                (Self.body("synthetic", extra: ["from": 2030, "to": 2020]), "\"from\""),
                (
                    Self.body("table", extra: ["attributes": ["sex", "ageGroup", "citizenship", "year"]]),
                    "\"attributes\""
                ),
            ]
            for (body, field) in refusals {
                for path in ["/api/v1/releases/preview", "/api/v1/releases"] {
                    let reply = try await world.api(.POST, path, as: "analyst", json: body)
                    XCTAssertEqual(reply.status, .unprocessableEntity, "\(field): \(reply.body.string)")
                    XCTAssertTrue(reply.body.string.contains(field), "\(field) named: \(reply.body.string)")
                }
            }
            let caseworker = try await world.api(
                .POST, "/api/v1/releases", as: "a-worker", json: Self.body("synthetic"))
            XCTAssertEqual(caseworker.status, .forbidden)
            let written = try await counts(world)
            XCTAssertEqual([written.releases, written.files, written.audited], [0, 0, 0], "nothing was written")
        }
    }

    /// A release feeds the patterns-and-flows report: the report counts the released records by year, exactly;
    /// a coordinator reads their country's release that way but not one across countries; a table cannot feed it.
    func testAReleaseFeedsThePatternsAndFlowsReport() async throws {
        try await TestWorld.each { world in
            try await Self.addCases(world, 150)
            let attributes = ["sex", "ageGroup", "citizenship", "year", "exploitation"]
            let kenyan = try await world.api(
                .POST, "/api/v1/releases", as: "analyst",
                json: AnyEncodable(
                    DictionaryBody(fields: [
                        "attributes": attributes, "method": "synthetic", "k": 3, "length": 2, "country": "KEN",
                    ])))
            XCTAssertEqual(kenyan.status, .created, kenyan.body.string)
            let id = try XCTUnwrap(try kenyan.content.decode(Reply.self).id)
            let csv = try await world.api(.GET, "/api/v1/releases/\(id)/files/records.csv", as: "analyst")
            let released = try MicrodataReader.read(Data(csv.body.readableBytesView))
            var byYear: [Int: Int] = [:]
            for r in 0..<released.count { if let year = Int(released.value(r, 3)) { byYear[year, default: 0] += 1 } }
            let first = try XCTUnwrap(byYear.keys.min()), last = try XCTUnwrap(byYear.keys.max())

            let path = "/api/v1/statistics/patterns-and-flows?source=release:\(id)&from=\(first)&to=\(last)"
            for reader in ["analyst", "coordinator"] {
                let reply = try await world.api(.GET, path, as: reader)
                XCTAssertEqual(reply.status, .ok, "\(reader): \(reply.body.string)")
                let report = try reply.content.decode(PatternsAndFlowsReport.self)
                var counted: [Int: Int] = [:]
                for point in report.trend { counted[point.year] = point.victims.value.low }
                for (year, n) in byYear { XCTAssertEqual(counted[year], n, "\(reader), \(year)") }
            }

            let cookie = try await world.webLogin("analyst")
            let release = try await world.page("/publish/\(id)", cookie: cookie)
            XCTAssertTrue(
                release.body.string.contains("/stats/patterns?source=release:\(id)"), "the release page links it")
            let page = try await world.page(
                "/stats/patterns?source=release:\(id)&from=\(first)&to=\(last)", cookie: cookie)
            XCTAssertEqual(page.status, .ok, page.body.string)
            XCTAssertTrue(page.body.string.contains("release \(id)"), "the page names its source")
            XCTAssertTrue(
                page.body.string.contains("value=\"release:\(id)\" selected"), "the filters keep the release")

            let everywhere = try await world.api(
                .POST, "/api/v1/releases", as: "analyst",
                json: AnyEncodable(DictionaryBody(fields: ["attributes": attributes, "method": "synthetic", "k": 3])))
            let across = try XCTUnwrap(try everywhere.content.decode(Reply.self).id)
            let hidden = try await world.api(
                .GET, "/api/v1/statistics/patterns-and-flows?source=release:\(across)", as: "coordinator")
            XCTAssertEqual(hidden.status, .notFound, "not the coordinator's release")
            let noCountry = try await world.api(
                .GET, "/api/v1/statistics/patterns-and-flows?source=release:\(across)", as: "analyst")
            XCTAssertEqual(noCountry.status, .notFound)
            XCTAssertTrue(noCountry.body.string.contains("country"), noCountry.body.string)
        }
    }

    static func userID(_ world: TestWorld, _ name: String) async throws -> UUID {
        let user = try await UserModel.query(on: world.app.palermo.store.database).filter(\.$username == name).first()
        return try XCTUnwrap(user?.id)
    }

    static func write(_ data: Data) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("release-\(UUID()).csv")
        try data.write(to: url)
        return url
    }

    /// How many records hold each value, and each pair of values, by name (an empty value is no value).
    static func pairs(_ data: Microdata) -> [String: Int] {
        var counts: [String: Int] = [:]
        for record in data.records {
            let items = zip(data.attributes, record).filter { !$0.1.isEmpty }.map { "\($0.0)=\($0.1)" }
            for (i, a) in items.enumerated() {
                counts[a, default: 0] += 1
                for b in items[(i + 1)...] { counts[a + "|" + b, default: 0] += 1 }
            }
        }
        return counts
    }
}
