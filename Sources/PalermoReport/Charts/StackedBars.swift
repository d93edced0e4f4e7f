extension SVGChart {
    /// A bar per label, stacked from its parts; `percent` scales every bar to 100 %.
    public static func stackedBars(_ bars: [(label: String, parts: [Double])], partNames: [String], title: String,
                                   percent: Bool = false, width: Double = 640, height: Double = 260) -> String {
        guard !bars.isEmpty else { return "" }
        let left = 56.0, right = 12.0, top = 16.0, bottom = 44.0
        let plotW = width - left - right, plotH = height - top - bottom
        let maximum = percent ? 1 : (bars.map { $0.parts.reduce(0, +) }.max() ?? 1)
        let ticks = percent ? [0, 0.25, 0.5, 0.75, 1] : SVG.ticks(upTo: maximum)
        let scale = ticks.last ?? 1
        func y(_ v: Double) -> Double { top + plotH - v / scale * plotH }
        var body = ticks.map { t in
            let text = percent ? "\(Int(t * 100)) %" : SVG.label(t)
            return "<line x1=\"\(SVG.n(left))\" x2=\"\(SVG.n(width - right))\" y1=\"\(SVG.n(y(t)))\" y2=\"\(SVG.n(y(t)))\" stroke=\"#ddd\"/><text x=\"\(SVG.n(left - 4))\" y=\"\(SVG.n(y(t) + 4))\" text-anchor=\"end\">\(text)</text>"
        }.joined()
        let slot = plotW / Double(bars.count)
        for (index, bar) in bars.enumerated() {
            let total = bar.parts.reduce(0, +)
            var base = 0.0
            let x = left + Double(index) * slot + slot * 0.15
            for (part, value) in bar.parts.enumerated() where value > 0 {
                let v = percent ? (total > 0 ? value / total : 0) : value
                body += "<rect class=\"bar\" x=\"\(SVG.n(x))\" y=\"\(SVG.n(y(base + v)))\" width=\"\(SVG.n(slot * 0.7))\" height=\"\(SVG.n(y(base) - y(base + v)))\" fill=\"\(SVG.colour(part))\"><title>\(esc(bar.label)) · \(esc(partNames[part])): \(SVG.label(value))</title></rect>"
                base += v
            }
            body += "<text x=\"\(SVG.n(x + slot * 0.35))\" y=\"\(SVG.n(height - bottom + 14))\" text-anchor=\"middle\">\(esc(bar.label))</text>"
        }
        body += SVG.legend(partNames, x: left, y: height - 8)
        return SVG.frame(width: width, height: height, title: title, body)
    }
}
