import Foundation
import PalermoCore
@testable import PalermoServer
import PalermoStats
import PalermoStore
import Vapor
import XCTVapor
import XCTest

/// National figures from case records and entered counts, in GLOTIP shape, for the coordinator's own country.
final class NationalStatisticsTests: XCTestCase {
    /// People, not records: one person recorded by two organisations of Kenya counts once, and the page says
    /// how many records were merged. Entered counts of women and men above their total are refused by name.
    /// Sources are named for people, and a report from case records says nothing about `<5` cells.
    func testPeopleAreCountedOnceAndEnteredPartsStayWithinTheirTotal() async throws {
        try await TestWorld.each { world in
            let store = world.app.palermo.store
            func worker(_ organisation: String) -> Principal {
                Principal(
                    userID: UUID(), username: organisation, organisationID: world.organisations[organisation]!,
                    role: .caseworker)
            }
            let person: [String: FieldValue?] = [
                "prs_FirstName": .text("Zawadi"), "prs_SecondName": .text("Omondi"),
                "prs_Birthdate": .text("2001-05-06"),
                "cas_IncomingReferralDate": .text("2024-03-01"), "cas_IdentificationDate": .text("2024-03-01"),
                "prs_Gender": .text("Feminine"), "prs_Citizenship": .text("KEN"),
            ]
            _ = try await store.cases.create(person, organisationCountry: "KEN", by: worker("A"))
            var again = person
            (again["prs_FirstName"], again["prs_SecondName"]) = (.text("OMONDI"), .text("Zawadi"))  // names swapped
            _ = try await store.cases.create(again, organisationCountry: "KEN", by: worker("Stats"))
            var other = person
            other["prs_FirstName"] = .text("Achieng")
            _ = try await store.cases.create(other, organisationCountry: "KEN", by: worker("A"))

            let national = try await world.api(.GET, "/api/v1/statistics/national?year=2024", as: "coordinator")
                .content.decode(StatisticsAPIController.NationalDTO.self)
            XCTAssertEqual(national.cases, 3)
            XCTAssertEqual(national.mergedRecords, 1)
            let total = national.observations.first {
                $0.indicator == .detectedVictims && $0.dimension == .total && $0.sex == .total && $0.age == .total
            }
            XCTAssertEqual(total?.value, CountRange(exactly: 2), "two people, three records")
            let cookie = try await world.webLogin("coordinator")
            let page = try await world.page("/stats/national?year=2024", cookie: cookie)
            XCTAssertTrue(page.body.string.contains("Records merged this way: 1."), page.body.string)

            struct Input: Encodable { let year: Int; let counts: [NationalStatistics.JusticeCount] }
            /// Persons prosecuted in 2024: the total given, of them 4 women and 3 men.
            func prosecuted(total: Int) async throws -> XCTHTTPResponse {
                try await world.api(
                    .PUT, "/api/v1/statistics/national/justice", as: "coordinator",
                    json: Input(
                        year: 2024,
                        counts: [
                            .init(indicator: .prosecuted, sex: .total, count: total),
                            .init(indicator: .prosecuted, sex: .female, count: 4),
                            .init(indicator: .prosecuted, sex: .male, count: 3),
                        ]))
            }
            let tooMany = try await prosecuted(total: 5)
            XCTAssertEqual(tooMany.status, .unprocessableEntity)
            XCTAssertTrue(tooMany.body.string.contains("counts.prosecuted"), tooMany.body.string)
            XCTAssertTrue(tooMany.body.string.contains("female (4) and male (3)"), tooMany.body.string)
            let fine = try await prosecuted(total: 7)
            XCTAssertEqual(fine.status, .ok, fine.body.string)

            let analyst = try await world.webLogin("analyst")
            let patterns = try await world.page("/stats/patterns?source=cases&from=2024&to=2024", cookie: analyst)
                .body.string
            XCTAssertTrue(patterns.contains("National figures entered for Kenya"), "the source is named for people")
            XCTAssertFalse(patterns.contains("national:KEN</option>"))
            XCTAssertFalse(patterns.contains("as &lt;5"), "case records are not GLOTIP's <5 cells")
            XCTAssertTrue(
                patterns.contains("Counts from case records below 5 are withheld"),
                "across organisations the analyst's small counts are withheld, and the page says so")
            let justice = try await world.page("/stats/patterns?source=national:KEN&from=2024&to=2024", cookie: analyst)
                .body.string
            XCTAssertTrue(justice.contains("<td>7 (1)</td>"), "the entered prosecutions, one country")
            XCTAssertFalse(justice.contains("1 countries"))
        }
    }

