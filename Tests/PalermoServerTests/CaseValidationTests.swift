import Foundation
import PalermoCore
import PalermoStore
import Vapor
import XCTVapor
import XCTest

/// Input that would spoil the records is refused, naming the field, in the reader's language, and nothing
/// is written: the defects seen from outside, each once through the API and once through the form.
final class CaseValidationTests: XCTestCase {
    struct Problem: Decodable { let issues: [ValidationIssue] }

    func testEachBadInputIsRefusedNamingTheFieldAndNothingIsWritten() async throws {
        try await TestWorld.each { world in
            let core = TestWorld.core
            let bad: [(String, [String: FieldValue], String, String)] = [
                ("the empty form", [:], "prs_Gender", "required"),
                ("no age at all", core.filter { $0.key != "prs_AgeGroup" }, "prs_Birthdate", "ageRequired"),
                ("email", core.merging(["prs_Email": .text("not-an-email")]) { $1 }, "prs_Email", "notAnEmail"),
                (
                    "phone", core.merging(["prs_MobilePhone": .text("call me maybe")]) { $1 }, "prs_MobilePhone",
                    "notAPhone"
                ),
                (
                    "born in 1890", core.merging(["prs_Birthdate": .text("1890-05-01")]) { $1 }, "prs_Birthdate",
                    "before1900"
                ),
                (
                    "born in year 0", core.merging(["prs_Birthdate": .text("0000-01-01")]) { $1 }, "prs_Birthdate",
                    "before1900"
                ),
                (
                    "referred out before in",
                    core.merging([
                        "cas_IncomingReferralDate": .text("2024-05-01"),
                        "cas_OutgoingReferralDate": .text("2024-04-30"),
                    ]) { $1 }, "cas_OutgoingReferralDate", "beforeField"
                ),
                (
                    "closed without a reason", core.merging(["cas_Status": .text("Closed")]) { $1 },
                    "cas_ReasonForCaseClosure", "closedNeedsReason"
                ),
                (
                    "closed without a date",
                    core.merging(["cas_Status": .text("Closed"), "cas_ReasonForCaseClosure": .text("Went home")]) {
                        $1
                    }, "cas_ClosureDate", "closedNeedsDate"
                ),
                (
                    "closed before identified",
                    core.merging([
                        "cas_Status": .text("Closed"), "cas_ReasonForCaseClosure": .text("Went home"),
                        "cas_ClosureDate": .text("2025-02-01"),
                    ]) { $1 }, "cas_ClosureDate", "beforeField"
                ),
            ]
            let before = try await world.caseCount()
            for (what, fields, field, code) in bad {
                let res = try await world.api(.POST, "/api/v1/cases", as: "a-worker", json: CaseBody(fields: fields))
                XCTAssertEqual(res.status, .unprocessableEntity, "\(what): \(res.body.string)")
                let issues = try res.content.decode(Problem.self).issues
                XCTAssertTrue(
                    issues.contains { $0.field == field && $0.code == code }, "\(what) names \(field): \(issues)")
            }
            let afterAPI = try await world.caseCount()
            XCTAssertEqual(afterAPI, before, "nothing written")

            // The same through the form, in French: the message names the field in the reader's language.
            let cookie = try await world.webLogin("a-worker")
            let empty = try await world.postForm(
                "/cases", cookie: cookie, [("cas_Status", "Active")], from: "/cases/new", language: "fr")
            XCTAssertEqual(empty.status, .unprocessableEntity)
            XCTAssertTrue(
                empty.body.string.contains("Genre</a>: est obligatoire"), empty.body.string.prefix(3000).description)
            let phone = try await world.postForm(
                "/cases", cookie: cookie,
                TestWorld.core.map { ($0.key, $0.value.description) } + [("prs_MobilePhone", "call me maybe")],
                from: "/cases/new", language: "fr")
            XCTAssertEqual(phone.status, .unprocessableEntity)
            XCTAssertTrue(phone.body.string.contains("n’est pas un numéro au format international"))
            let afterForms = try await world.caseCount()
            XCTAssertEqual(afterForms, before, "nothing written by a refused form")

            // A change that breaks a rule is refused the same way, and the stored case stays as it was.
            let id = try await world.createCase(as: "a-worker", ["prs_Email": .text("amani@example.org")])
            let change = try await world.api(
                .PATCH, "/api/v1/cases/\(id)", as: "a-worker",
                json: ["fields": ["prs_Gender": nil, "prs_Email": "amani at example"] as [String: String?]])
            XCTAssertEqual(change.status, .unprocessableEntity, change.body.string)
            let stored = try await world.api(.GET, "/api/v1/cases/\(id)", as: "a-worker").content.decode(
                CaseRecord.self)
            XCTAssertEqual(stored.version, 1)
            XCTAssertEqual(stored.fields["prs_Email"], .text("amani@example.org"))
        }
    }

    func testGoodContactDetailsAndCountryNamesInAnyUNLanguagePass() throws {
        let validator = CaseValidator()
        for (field, value, expected) in [
            ("prs_Email", "amani.otieno@example.co.ke", "amani.otieno@example.co.ke"),
            ("prs_MobilePhone", "+254 712 345678", "+254 712 345678"),
            ("prs_HomePhone", "'+44 20 7946 0958", "+44 20 7946 0958"),
            ("prs_Citizenship", "Kenya", "KEN"), ("prs_Citizenship", "Kenia", "KEN"),
            ("prs_Citizenship", "Кения", "KEN"),
            ("prs_Citizenship", "肯尼亚", "KEN"), ("prs_Citizenship", "كينيا", "KEN"),
            ("prs_Citizenship", "Ouganda", "UGA"),
        ] {
            let clean = try validator.validate([field: .text(value)]).get()
            XCTAssertEqual(clean[field], .text(expected), "\(field) \(value)")
        }
        for (field, value) in [
            ("prs_Email", "a@b"), ("prs_Email", "two@@example.org"), ("prs_MobilePhone", "0712 345678"),
            ("prs_MobilePhone", "+12"), ("prs_Citizenship", "Wakanda"),
        ] {
            guard case .failure = validator.validate([field: .text(value)]) else {
                return XCTFail("\(field) \(value) accepted")
            }
        }
    }
}
