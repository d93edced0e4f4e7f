extension SVGChart {
    /// One line per series over years; where a series is a range (suppressed cells), a band shows it.
    public struct Series: Sendable {
        public let name: String
        public let points: [(x: Int, low: Double, high: Double)]
        public init(name: String, points: [(x: Int, low: Double, high: Double)]) {
            self.name = name
            self.points = points
        }
    }

    public static func lines(_ series: [Series], title: String, width: Double = 640, height: Double = 260) -> String {
        let xs = series.flatMap { $0.points.map(\.x) }
        guard let first = xs.min(), let last = xs.max() else { return "" }
        let left = 56.0, right = 12.0, top = 24.0, bottom = 40.0
        let ticks = SVG.ticks(upTo: series.flatMap { $0.points.map(\.high) }.max() ?? 1)
        let top_ = ticks.last ?? 1
        let plotW = width - left - right, plotH = height - top - bottom
        func x(_ v: Int) -> Double { last == first ? left + plotW / 2 : left + Double(v - first) / Double(last - first) * plotW }
        func y(_ v: Double) -> Double { top + plotH - v / top_ * plotH }
        var body = ticks.map { t in
            "<line x1=\"\(SVG.n(left))\" x2=\"\(SVG.n(width - right))\" y1=\"\(SVG.n(y(t)))\" y2=\"\(SVG.n(y(t)))\" stroke=\"#ddd\"/><text x=\"\(SVG.n(left - 4))\" y=\"\(SVG.n(y(t) + 4))\" text-anchor=\"end\">\(SVG.label(t))</text>"
        }.joined()
        body += (first...last).map { "<text x=\"\(SVG.n(x($0)))\" y=\"\(SVG.n(height - bottom + 14))\" text-anchor=\"middle\">\($0)</text>" }.joined()
        for (index, s) in series.enumerated() where !s.points.isEmpty {
            let colour = SVG.colour(index)
            if s.points.contains(where: { $0.low != $0.high }) {
                let upper = s.points.map { "\(SVG.n(x($0.x))),\(SVG.n(y($0.high)))" }
                let lower = s.points.reversed().map { "\(SVG.n(x($0.x))),\(SVG.n(y($0.low)))" }
                body += "<polygon class=\"band\" points=\"\((upper + lower).joined(separator: " "))\" fill=\"\(colour)\" fill-opacity=\"0.2\"/>"
            }
            let mid = s.points.map { "\(SVG.n(x($0.x))),\(SVG.n(y(($0.low + $0.high) / 2)))" }.joined(separator: " ")
            body += "<polyline class=\"series\" points=\"\(mid)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"/>"
            body += s.points.map { "<circle cx=\"\(SVG.n(x($0.x)))\" cy=\"\(SVG.n(y(($0.low + $0.high) / 2)))\" r=\"2.5\" fill=\"\(colour)\"/>" }.joined()
        }
        body += SVG.legend(series.map(\.name), x: left, y: height - 6)
        return SVG.frame(width: width, height: height, title: title, body)
    }
}
