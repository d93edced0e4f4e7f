import Foundation
import PalermoIO
import PalermoReport
import PalermoStats
import Vapor
import XCTest

/// The patterns-and-flows report over UNODC's data, opened from disk in headless Chromium: every chart is
/// drawn (non-empty boxes, bars, lines, flows), nothing is fetched, and a screenshot is kept.
final class ReportScreenshotTests: XCTestCase {
    func testTheReportOpensOfflineWithItsChartsDrawn() async throws {
        let (chromedriver, chromium) = try WebDriver.requireChromium()
        let file = try GLOTIPReader.read(
            try XLSXTable.read(Data(contentsOf: SharedData.url("glotip/data_glotip.xlsx"))))
        let report = PatternsAndFlowsAnalysis(file.observations).report(
            .init(from: 2016, to: 2021, source: "GLOTIP"), notes: file.notes.lines)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("palermo-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let page = dir.appendingPathComponent("index.html")
        try Data(PatternsAndFlowsDocument.document(report).utf8).write(to: page)

        let app = try await Application.make(.testing)
        let browser = try await WebDriver(chromedriver: chromedriver, chromium: chromium, client: app.client)
        do {
            try await browser.open(page.absoluteString)
            let charts =
                try await browser.execute(
                    """
                    return Array.from(document.querySelectorAll('svg.chart')).map(s => {
                      const b = s.getBoundingClientRect();
                      return [b.width > 100 && b.height > 100, s.querySelectorAll('rect.bar, polyline.series, path.flow').length];
                    });
                    """) as? [[Any]] ?? []
            XCTAssertEqual(charts.count, 5, "trend, regions, sex and age, forms, flows")
            for (index, chart) in charts.enumerated() {
                XCTAssertEqual(chart.first as? Bool, true, "chart \(index) has no size")
                XCTAssertGreaterThan((chart.last as? Int) ?? 0, 0, "chart \(index) drew nothing")
            }
            let fetched = try await browser.execute("return performance.getEntriesByType('resource').length") as? Int
            XCTAssertEqual(fetched, 0, "the report fetched something")
            try await browser.execute("document.getElementById('flows').scrollIntoView()")
            let shot = dir.appendingPathComponent("flows.png")
            try await browser.screenshot(to: shot.path)
            XCTAssertGreaterThan((try? Data(contentsOf: shot).count) ?? 0, 10_000, "screenshot at \(shot.path)")
            print("Report screenshot: \(shot.path)")
        } catch {
            await browser.quit()
            try await app.asyncShutdown()
            throw error
        }
        await browser.quit()
        try await app.asyncShutdown()
    }
}
