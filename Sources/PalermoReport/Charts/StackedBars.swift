import Plot

extension SVGChart {
    /// A bar per label, stacked from its parts; `percent` scales every bar to 100 %.
    public static func stackedBars(
        _ bars: [(label: String, parts: [Double])], partNames: [String], title: String,
        percent: Bool = false, wording: Wording = .english, width: Double = 640, height: Double = 260
    ) -> Content {
        guard !bars.isEmpty else { return .empty }
        let left = 56.0, right = 12.0, top = 16.0, bottom = 44.0
        let plotW = width - left - right, plotH = height - top - bottom
        let maximum = percent ? 1 : (bars.map { $0.parts.reduce(0, +) }.max() ?? 1)
        let ticks = percent ? [0, 0.25, 0.5, 0.75, 1] : SVG.ticks(upTo: maximum)
        let scale = ticks.last ?? 1
        func y(_ v: Double) -> Double { top + plotH - v / scale * plotH }
        var body = SVG.grid(ticks, left: left, right: width - right, y: y) {
            percent ? wording.percent($0, digits: 0) : wording.compact($0)
        }
        let slot = plotW / Double(bars.count)
        for (index, bar) in bars.enumerated() {
            let total = bar.parts.reduce(0, +)
            var base = 0.0
            let x = left + Double(index) * slot + slot * 0.15
            for (part, value) in bar.parts.enumerated() where value > 0 {
                let v = percent ? (total > 0 ? value / total : 0) : value
                let name = part < partNames.count ? partNames[part] : ""
                body.append(
                    SVGMarkup.rect(
                        x: x, y: y(base + v), width: slot * 0.7, height: y(base) - y(base + v),
                        fill: SVG.colour(part), className: "bar",
                        tooltip: "\(bar.label) · \(name): \(wording.compact(value))"))
                base += v
            }
            body.append(SVGMarkup.text(bar.label, x: x + slot * 0.35, y: height - bottom + 14, anchor: .middle))
        }
        body += SVG.legend(partNames, x: left, y: height - 8)
        return SVGMarkup.svg(width: width, height: height, title: title, body)
    }
}
