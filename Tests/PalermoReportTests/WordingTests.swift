import Foundation
import PalermoCore
import PalermoReport
import PalermoStats
import Plot
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

    func testPlaceholdersAreFilledOnceEachAndUnknownOnesKept() {
        // A key that is not in the tables reads as itself, which makes it a template here.
        let english = Wording("en")
        XCTAssertEqual(english("{a} and {b}, {c} {", ["a": "x", "b": "{a}"]), "x and {a}, {c} {")
        XCTAssertEqual(english("{n}{n}", ["n": "١٢"]), "١٢١٢")
        XCTAssertEqual(english("cases.page", ["page": "2", "pages": "7"]), "Page 2 of 7")
    }

    func testDatesAreTheDayInTheReadersTimeZoneWhateverWasFormattedBefore() throws {
        let tokyo = try XCTUnwrap(TimeZone(identifier: "Asia/Tokyo"))
        let utc = try XCTUnwrap(TimeZone(identifier: "UTC"))
        let evening = Date(timeIntervalSince1970: 1_767_297_600)  // 2026-01-01T20:00:00Z
        let morning = Date(timeIntervalSince1970: 1_767_254_400)  // 2026-01-01T08:00:00Z
        let beforeEpoch = Date(timeIntervalSince1970: -43_200), afterEpoch = Date(timeIntervalSince1970: 43_200)
        for _ in 0..<2 {  // the second round reads what the first one formatted
            XCTAssertEqual(Wording("en", timeZone: utc).date(evening), "Jan 1, 2026")
            XCTAssertEqual(Wording("en", timeZone: tokyo).date(evening), "Jan 2, 2026")
            XCTAssertEqual(Wording("en", timeZone: tokyo).date(morning), "Jan 1, 2026")
            XCTAssertEqual(Wording("fr", timeZone: utc).date(evening), "1 janv. 2026")
            XCTAssertEqual(Wording("en", timeZone: utc).date(beforeEpoch), "Dec 31, 1969")
            XCTAssertEqual(Wording("en", timeZone: utc).date(afterEpoch), "Jan 1, 1970")
        }
    }

    func testTextAndAttributesAreEscapedExactlyAsTyped() {
        let typed = "<b>R&amp;D</b> \"quoted\" it's"
        let html = HTML(.body(.p(.words(typed)), .a(.attr("title", typed)))).render()
        XCTAssertTrue(html.contains("<p>&lt;b&gt;R&amp;amp;D&lt;/b&gt; \"quoted\" it's</p>"), html)
        XCTAssertTrue(html.contains("title=\"&lt;b&gt;R&amp;amp;D&lt;/b&gt; &quot;quoted&quot; it&#39;s\""), html)
        XCTAssertEqual(Markup.text("Nakim — ناكيم"), "Nakim — ناكيم")
        XCTAssertEqual(Markup.text("é<é"), "é&lt;é")
    }
}
