import Crypto
import Foundation
import PalermoCore
import XCTest

/// The publication page in Chromium, as an analyst uses it: choose the records, the attributes and the method,
/// preview the risk and the utility, release, and download the files.
final class PublicationBrowserTests: XCTestCase {
    func testChoosePreviewReleaseAndDownload() async throws {
        let site = try await BrowserSite.start()
        defer { Task { await site.stop() } }
        let (browser, url) = (site.browser, site.url)
        try await PublicationTests.addCases(site.world, 120)

        try await site.signIn("analyst")
        try await browser.open(url + "/publish")
        let form = try await browser.pageSource
        XCTAssertTrue(form.contains("href=\"/publish\""), "the navigation leads to the page")
        XCTAssertTrue(form.contains("Nothing has been released yet."))

        // Choose: synthetic records over four attributes, k = 5, pairs of attributes; and the labour industry too.
        _ = try await browser.execute(
            """
            const form = document.querySelector('#publish-form');
            form.querySelector('[name=method]').value = 'synthetic';
            form.querySelector('[name=k]').value = '5';
            form.querySelector('[name=length]').value = '2';
            form.querySelector('[name=sensitive]').value = 'exploitation';
            return true;
            """)
        try await browser.click("#publish-form [name=attribute-labourIndustry]")
        try await browser.submit("#publish-form button[type=submit]", leaving: "/publish")
        let preview = try await browser.pageSource
        XCTAssertTrue(preview.contains("id=\"preview\""), "the preview is shown")
        XCTAssertTrue(preview.contains("Risk of the selected records") && preview.contains("Risk of what is published"))
        XCTAssertTrue(preview.contains("Rare combinations carried over"))
        XCTAssertTrue(preview.contains("<svg"), "charts")
        XCTAssertTrue(preview.contains("Labour industry"))
        try await browser.resize(width: 1280, height: 3000)
        try await browser.screenshot(to: site.artifact("publication-preview.png"))

        // Release: the release's page lists its files with their checksums.
        try await browser.submit("#release-form button[type=submit]", leaving: try await browser.currentURL)
        let releasePath = try await browser.currentURL.replacingOccurrences(of: url, with: "")
        XCTAssertTrue(releasePath.hasPrefix("/publish/"), releasePath)
        let page = try await browser.pageSource
        for name in ["records.csv", "aggregates.csv", "dictionary.csv", "report.html", "release.json"] {
            XCTAssertTrue(page.contains(">\(name)<"), name)
        }

        // Download the records as the link does: a header, then the synthetic records: at least as many as the case
        // records less what rounding each value's count down to k takes, more where values met dead ends.
        let csv =
            try await browser.execute("return fetch('\(releasePath)/records.csv').then(r => r.text());") as? String
        let lines = try XCTUnwrap(csv).split(separator: "\n", omittingEmptySubsequences: true)
        XCTAssertEqual(
            lines.first.map(String.init)?.trimmingCharacters(in: .whitespacesAndNewlines),
            "sex,ageGroup,citizenship,exploitation,labourIndustry")
        XCTAssertTrue((100...(2 * 121)).contains(lines.count - 1), "\(lines.count - 1) records")
        let digest = SHA256.hash(data: Data(try XCTUnwrap(csv).utf8)).map { String(format: "%02x", $0) }.joined()
        XCTAssertTrue(page.contains(digest), "the page shows the downloaded file's checksum")
        let report = try await browser.execute("return fetch('\(releasePath)/report.html').then(r => r.text());")
        XCTAssertTrue((report as? String)?.contains("Release of de-identified data") == true)

        try await browser.open(url + "/publish")
        let listed = try await browser.pageSource
        XCTAssertTrue(listed.contains("href=\"\(releasePath)\""), "the release is listed")
    }
}
