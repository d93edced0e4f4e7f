import Plot

extension SVGChart {
    /// One line per series over years; where a series is a range (suppressed cells), a band shows it.
    /// A year missing from a series is a gap in its line, never a zero. An `open` point is a lower bound (some
    /// countries published only part of the figure): it is drawn hollow.
    public struct Series: Sendable {
        public typealias Point = (x: Int, low: Double, high: Double, open: Bool)
        public let name: String
        public let points: [Point]
        public init(name: String, points: [Point]) {
            self.name = name
            self.points = points
        }

        /// Runs of consecutive years: each is drawn as its own line.
        var runs: [[Point]] {
            points.sorted { $0.x < $1.x }.reduce(into: [[Point]]()) { runs, point in
                if let last = runs.last?.last, last.x + 1 == point.x {
                    runs[runs.count - 1].append(point)
                } else {
                    runs.append([point])
                }
            }
        }
    }

    public static func lines(
        _ series: [Series], title: String, wording: Wording = .english, width: Double = 640, height: Double = 260,
        years: ClosedRange<Int>? = nil
    ) -> Content {
        let xs = series.flatMap { $0.points.map(\.x) }
        guard let first = years?.lowerBound ?? xs.min(), let last = years?.upperBound ?? xs.max(), last - first < 1000
        else { return .empty }
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
        for (index, s) in series.enumerated() {
            let colour = SVG.colour(index)
            for run in s.runs {
                if run.contains(where: { $0.low != $0.high }) {
                    let upper = run.map { (x($0.x), y($0.high)) }, lower = run.reversed().map { (x($0.x), y($0.low)) }
                    body.append(SVGMarkup.polygon(upper + lower, fill: colour, opacity: 0.2))
                }
                if run.count > 1 {
                    body.append(
                        SVGMarkup.polyline(run.map { (x($0.x), y(($0.low + $0.high) / 2)) }, stroke: colour, width: 2))
                }
            }
            body += s.points.map {
                SVGMarkup.circle(
                    x: x($0.x), y: y(($0.low + $0.high) / 2), radius: $0.open ? 3.5 : 2.5,
                    fill: $0.open ? "#fff" : colour, stroke: $0.open ? colour : nil)
            }
        }
        body += SVG.legend(series.map(\.name), x: left, y: height - 6)
        return SVGMarkup.svg(width: width, height: height, title: title, body)
    }
}
