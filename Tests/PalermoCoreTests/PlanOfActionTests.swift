import Foundation
import PalermoCore
import XCTest

/// The Plan's data file against the scanned draft of 19 July 2010 in ../shared/seeds: every numbered paragraph
/// under its section, deleted and merged ones as the draft marks them, and no wording that is not in the text.
final class PlanOfActionTests: XCTestCase {
    static let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/seeds")

    /// The whole file of consultations, and the annex of the 19 July draft within it.
    static func texts() throws -> (all: String, annex: String) {
        let names = try FileManager.default.contentsOfDirectory(atPath: seeds.path)
        let name = try XCTUnwrap(names.first { $0.hasPrefix("002_") && $0.hasSuffix(".txt") })
        let all = try String(contentsOf: seeds.appendingPathComponent(name), encoding: .utf8)
        let draft = try XCTUnwrap(all.range(of: "DRAFT (19 July 2010)"))
        let start = try XCTUnwrap(all.range(of: "ANNEX: Global Plan of Action", range: draft.upperBound..<all.endIndex))
        let end = try XCTUnwrap(all.range(of: "Possible goals and elements", range: start.upperBound..<all.endIndex))
        return (all, String(all[start.upperBound..<end.lowerBound]))
    }

    /// Numbered paragraphs per section, as the scan shows them: a number at the start of a line, the section
    /// known by its heading's words (the OCR reads the numerals II and III as "I1" and "II1").
    static func numbersBySection(_ annex: String) -> [String: [String]] {
        var section = "general"
        var found: [String: [String]] = [:]
        let headings = [
            ("Preventing trafficking", "prevention"), ("Protecting and assisting", "protection"),
            ("Prosecuting crimes", "prosecution"), ("Strengthening partnerships", "partnerships"),
        ]
        for line in annex.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.wholeMatch(of: /\s*[IVl1]{1,4}\.\s+.*/) != nil,
                let heading = headings.first(where: { line.contains($0.0) })
            {
                section = heading.1
                continue
            }
            if let match = line.prefixMatch(of: /\s*(\d{1,2}(?:bis)?)\.(?!\d)/) {
                found[section, default: []].append(String(match.output.1))
            }
        }
        return found
    }

    /// Letters only, lower case: what survives OCR's punctuation and line breaks.
    static func letters(_ text: String) -> String {
        String(
            text.lowercased().unicodeScalars.filter { CharacterSet.lowercaseLetters.contains($0) }.map(Character.init))
    }

    func testEveryNumberedParagraphOfTheDraftIsInTheFileUnderItsSection() throws {
        let plan = try XCTUnwrap(PlanOfAction.current)
        let scanned = Self.numbersBySection(try Self.texts().annex)
        XCTAssertEqual(scanned.values.map(\.count).reduce(0, +), 67, "numbered paragraphs in the scan")
        for section in plan.sections {
            let inFile = plan.paragraphs(in: section.id).filter(\.inScan).map(\.number)
            XCTAssertEqual(inFile, scanned[section.id] ?? [], section.id)
        }
        XCTAssertEqual(
            plan.sections.map { plan.paragraphs(in: $0.id).filter(\.inScan).count }, [12, 9, 18, 14, 14])
        XCTAssertEqual(Set(plan.paragraphs.map(\.number)).count, plan.paragraphs.count, "numbers are unique")
    }

    func testDeletedAndMergedParagraphsAreKeptAsTheDraftMarksThem() throws {
        let plan = try XCTUnwrap(PlanOfAction.current)
        let annex = try Self.texts().annex
        for match in annex.matches(of: /(\d{1,2})\.\s*\[Paragraph deleted\]/) {
            XCTAssertEqual(plan.paragraph(String(match.output.1))?.status, .deleted, String(match.output.1))
        }
        for match in annex.matches(of: /(\d{1,2})\.\s*\[Merged with paragraph (\d{1,2})\]/) {
            let paragraph = plan.paragraph(String(match.output.1))
            XCTAssertEqual(paragraph?.status, .merged)
            XCTAssertEqual(paragraph?.mergedInto, String(match.output.2))
        }
        XCTAssertEqual(plan.paragraphs.filter { $0.status == .deleted }.count, 4)
        XCTAssertEqual(plan.paragraphs.filter { $0.status == .merged }.count, 10)
        for merged in plan.paragraphs where merged.status == .merged {
            XCTAssertEqual(plan.paragraph(merged.mergedInto ?? "")?.status, .active, merged.number)
        }
    }

    func testNoWordingIsInventedAndEveryLiveParagraphIsDescribed() throws {
        let plan = try XCTUnwrap(PlanOfAction.current)
        let (all, annex) = try Self.texts()
        // The margin notes of tracked changes ("Deleted: …") fall between the lines of a paragraph.
        let scan = Self.letters(annex.replacing(/[-~.|\/{\[ ]*Deleted:?/, with: ""))
        let corrections = ["gnable": "enable", "jikely": "likely", "jdomestic": "domestic"]
        var corrected = scan
        for (wrong, right) in corrections { corrected = corrected.replacingOccurrences(of: wrong, with: right) }
        let earlier = Self.letters(all)
        for paragraph in plan.paragraphs where paragraph.status == .active {
            XCTAssertFalse((paragraph.title ?? "").isEmpty, paragraph.number)
            XCTAssertFalse((paragraph.actors ?? []).isEmpty, paragraph.number)
            if paragraph.inScan {
                let text = try XCTUnwrap(paragraph.text, paragraph.number)
                XCTAssertEqual(paragraph.complete == false, text.contains("[…]"), paragraph.number)
                for piece in text.components(separatedBy: "[…]") where !Self.letters(piece).isEmpty {
                    XCTAssertTrue(corrected.contains(Self.letters(piece)), "\(paragraph.number): \(piece)")
                }
            } else {
                let wording = try XCTUnwrap(paragraph.earlierWording, paragraph.number)
                XCTAssertTrue(earlier.contains(Self.letters(wording)), "\(paragraph.number) in an earlier draft")
                XCTAssertNil(paragraph.text)
            }
        }
        XCTAssertNil(PlanOfAction.load("1999-01-01"))
    }

    /// Paragraphs map between versions through `sameAs`, read in either direction: here a later version (made up
    /// for the test: Palermo ships only the draft of 19 July 2010) renumbers one paragraph and merges two.
    func testParagraphsMapBetweenVersionsInEitherDirection() throws {
        func version(_ name: String, _ paragraphs: String) throws -> PlanOfAction {
            try JSONDecoder().decode(
                PlanOfAction.self,
                from: Data(
                    """
                    {"version": "\(name)", "title": "t", "source": "s", "notes": [],
                     "sections": [{"id": "protection", "title": "Protection"}], "paragraphs": [\(paragraphs)]}
                    """.utf8))
        }
        let draft = try version(
            "draft",
            """
            {"number": "16", "section": "protection", "status": "active", "inScan": true},
            {"number": "17", "section": "protection", "status": "active", "inScan": true},
            {"number": "29", "section": "protection", "status": "merged", "mergedInto": "42", "inScan": true},
            {"number": "42", "section": "protection", "status": "active", "inScan": true}
            """)
        let adopted = try version(
            "adopted",
            """
            {"number": "20", "section": "protection", "status": "active", "inScan": true,
             "sameAs": [{"version": "draft", "number": "16"}]},
            {"number": "45", "section": "protection", "status": "active", "inScan": true,
             "sameAs": [{"version": "draft", "number": "42"}, {"version": "draft", "number": "29"}]}
            """)
        let both = [draft, adopted]
        func map(_ version: String, _ number: String, to target: String) -> [String] {
            PlanOfAction.counterparts(of: .init(version: version, number: number), in: target, among: both)
                .map(\.number)
        }
        XCTAssertEqual(map("draft", "16", to: "adopted"), ["20"], "renumbered")
        XCTAssertEqual(map("adopted", "20", to: "draft"), ["16"], "and back")
        XCTAssertEqual(map("draft", "29", to: "adopted"), ["45"], "a merged paragraph maps to what it became")
        XCTAssertEqual(map("adopted", "45", to: "draft"), ["29", "42"], "two draft paragraphs became one")
        XCTAssertEqual(map("draft", "17", to: "adopted"), [], "a paragraph the later version dropped")
        let shipped = PlanParagraph.Reference(version: "2010-07-19", number: "16")
        XCTAssertEqual(PlanOfAction.counterparts(of: shipped, in: "2010-07-19"), [shipped])
    }
}
