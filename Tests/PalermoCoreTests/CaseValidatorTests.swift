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
        let result = validator.validate([
            "prs_Gender": .text("Robot"), "prs_Citizenship": .text("Atlantis"), "prs_Birthdate": .text("2030-01-01"),
            "cas_IncomingReferralDate": .text("2021-02-30"), "prs_Favourite": .text("x"), "con_Consent": .text("maybe"),
            "prs_FirstName": .list(["A", "B"]), "vic_TypeOfExploitation": .list(["ForcedLabour", "Piracy"]),
        ], row: 7)
        guard case .failure(let failure) = result else { return XCTFail("accepted bad input") }
        XCTAssertEqual(Set(failure.issues.map(\.field)), ["prs_Gender", "prs_Citizenship", "prs_Birthdate", "cas_IncomingReferralDate",
                                                          "prs_Favourite", "con_Consent", "prs_FirstName", "vic_TypeOfExploitation"])
        XCTAssertTrue(failure.issues.allSatisfy { $0.row == 7 })
        XCTAssertTrue(failure.description.contains("'Piracy' is not in the picklist typeofexploitation"), failure.description)
    }

    func testAgeGroupAtIdentification() {
        let fields: CaseFields = ["prs_Birthdate": .text("2008-06-01"), "cas_IncomingReferralDate": .text("2026-05-31")]
        XCTAssertEqual(CaseFacets(fields: fields, recordedAt: Date()).ageGroup, .child, "17 when identified")
        let adult: CaseFields = ["prs_Birthdate": .text("2008-06-01"), "cas_IncomingReferralDate": .text("2026-06-01")]
        XCTAssertEqual(CaseFacets(fields: adult, recordedAt: Date()).ageGroup, .adult)
        XCTAssertNil(CaseFacets(fields: [:], recordedAt: Date()).ageGroup)
    }

    func testCaseCodesArePseudonymousAndWellFormed() {
        var rng = SeededGenerator(seed: 1)
        let codes = (0..<1000).map { _ in CaseCode.make(country: "ken", year: 2026, using: &rng) }
        XCTAssertTrue(codes.allSatisfy { $0.range(of: "^KEN-26-[2-9A-HJ-NP-Z]{6}$", options: .regularExpression) != nil }, codes[0])
        XCTAssertEqual(Set(codes).count, codes.count)
    }
}