    func testCoordinatorReviewsEntersAndExportsTheirCountrysFigures() async throws {
        try await TestWorld.each { world in
            let base: [String: FieldValue] = [
                "cas_IncomingReferralDate": .text("2024-03-01"), "prs_FirstName": .text("Wanjiru"),
                "cas_IdentificationDate": .text("2024-03-01"),
            ]
            _ = try await world.createCase(
                as: "a-worker",
                base.merging([
                    "prs_Gender": .text("Feminine"), "prs_Birthdate": .text("2010-01-01"),
                    "vic_TypeOfExploitation": .list(["SexualExploitation"]), "prs_Citizenship": .text("UGA"),
                ]) { $1 })
            _ = try await world.createCase(
                as: "a-worker",
                base.merging([
                    "prs_Gender": .text("Masculine"), "prs_Birthdate": .text("1990-01-01"),
                    "vic_TypeOfExploitation": .list(["ForcedBegging", "ForcedLabour"]), "prs_Citizenship": .text("KEN"),
                ]) { $1 })
            _ = try await world.createCase(as: "b-worker", base.merging(["prs_Gender": .text("Feminine")]) { $1 })  // Uganda

            let res = try await world.api(.GET, "/api/v1/statistics/national?year=2024", as: "coordinator")
            XCTAssertEqual(res.status, .ok, res.body.string)
            XCTAssertFalse(res.body.string.contains("Wanjiru"))
            let national = try res.content.decode(StatisticsAPIController.NationalDTO.self)
            XCTAssertEqual(national.country, "KEN")
            func cell(
                _ dimension: Disaggregation, _ category: String, _ sex: Sex = .total, _ age: AgeBand = .total
            ) -> Int? {
                national.observations.first {
                    $0.dimension == dimension && $0.category == category && $0.sex == sex && $0.age == age
                        && $0.indicator == .detectedVictims
                }?.value.low
            }
            XCTAssertEqual(cell(.total, "Total"), 2)
            XCTAssertEqual(cell(.total, "Total", .female, .children), 1)
            XCTAssertEqual(cell(.formOfExploitation, "Sexual exploitation"), 1)
            XCTAssertEqual(
                cell(.formOfExploitation, "Other forms of exploitation"), 1, "the first type recorded decides the form")
            XCTAssertEqual(cell(.citizenship, "Uganda"), 1)

            let otherCountry = try await world.api(
                .GET, "/api/v1/statistics/national?country=UGA&year=2024", as: "coordinator")
            XCTAssertEqual(otherCountry.status, .notFound)
            let caseworker = try await world.api(.GET, "/api/v1/statistics/national?year=2024", as: "a-worker")
            XCTAssertEqual(caseworker.status, .forbidden)

            struct Input: Encodable { let year: Int; let counts: [NationalStatistics.JusticeCount] }
            let bad = try await world.api(
                .PUT, "/api/v1/statistics/national/justice", as: "coordinator",
                json: Input(year: 2024, counts: [.init(indicator: .prosecuted, sex: .total, count: -1)]))
            XCTAssertEqual(bad.status, .unprocessableEntity)
            XCTAssertTrue(bad.body.string.contains("counts[0].count"), bad.body.string)
            let saved = try await world.api(
                .PUT, "/api/v1/statistics/national/justice", as: "coordinator",
                json: Input(
                    year: 2024,
                    counts: [
                        .init(indicator: .prosecuted, sex: .total, count: 3),
                        .init(indicator: .convicted, sex: .total, count: 12),
                    ]))
            XCTAssertEqual(saved.status, .ok, saved.body.string)
            let export = try await world.api(.GET, "/api/v1/statistics/national/export?year=2024", as: "coordinator")
                .body.string
            XCTAssertTrue(
                export.hasPrefix(
                    "Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,txtVALUE,Source"
                ))
            XCTAssertTrue(
                export.contains(
                    "KEN,Kenya,Africa,Sub-Saharan Africa,Persons prosecuted,Total,Total,Total,Total,2024,Counts,<5,Palermo"
                ), export)
            XCTAssertTrue(export.contains("Persons convicted,Total,Total,Total,Total,2024,Counts,12,Palermo"), export)
            XCTAssertFalse(export.contains("Wanjiru"))

            let analyst = try await world.api(
                .GET, "/api/v1/statistics/patterns-and-flows?source=cases&from=2024&to=2024", as: "analyst")
            XCTAssertEqual(analyst.status, .ok, analyst.body.string)
            let report = try analyst.content.decode(PatternsAndFlowsReport.self)
            XCTAssertEqual(report.trend.first?.victims.countries, 2)
            // Kenya's 2 people and Uganda's 1 are each fewer than 5: withheld from the analyst, each counts as 0 to 4.
            XCTAssertEqual(report.trend.first?.victims.value, CountRange(low: 0, high: 8))
            let coordinator = try await world.api(
                .GET, "/api/v1/statistics/patterns-and-flows?source=cases&from=2024&to=2024", as: "coordinator"
            )
            .content.decode(PatternsAndFlowsReport.self)
            XCTAssertEqual(
                coordinator.trend.first?.victims.countries, 1,
                "a coordinator's report from cases covers their own country")
            let table = try await world.api(
                .GET, "/api/v1/statistics/patterns-and-flows/trend.csv?source=cases&from=2024&to=2024", as: "analyst")
            XCTAssertTrue(
                table.body.string.hasPrefix(
                    "year,countries_reporting_victims,countries_reporting_partial_victims,victims_low"),
                table.body.string)
            let future = try await world.api(
                .GET, "/api/v1/statistics/patterns-and-flows?from=3020&to=3021", as: "analyst")
            XCTAssertEqual(future.status, .unprocessableEntity)
            XCTAssertTrue(future.body.string.contains("from"))

            let coordinatorCookie = try await world.webLogin("coordinator")
            let form = try await world.page("/stats/national?year=2024", cookie: coordinatorCookie)
            XCTAssertEqual(form.status, .ok)
            XCTAssertTrue(
                form.body.string.contains(
                    "name=\"prosecuted-total\" id=\"prosecuted-total\" aria-label=\"Persons prosecuted — Total\" value=\"3\""
                ))
            let csrf = AuthenticationTests.csrf(in: form.body.string)
            try await world.app.send(
                .POST, "/stats/national",
                before: { req in
                    req.headers.cookie = ["palermo-session": .init(string: coordinatorCookie)]
                    try req.content.encode(
                        ["_csrf": csrf, "year": "2024", "prosecuted-total": "7", "offences-total": "2"],
                        as: .urlEncodedForm)
                }, after: { res in XCTAssertEqual(res.status, .seeOther, res.body.string) })
            let after = try await world.api(.GET, "/api/v1/statistics/national?year=2024", as: "coordinator").content
                .decode(StatisticsAPIController.NationalDTO.self)
            XCTAssertEqual(
                after.observations.filter { $0.indicator != .detectedVictims }.map(\.value.low).sorted(), [2, 7],
                "the form replaces the year's counts (conviction count gone, offences added)")

            let cookie = try await world.webLogin("analyst")
            let analystNational = try await world.page("/stats/national?country=KEN&year=2024", cookie: cookie)
            XCTAssertEqual(analystNational.status, .ok)
            XCTAssertTrue(
                analystNational.body.string.contains("disabled"), "an analyst reviews but does not enter counts")
            let page = try await world.page("/stats/patterns?source=cases&from=2024&to=2024", cookie: cookie)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("<svg"), "the page draws its charts")
            XCTAssertTrue(page.body.string.contains("/stats/patterns/trend.csv?"))
        }
    }

    /// The analyst reads a country's figures from case records with no count of 1 to 4 in them; every withheld
    /// cell is a range that holds the coordinator's exact figure and is at least as wide as the threshold.
    func testAnalystSeesProtectedFiguresThatHoldTheExactOnes() async throws {
        try await TestWorld.each { world in
            let people: [(String, String, [String], String)] = [
                ("Feminine", "2000-01-01", ["SexualExploitation"], "KEN"),
                ("Feminine", "1995-01-01", ["SexualExploitation"], "KEN"),
                ("Feminine", "1990-01-01", ["SexualExploitation"], "KEN"),
                ("Feminine", "1985-01-01", ["SexualExploitation"], "KEN"),
                ("Feminine", "1980-01-01", ["SexualExploitation"], "KEN"),
                ("Feminine", "1998-01-01", ["SexualExploitation"], "KEN"),
                ("Masculine", "1990-06-01", ["ForcedLabour"], "KEN"),
                ("Masculine", "1991-06-01", ["ForcedLabour"], "KEN"),
                ("Masculine", "1992-06-01", ["ForcedLabour"], "KEN"),
                ("Masculine", "1993-06-01", ["ForcedLabour"], "KEN"),
                ("Masculine", "1994-06-01", ["ForcedLabour"], "KEN"),
                ("Masculine", "2012-06-01", ["ForcedLabour"], "UGA"),
                ("Feminine", "2011-06-01", ["ForcedBegging"], "SOM"),
            ]
            for (i, (gender, birth, forms, citizenship)) in people.enumerated() {
                _ = try await world.createCase(
                    as: "a-worker",
                    [
                        "prs_FirstName": .text("Person\(i)"), "prs_Gender": .text(gender),
                        "prs_Birthdate": .text(birth),
                        "vic_TypeOfExploitation": .list(forms), "prs_Citizenship": .text(citizenship),
                        "cas_IncomingReferralDate": .text("2024-03-01"), "cas_IdentificationDate": .text("2024-03-01"),
                    ])
            }
            let path = "/api/v1/statistics/national?country=KEN&year=2024"
            let exact = try await world.api(.GET, path, as: "coordinator").content
                .decode(StatisticsAPIController.NationalDTO.self)
            let analyst = try await world.api(.GET, path, as: "analyst").content
                .decode(StatisticsAPIController.NationalDTO.self)
            func key(_ o: Observation) -> String { "\(o.indicator)|\(o.dimension)|\(o.category)|\(o.sex)|\(o.age)" }
            let seen = Dictionary(analyst.observations.map { (key($0), $0.value) }, uniquingKeysWith: { a, _ in a })
            XCTAssertEqual(exact.observations.filter { (1...4).contains($0.value.low) }.isEmpty, false)
            var withheld = 0
            for o in exact.observations {
                let shown = seen[key(o)] ?? .zero
                if shown.isExact {
                    XCTAssertEqual(shown, o.value, key(o))
                    XCTAssertFalse((1...4).contains(shown.low), "\(key(o)) shown exactly as \(shown.low)")
                } else {
                    withheld += 1
                    XCTAssertTrue(shown.low <= o.value.low && o.value.low <= shown.high, "\(key(o)): \(shown)")
                    XCTAssertGreaterThanOrEqual(shown.high - shown.low, 4, key(o))
                }
            }
            XCTAssertGreaterThan(withheld, 0)
            // The grand total (13 people) stays released; the analyst's export writes ranges, never a small count.
            XCTAssertEqual(
                seen["\(Indicator.detectedVictims)|\(Disaggregation.total)|Total|\(Sex.total)|\(AgeBand.total)"],
                CountRange(exactly: 13))
            let export = try await world.api(
                .GET, "/api/v1/statistics/national/export?country=KEN&year=2024", as: "analyst")
            XCTAssertFalse(export.body.string.contains(",Counts,1,") || export.body.string.contains(",Counts,<5,"))
        }
    }
}
