import Foundation
import Plot

/// Charts drawn as SVG in Swift: no script, readable without JavaScript, printable.
public enum SVGChart {
    public typealias Content = SVGMarkup.Content

    /// A histogram of `values` with vertical marks (e.g. the estimate and interval limits).
    public static func histogram(
        _ values: [Double], marks: [(value: Double, label: String)], title: String, wording: Wording = .english,
        bins: Int = 30
    ) -> Content {
        guard let low = values.min(), let high = values.max(), high > low, bins > 0 else { return .empty }
        let width = 640.0, height = 220.0, left = 40.0, bottom = 30.0, top = 10.0
        let step = (high - low) / Double(bins)
        var counts = [Int](repeating: 0, count: bins)
        for value in values where value.isFinite { counts[min(bins - 1, max(0, Int((value - low) / step)))] += 1 }
        let tallest = Double(counts.max() ?? 1)
        let plotWidth = width - left - 10, plotHeight = height - top - bottom
        func x(_ value: Double) -> Double { left + (value - low) / (high - low) * plotWidth }
        let bars: [Content] = counts.enumerated().map { index, count in
            let barHeight = Double(count) / tallest * plotHeight
            return SVGMarkup.rect(
                x: left + Double(index) * plotWidth / Double(bins) + 0.5, y: top + plotHeight - barHeight,
                width: plotWidth / Double(bins) - 1, height: barHeight)
        }
        let lines: [Content] = marks.filter { $0.value >= low && $0.value <= high }.flatMap { mark -> [Content] in
            [
                SVGMarkup.line(
                    x1: x(mark.value), y1: top, x2: x(mark.value), y2: top + plotHeight, stroke: "#a4000f",
                    width: 1.5, className: "mark"),
                SVGMarkup.text(mark.label, x: x(mark.value) + 3, y: top + 12),
            ]
        }
        let axis = [
            SVGMarkup.text(wording.compact(low), x: left, y: height - 8),
            SVGMarkup.text(wording.compact(high), x: width - 10, y: height - 8, anchor: .end),
        ]
        return SVGMarkup.svg(
            width: width, height: height, title: title,
            [SVGMarkup.group([.attr("class", "bars"), .attr("fill", "#6d8fb5")], bars)] + lines + axis)
    }
}
