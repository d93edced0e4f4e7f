import Foundation
import Plot

/// Charts drawn as SVG in Swift: no script, readable without JavaScript, printable.
public enum SVGChart {
    public typealias Content = SVGMarkup.Content

    /// What a histogram's axes say.
    public struct Axes {
        public let x: String
        public let y: String
        public init(x: String, y: String) { (self.x, self.y) = (x, y) }
    }

    /// A histogram of `values` with axes (counts at the left, values below, both titled) and vertical marks
    /// (e.g. the estimate and interval limits) labelled in a band above the bars, so no label covers a bar;
    /// labels of marks close together go on alternate rows. Values above `upTo` are not drawn (a long tail
    /// of a few would squeeze the rest into a bar or two); the caller says how many.
    public static func histogram(
        _ values: [Double], marks: [(value: Double, label: String)], title: String, axes: Axes,
        wording: Wording = .english, bins: Int = 30, upTo: Double = .infinity
    ) -> Content {
        let finite = values.filter { $0.isFinite && $0 <= upTo }
        guard let low = finite.min(), let high = finite.max(), high > low, bins > 0 else { return .empty }
        let width = 640.0, height = 280.0, left = 56.0, right = 16.0, top = 44.0, bottom = 48.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let step = (high - low) / Double(bins)
        var counts = [Int](repeating: 0, count: bins)
        for value in finite { counts[min(bins - 1, max(0, Int((value - low) / step)))] += 1 }
        let yTicks = SVG.ticks(upTo: Double(counts.max() ?? 1), count: 4)
        let yTop = yTicks.last ?? 1
        func x(_ value: Double) -> Double { left + (value - low) / (high - low) * plotWidth }
        func y(_ count: Double) -> Double { top + plotHeight - count / yTop * plotHeight }
        let bars: [Content] = counts.enumerated().map { index, count in
            SVGMarkup.rect(
                x: left + Double(index) * plotWidth / Double(bins) + 0.5, y: y(Double(count)),
                width: plotWidth / Double(bins) - 1, height: Double(count) / yTop * plotHeight,
                tooltip: wording.compact(low + Double(index) * step) + "–"
                    + wording.compact(low + Double(index + 1) * step)
                    + ": " + wording.number(count))
        }
        return SVGMarkup.svg(
            width: width, height: height, title: title,
            SVG.grid(yTicks, left: left, right: width - right, y: y, label: { wording.number(Int($0)) })
                + [SVGMarkup.group([.attr("class", "bars"), .attr("fill", "#6d8fb5")], bars)]
                + valueAxis(low: low, high: high, x: x, baseline: top + plotHeight, wording: wording)
                + markLines(
                    marks.filter { $0.value >= low && $0.value <= high }, x: x, top: top, bottom: top + plotHeight)
                + [
                    SVGMarkup.text(axes.x, x: left + plotWidth / 2, y: height - 6, anchor: .middle),
                    SVGMarkup.text(axes.y, x: 4, y: top - 30),
                ])
    }

    /// Ticks at round values under the bars, with their numbers.
    private static func valueAxis(
        low: Double, high: Double, x: (Double) -> Double, baseline: Double, wording: Wording
    ) -> [Content] {
        let span = SVG.ticks(upTo: high - low, count: 5)
        let step = span.count > 1 ? span[1] : high - low
        guard step > 0 else { return [] }
        let first = (low / step).rounded(.up) * step
        let ticks = stride(from: first, through: high, by: step).prefix(12)
        return [SVGMarkup.line(x1: x(low), y1: baseline, x2: x(high), y2: baseline, stroke: "#444")]
            + ticks.flatMap { value -> [Content] in
                [
                    SVGMarkup.line(x1: x(value), y1: baseline, x2: x(value), y2: baseline + 4, stroke: "#444"),
                    SVGMarkup.text(wording.compact(value), x: x(value), y: baseline + 16, anchor: .middle),
                ]
            }
    }

    /// Vertical lines through the plot; their labels sit above it, a second row taking a label that would
    /// run into its neighbour's.
    private static func markLines(
        _ marks: [(value: Double, label: String)], x: (Double) -> Double, top: Double, bottom: Double
    ) -> [Content] {
        var lastEnd = [-Double.infinity, -Double.infinity]
        return marks.sorted { $0.value < $1.value }.flatMap { mark -> [Content] in
            let centre = x(mark.value), halfWidth = Double(mark.label.count) * 3.2 + 4
            let row = centre - halfWidth > lastEnd[0] ? 0 : 1
            lastEnd[row] = centre + halfWidth
            let labelY = top - 6 - Double(1 - row) * 14
            return [
                SVGMarkup.line(
                    x1: centre, y1: labelY + 3, x2: centre, y2: bottom, stroke: "#a4000f", width: 1.5,
                    className: "mark"),
                SVGMarkup.text(mark.label, x: centre, y: labelY, anchor: .middle),
            ]
        }
    }
}
