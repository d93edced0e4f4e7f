import Foundation
import PalermoCore
import PalermoReport
import PalermoStats
import XCTest

/// Every string a person reads exists in the six languages, with the same placeholders.
final class WordingTests: XCTestCase {
    private static func placeholders(_ text: String) -> Set<String> {
        Set(text.matches(of: /\{[A-Za-z]+\}/).map { String($0.output) })
    }

    func testEveryLanguageHasEveryKeyWithTheSamePlaceholders() {
        let english = Wording.english
        let keys = Wording.keys(of: "en")
        XCTAssertGreaterThan(keys.count, 400)
        for language in Wording.languages where language != "en" {
            let theirs = Wording.keys(of: language)
            XCTAssertEqual(keys.subtracting(theirs).sorted(), [], "\(language) lacks these keys")
            XCTAssertEqual(theirs.subtracting(keys).sorted(), [], "\(language) has keys English lacks")
            let wording = Wording(language)
            for key in keys {
                XCTAssertEqual(Self.placeholders(wording(key)), Self.placeholders(english(key)), "\(language): \(key)")
            }
        }
    }

    func testTheVocabularyOfTheStandardAndOfGLOTIPHasStrings() {
        var keys: [String] = HTCDS.fields.map { "field.\($0.name)" }
        for name in Picklists.all.keys { keys += Picklists.named(name).entries.map { "picklist.\(name).\($0.code)" } }
        keys +=
            Indicator.allCases.map { "glotip.\($0.rawValue)" } + Disaggregation.allCases.map { "glotip.\($0.rawValue)" }
        keys += Sex.allCases.map { "glotip.\($0.rawValue)" } + AgeBand.allCases.map { "glotip.\($0.rawValue)" }
        keys += ExploitationForm.allCases.map { "region.\($0.rawValue)" }
        keys += Set(Countries.all.flatMap { [$0.region, $0.subregion, $0.intermediateRegion] }).filter { !$0.isEmpty }
            .map { "region.\($0)" }
        keys += AuditAction.allCases.map { "action.\($0.rawValue)" } + AgeGroup.allCases.map { "age.\($0.rawValue)" }
        keys += HTCDSField.Section.allCases.map { "section.\($0.rawValue)" }
        let known = Wording.keys(of: "en")
        XCTAssertEqual(keys.filter { !known.contains($0) }.sorted(), [])
    }

    func testNumbersDatesAndCountriesFollowTheLocale() {
        XCTAssertEqual(Wording("fr").decimal(2.8), "2,8")
        XCTAssertEqual(Wording("en").decimal(2.8), "2.8")
        XCTAssertTrue(Wording("fr").percent(0.428).hasPrefix("42,8"), Wording("fr").percent(0.428))
        XCTAssertEqual(Wording("ru").country("KEN"), "Кения")
        XCTAssertEqual(Wording("zh").country("KEN"), "肯尼亚")
        XCTAssertEqual(Wording("ar").country("KEN"), "كينيا")
        XCTAssertEqual(Wording("es").country("KEN"), "Kenia")
        XCTAssertTrue(Wording("ar").isRightToLeft)
        XCTAssertEqual(Wording("xx").language, "en", "an unknown language is English")
    }
}
