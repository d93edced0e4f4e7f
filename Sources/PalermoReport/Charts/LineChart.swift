import Plot

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

    public static func lines(
        _ series: [Series], title: String, wording: Wording = .english, width: Double = 640, height: Double = 260
    ) -> Content {
        let xs = series.flatMap { $0.points.map(\.x) }
        guard let first = xs.min(), let last = xs.max(), last - first < 1000 else { return .empty }
        let left = 56.0, right = 12.0, top = 24.0, bottom = 40.0
        let ticks = SVG.ticks(upTo: series.flatMap { $0.points.map(\.high) }.max() ?? 1)
        let ceiling = ticks.last ?? 1
        let plotW = width - left - right, plotH = height - top - bottom
        func x(_ v: Int) -> Double {
            last == first ? left + plotW / 2 : left + Double(v - first) / Double(last - first) * plotW
        }
        func y(_ v: Double) -> Double { top + plotH - v / ceiling * plotH }
        var body = SVG.grid(ticks, left: left, right: width - right, y: y, label: wording.compact)
        body += (first...last).map { SVGMarkup.text(String($0), x: x($0), y: height - bottom + 14, anchor: .middle) }
        for (index, s) in series.enumerated() where !s.points.isEmpty {
            let colour = SVG.colour(index)
            if s.points.contains(where: { $0.low != $0.high }) {
                let upper = s.points.map { (x($0.x), y($0.high)) },
                    lower = s.points.reversed().map { (x($0.x), y($0.low)) }
                body.append(SVGMarkup.polygon(upper + lower, fill: colour, opacity: 0.2))
            }
            body.append(
                SVGMarkup.polyline(s.points.map { (x($0.x), y(($0.low + $0.high) / 2)) }, stroke: colour, width: 2))
            body += s.points.map {
                SVGMarkup.circle(x: x($0.x), y: y(($0.low + $0.high) / 2), radius: 2.5, fill: colour)
            }
        }
        body += SVG.legend(series.map(\.name), x: left, y: height - 6)
        return SVGMarkup.svg(width: width, height: height, title: title, body)
    }
}
