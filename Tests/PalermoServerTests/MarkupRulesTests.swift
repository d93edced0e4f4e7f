import Foundation
import XCTest

/// Markup is built with Plot's typed nodes only. Plot escapes text but writes attribute values as given, so a
/// value from data goes through `.attr(_:_:)`, which escapes it; these rules keep every view to that.
final class MarkupRulesTests: XCTestCase {
    static func swiftFiles() throws -> [(path: String, text: String)] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        let files =
            FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        XCTAssertGreaterThan(files.count, 50, root.path)
        return try files.map {
            ($0.path.replacingOccurrences(of: root.path + "/", with: ""), try String(contentsOf: $0, encoding: .utf8))
        }
    }

    /// Code, without comments and without the text of multi-line string literals that hold no markup.
    static func code(_ text: String) -> [(line: Int, text: String)] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return trimmed.hasPrefix("//") ? nil : (index + 1, String(line))
        }
    }

    func testNoMarkupIsAssembledFromStrings() throws {
        // A string literal that opens an HTML or SVG tag: `"<p>`, `"<svg `, `"</td>`, `"<!doctype`. (The XLSX
        // writer's XML parts are files, not pages.)
        let names =
            "!doctype|html|head|body|main|header|nav|section|div|p|span|a|strong|em|h[1-6]|ul|ol|li|dl|dt|dd|"
            + "table|thead|tbody|tr|th|td|form|label|input|select|option|textarea|button|fieldset|legend|details|summary|"
            + "svg|g|rect|line|text|path|polyline|polygon|circle|title|meta|link|script|style|code|br"
        let tag = try Regex("\"[^\"\\n]*</?(\(names))[\\s>/]").ignoresCase()
        // A line of a multi-line string literal that starts with a tag.
        let line = try Regex("^\\s*</?(\(names))[\\s>/]").ignoresCase()
        var found: [String] = []
        for file in try Self.swiftFiles() {
            for (number, text) in Self.code(file.text) where text.contains(tag) || text.contains(line) {
                found.append("\(file.path):\(number): \(text.trimmingCharacters(in: .whitespaces))")
            }
        }
        XCTAssertEqual(found, [], "markup in string literals")
    }

    func testDataReachesAttributesOnlyThroughTheEscapingHelper() throws {
        // Plot's own attribute functions write the value raw; with anything but a literal they could carry data.
        let raw = /[\s(,]\.(value|href|action|src|id|class|name|placeholder|title|alt|content|for|attribute)\((?!")/
        var found: [String] = []
        for file in try Self.swiftFiles() where !file.path.hasSuffix("Markup/Markup.swift") {
            guard file.text.contains("import Plot") else { continue }
            for (line, text) in Self.code(file.text) where text.contains(raw) || text.contains(".raw(") {
                found.append("\(file.path):\(line): \(text.trimmingCharacters(in: .whitespaces))")
            }
        }
        XCTAssertEqual(found, [], "use .attr(name, value), which escapes")
    }
}
