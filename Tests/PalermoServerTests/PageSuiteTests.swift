import Foundation
import PalermoCore
import PalermoReport
import Vapor
import XCTest

/// Every page of every role in Chromium, at 1280 and 390 px: the page never scrolls sideways, axe-core finds
/// no serious or critical violation, and no English shows in another language. Every page is seen in English
/// and Arabic at both widths, and in French, Spanish, Russian and Chinese at one width each.
final class PageSuiteTests: XCTestCase {
    struct Finding: CustomStringConvertible {
        let page: String
        let problem: String
        var description: String { "\(page): \(problem)" }
    }

    func testEveryPageOfEveryRoleInEveryLanguage() async throws {
        _ = try WebDriver.requireChromium()
        let axe = try Self.axeSource()
        let site = try await BrowserSite.start()
        defer { Task { await site.stop() } }
        let browser = site.browser
        var findings: [Finding] = []
        var visits = 0
        let others = ["fr": 1280, "es": 390, "ru": 1280, "zh": 390]
        for (user, paths) in try await site.pagesByRole() {
            try await browser.deleteCookies()
            if let user { try await site.signIn(user) }
            for path in paths {
                var runs: [(String, Int)] = [("en", 1280), ("en", 390), ("ar", 1280), ("ar", 390)]
                runs += others.map { ($0.key, $0.value) }
                for (language, width) in runs {
                    let page = "\(user ?? "anonymous") \(path) [\(language) \(width)]"
                    try await browser.setCookie("palermo-lang", language)
                    try await browser.resize(width: width, height: 900)
                    try await browser.open(site.url + path)
                    visits += 1
                    findings += try await Self.check(browser, page: page, language: language, axe: axe)
                    if (language == "ar" && width == 390) || (language == "en" && width == 1280) {
                        _ = try await browser.execute("window.scrollTo(0, 0); return true;")
                        let name = (user ?? "anonymous") + path.replacingOccurrences(of: "/", with: "_").prefix(40)
                        try await browser.screenshot(to: site.artifact("\(name)-\(language)-\(width).png"))
                    }
                }
            }
        }
        XCTAssertGreaterThan(visits, 100)
        XCTAssertEqual(findings.map(\.description), [])
    }

    /// The page's own checks, run in the browser.
    static func check(_ browser: WebDriver, page: String, language: String, axe: String) async throws -> [Finding] {
        var findings: [Finding] = []
        let width =
            try await browser.execute("return [document.documentElement.scrollWidth, window.innerWidth]") as? [Int]
            ?? []
        if width.count == 2, width[0] > width[1] {
            findings.append(Finding(page: page, problem: "\(width[0]) px wide"))
        }
        // The header takes one or two lines, also on a phone.
        let header = try await browser.execute(
            "return document.querySelector('header.top').getBoundingClientRect().height")
        if let height = (header as? Double) ?? (header as? Int).map(Double.init), height > 100 {
            findings.append(Finding(page: page, problem: "header \(Int(height)) px tall"))
        }
        _ = try await browser.execute(axe + "\nreturn true;")
        let violations =
            try await browser.execute(
                """
                return axe.run(document, {resultTypes: ['violations']}).then(r => r.violations
                  .filter(v => v.impact === 'serious' || v.impact === 'critical')
                  .map(v => v.id + ' ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')));
                """) as? [String] ?? []
        findings += violations.map { Finding(page: page, problem: "axe: \($0)") }
        if language != "en" {
            let english = Array(LocalisationTests.englishOnly(in: language))
            let data = try JSONSerialization.data(withJSONObject: english)
            let leaks =
                try await browser.execute(
                    """
                    const english = new Set(\(String(decoding: data, as: UTF8.self)));
                    const latin = \(["ar", "zh", "ru"].contains(language) ? "true" : "false");
                    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                    const found = [];
                    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                      const text = node.textContent.trim();
                      const marked = node.parentElement.closest('[lang]');
                      if (!text || (marked && marked !== document.documentElement)) continue;
                      if (node.parentElement.closest('[translate=no]')) continue;  // names and notes as typed
                      if (english.has(text) || (latin && /[A-Za-z]{3,}[ ,][A-Za-z]{3,}/.test(text))) found.push(text);
                    }
                    return found.slice(0, 5);
                    """) as? [String] ?? []
            findings += leaks.map { Finding(page: page, problem: "untranslated: \($0)") }
        }
        return findings
    }

    /// axe-core, from the `axe-selenium-python` package on PyPI (`PALERMO_AXE_JS` names the file instead).
    static func axeSource() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        var path = environment["PALERMO_AXE_JS"] ?? ""
        if path.isEmpty {
            let python = Process(), pipe = Pipe()
            python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            python.arguments = [
                "python3", "-c",
                "import axe_selenium_python, os; print(os.path.dirname(axe_selenium_python.__file__))",
            ]
            python.standardOutput = pipe
            python.standardError = FileHandle.nullDevice
            try? python.run()
            python.waitUntilExit()
            let folder = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            path = folder + "/node_modules/axe-core/axe.min.js"
        }
        guard let source = try? String(contentsOfFile: path, encoding: .utf8) else {
            if environment["PALERMO_REQUIRE_BROWSER"] == "1" {
                XCTFail("axe-core is required: pip install axe-selenium-python")
            }
            throw XCTSkip("axe-core not found (pip install axe-selenium-python)")
        }
        return source
    }
}
