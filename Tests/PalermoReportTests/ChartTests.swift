import PalermoCore
import PalermoReport
import PalermoStats
import Plot
import XCTest

final class ChartTests: XCTestCase {
    func testSankeyBandsAreAsThickAsTheirFlows() {
        let svg = SVGChart.sankey(
            [("Africa", "Europe", 30), ("Europe", "Europe", 10), ("Africa", "Africa", 0)], title: "Flows"
        )
        .render()
        XCTAssertEqual(svg.components(separatedBy: "<path class=\"flow\"").count - 1, 2, "a zero flow draws nothing")
        XCTAssertTrue(svg.contains("Africa → Europe: 30"))
        XCTAssertEqual(SVGChart.sankey([], title: "none").render(), "")
    }

    func testStackedBarsAndLinesEscapeTheirLabels() {
        let bars = SVGChart.stackedBars([("2019", [1, 3])], partNames: ["<b>", "B"], title: "T & t", percent: true)
            .render()
        XCTAssertTrue(bars.contains("&lt;b&gt;") && bars.contains("T &amp; t"))
        XCTAssertEqual(bars.components(separatedBy: "class=\"bar\"").count - 1, 2)
        let lines = SVGChart.lines(
            [.init(name: "victims", points: [(2019, 10, 14, false), (2020, 12, 12, false)])], title: "trend"
        )
        .render()
        XCTAssertTrue(lines.contains("class=\"band\""), "a range is drawn as a band")
    }

    /// A year without data is a gap in the line, not a fall to zero; a lower bound is drawn hollow.
    func testLinesLeaveGapsAndMarkLowerBounds() {
        let lines = SVGChart.lines(
            [.init(name: "victims", points: [(2016, 10, 10, false), (2017, 12, 12, true), (2019, 9, 9, false)])],
            title: "trend", years: 2016...2020
        )
        .render()
        XCTAssertEqual(lines.components(separatedBy: "<polyline").count - 1, 1, "2016–2017 joined; 2019 alone")
        XCTAssertEqual(lines.components(separatedBy: "fill=\"#fff\"").count - 1, 1, "one hollow point")
        XCTAssertEqual(lines.components(separatedBy: "<circle").count - 1, 3, "no point for 2018 or 2020")
    }

    func testTheDocumentIsSelfContainedAndItsTablesMatchTheFigures() {
        let o = Observation(
            area: "AUT", areaName: "Austria", region: "Europe", subregion: "Western Europe",
            indicator: .detectedVictims,
            dimension: .total, category: "Total", sex: .total, age: .total, year: 2020,
            value: CountRange(low: 1170, high: 1174))
        let report = PatternsAndFlowsAnalysis([o]).report(.init(from: 2020, to: 2020, source: "test"))
        let html = PatternsAndFlowsDocument.document(report)
        XCTAssertFalse(html.contains("<script") || html.contains("src=") || html.contains("<link"))
        XCTAssertTrue(html.contains("1,170–1,174"))
        XCTAssertEqual(report.table(named: "trend")?.rows.first?[1...4], ["1", "0", "1170", "1174"])
    }
}
