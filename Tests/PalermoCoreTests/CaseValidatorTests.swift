import Foundation
import PalermoCore
import XCTest

final class CaseValidatorTests: XCTestCase {
    let validator = CaseValidator(today: CaseValidator.parseDate("2026-01-01")!)

    func testCanonicalForms() throws {
        let clean = try validator.validate([
            "prs_gender": .text("transgender feminine"),
            "prs_Citizenship": .text("ke"),
            "vic_TypeOfExploitation": .text("ForcedLabour SexualExploitation"),
            "vic_MethodsOfControl": .text("Debt bondage; Takes earnings"),
            "con_Consent": .text("yes"),
            "prs_Birthdate": .text("2001-05-06T00:00:00Z"),
            "prs_FirstName": .text("  Amani  "),
            "prs_SecondName": .text(""),
        ]).get()
        XCTAssertEqual(clean["prs_Gender"], .text("TransgenderFeminine"))
        XCTAssertEqual(clean["prs_Citizenship"], .text("KEN"))
        XCTAssertEqual(clean["vic_TypeOfExploitation"], .list(["ForcedLabour", "SexualExploitation"]))
        XCTAssertEqual(clean["vic_MethodsOfControl"], .list(["DebtBondage", "TakesEarnings"]))
        XCTAssertEqual(clean["con_Consent"], .text("TRUE"))
        XCTAssertEqual(clean["prs_Birthdate"], .text("2001-05-06"))
        XCTAssertEqual(clean["prs_FirstName"], .text("Amani"))
        XCTAssertEqual(clean["prs_SecondName"], .some(nil), "an empty value clears the field")
    }

    func testEveryProblemIsReportedWithItsField() {
        let result = validator.validate(
            [
                "prs_Gender": .text("Robot"), "prs_Citizenship": .text("Atlantis"),
                "prs_Birthdate": .text("2030-01-01"),
                "cas_IncomingReferralDate": .text("2021-02-30"), "prs_Favourite": .text("x"),
                "con_Consent": .text("maybe"),
                "prs_FirstName": .list(["A", "B"]), "vic_TypeOfExploitation": .list(["ForcedLabour", "Piracy"]),
            ], row: 7)
        guard case .failure(let failure) = result else { return XCTFail("accepted bad input") }
        XCTAssertEqual(
            Set(failure.issues.map(\.field)),
            [
                "prs_Gender", "prs_Citizenship", "prs_Birthdate", "cas_IncomingReferralDate",
                "prs_Favourite", "con_Consent", "prs_FirstName", "vic_TypeOfExploitation",
            ])
        XCTAssertTrue(failure.issues.allSatisfy { $0.row == 7 })
        XCTAssertTrue(
            failure.description.contains("'Piracy' is not in the picklist typeofexploitation"), failure.description)
    }

    func testAgeGroupAtIdentification() {
        let fields: CaseFields = [
            "prs_Birthdate": .text("2008-06-01"), "cas_IncomingReferralDate": .text("2026-05-31"),
        ]
        XCTAssertEqual(CaseFacets(fields: fields, recordedAt: Date()).ageGroup, .child, "17 when identified")
        let adult: CaseFields = ["prs_Birthdate": .text("2008-06-01"), "cas_IncomingReferralDate": .text("2026-06-01")]
        XCTAssertEqual(CaseFacets(fields: adult, recordedAt: Date()).ageGroup, .adult)
        XCTAssertNil(CaseFacets(fields: [:], recordedAt: Date()).ageGroup)
    }

    func testCaseCodesArePseudonymousAndWellFormed() {
        var rng = SeededGenerator(seed: 1)
        let codes = (0..<1000).map { _ in CaseCode.make(country: "ken", year: 2026, using: &rng) }
        XCTAssertTrue(
            codes.allSatisfy { $0.range(of: "^KEN-26-[2-9A-HJ-NP-Z]{6}$", options: .regularExpression) != nil },
            codes[0])
        XCTAssertEqual(Set(codes).count, codes.count)
    }

    func testDaysReadByHandAgreeWithFoundationOnEveryDayFrom1890To2100() throws {
        // The reference: the ISO format style, with its own format back to refuse days that do not exist.
        let style = Date.ISO8601FormatStyle(timeZone: try XCTUnwrap(TimeZone(identifier: "UTC"))).year().month().day()
        func reference(_ day: String) -> Date? {
            guard let date = try? style.parse(day), style.format(date) == day else { return nil }
            return date
        }
        var day = try XCTUnwrap(reference("1890-01-01"))
        var checked = 0
        while day < Date(timeIntervalSince1970: 4_133_980_800) {  // 2101-01-01
            let text = style.format(day)
            XCTAssertEqual(CaseValidator.parseDate(text), day, text)
            XCTAssertEqual(CaseValidator.parseDate(text + "T10:30:00Z"), day, text)
            day += 86_400
            checked += 1
        }
        XCTAssertEqual(checked, 77_066)  // 211 years, 51 of them leap
        for text in [
            "2021-02-29", "2020-02-30", "1900-02-29", "2023-04-31", "2023-13-01", "2023-00-10", "2023-01-00",
            "2023-1-01", "20230101", "2023/01/01", "2023-01-0x", "+023-01-01", "٢٠٢٣-٠١-٠١", "", "2023-01",
        ] {
            XCTAssertNil(CaseValidator.parseDate(text), text)
            XCTAssertNil(reference(text), text)
        }
        XCTAssertEqual(CaseValidator.parseDate("2000-02-29"), reference("2000-02-29"))
    }
}
