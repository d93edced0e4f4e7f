import Foundation

/// Charts drawn as SVG in Swift: no script, readable without JavaScript, printable.
public enum SVGChart {
    /// A histogram of `values` with vertical marks (e.g. the estimate and interval limits).
    public static func histogram(_ values: [Double], marks: [(value: Double, label: String)], title: String, bins: Int = 30) -> String {
        guard let low = values.min(), let high = values.max(), high > low else { return "" }
        let width = 640.0, height = 220.0, left = 40.0, bottom = 30.0, top = 10.0
        let step = (high - low) / Double(bins)
        var counts = [Int](repeating: 0, count: bins)
        for value in values { counts[min(bins - 1, Int((value - low) / step))] += 1 }
        let tallest = Double(counts.max() ?? 1)
        let plotWidth = width - left - 10, plotHeight = height - top - bottom
        func x(_ value: Double) -> Double { left + (value - low) / (high - low) * plotWidth }
        let bars = counts.enumerated().map { index, count in
            let barHeight = Double(count) / tallest * plotHeight
            return String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>",
                          left + Double(index) * plotWidth / Double(bins) + 0.5, top + plotHeight - barHeight,
                          plotWidth / Double(bins) - 1, barHeight)
        }.joined()
        let lines = marks.filter { $0.value >= low && $0.value <= high }.map { mark in
            String(format: "<line class=\"mark\" stroke=\"#a4000f\" stroke-width=\"1.5\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/><text x=\"%.1f\" y=\"%.1f\">%@</text>",
                   x(mark.value), x(mark.value), top, top + plotHeight, x(mark.value) + 3, top + 12, esc(mark.label))
        }.joined()
        let axis = String(format: "<text x=\"%.1f\" y=\"%.1f\">%.0f</text><text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%.0f</text>",
                          left, height - 8, low, width - 10, height - 8, high)
        return """
            <svg class="chart" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-label="\(esc(title))">
            <title>\(esc(title))</title><g class="bars" fill="#6d8fb5">\(bars)</g>\(lines)\(axis)</svg>
            """
    }
}
