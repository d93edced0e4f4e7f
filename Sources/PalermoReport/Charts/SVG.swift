import Foundation
import Plot

/// Shared drawing helpers: a colour-blind-safe palette (Okabe–Ito), axis ticks, tick labels, the legend.
enum SVG {
    typealias Content = SVGMarkup.Content

    static let palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]

    static func colour(_ index: Int) -> String { palette[index % palette.count] }

    /// Rounded tick values from zero to at least `maximum`.
    static func ticks(upTo maximum: Double, count: Int = 4) -> [Double] {
        guard maximum > 0, maximum.isFinite else { return [0, 1] }
        let raw = maximum / Double(count)
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        return (0...Int((maximum / step).rounded(.up))).map { Double($0) * step }
    }

    static func legend(_ names: [String], x: Double, y: Double) -> [Content] {
        var offset = x
        return names.enumerated().flatMap { index, name -> [Content] in
            defer { offset += Double(name.count) * 6.2 + 28 }
            return [
                SVGMarkup.rect(x: offset, y: y - 9, width: 10, height: 10, fill: colour(index)),
                SVGMarkup.text(name, x: offset + 14, y: y),
            ]
        }
    }

    /// Horizontal grid lines with their labels at the left.
    static func grid(
        _ ticks: [Double], left: Double, right: Double, y: (Double) -> Double,
        label: (Double) -> String
    ) -> [Content] {
        ticks.flatMap { t -> [Content] in
            [
                SVGMarkup.line(x1: left, y1: y(t), x2: right, y2: y(t), stroke: "#ddd"),
                SVGMarkup.text(label(t), x: left - 4, y: y(t) + 4, anchor: .end),
            ]
        }
    }
}
