import Foundation
import Plot

/// A small typed SVG builder on Plot's nodes: elements by name, numbers written with one decimal,
/// text and titles escaped like any other text.
public enum SVGMarkup {
    public typealias Content = Node<HTML.BodyContext>

    /// A chart comes in a frame of its own that scrolls sideways on a narrow screen, so that its text is never
    /// drawn smaller than it was laid out for.
    public static func svg(
        width: Double, height: Double, title: String, className: String = "chart",
        _ content: [Content]
    ) -> Content {
        let svg = drawing(width: width, height: height, title: title, className: className, content)
        return className == "chart" ? .div(.class("chart-frame"), svg) : svg
    }

    private static func drawing(
        width: Double, height: Double, title: String, className: String,
        _ content: [Content]
    ) -> Content {
        .el(
            "svg",
            [
                .attr("class", className), .attr("xmlns", "http://www.w3.org/2000/svg"),
                .attr("viewBox", "0 0 \(Int(width)) \(Int(height))"), .attr("role", "img"), .attr("aria-label", title),
                .attr("font-family", "sans-serif"), .attr("font-size", "11"),
                .el("title", .words(title)),
            ] + content)
    }

    public static func group(_ attributes: [Content], _ content: [Content]) -> Content {
        .el("g", attributes + content)
    }

    public static func rect(
        x: Double, y: Double, width: Double, height: Double, fill: String? = nil,
        className: String? = nil, tooltip: String? = nil
    ) -> Content {
        .el(
            "rect",
            [
                .attr("x", n(x)), .attr("y", n(y)), .attr("width", n(width)), .attr("height", n(height)),
                fill.map { .attr("fill", $0) } ?? .empty, className.map { .attr("class", $0) } ?? .empty,
                tooltip.map { .el("title", .words($0)) } ?? .empty,
            ])
    }

    public static func line(
        x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1,
        className: String? = nil
    ) -> Content {
        .el(
            "line",
            [
                .attr("x1", n(x1)), .attr("y1", n(y1)), .attr("x2", n(x2)), .attr("y2", n(y2)),
                .attr("stroke", stroke), .attr("stroke-width", n(width)),
                className.map { .attr("class", $0) } ?? .empty,
            ])
    }

    public enum Anchor: String { case start, middle, end }

    public static func text(_ words: String, x: Double, y: Double, anchor: Anchor = .start) -> Content {
        .el(
            "text",
            [
                .attr("x", n(x)), .attr("y", n(y)), anchor == .start ? .empty : .attr("text-anchor", anchor.rawValue),
                .words(words),
            ])
    }

    public static func polyline(_ points: [(Double, Double)], stroke: String, width: Double) -> Content {
        .el(
            "polyline",
            [
                .attr("class", "series"), .attr("points", pointList(points)), .attr("fill", "none"),
                .attr("stroke", stroke), .attr("stroke-width", n(width)),
            ])
    }

    public static func polygon(_ points: [(Double, Double)], fill: String, opacity: Double) -> Content {
        .el(
            "polygon",
            [
                .attr("class", "band"), .attr("points", pointList(points)), .attr("fill", fill),
                .attr("fill-opacity", n(opacity)),
            ])
    }

    public static func circle(x: Double, y: Double, radius: Double, fill: String, stroke: String? = nil) -> Content {
        .el(
            "circle",
            [
                .attr("cx", n(x)), .attr("cy", n(y)), .attr("r", n(radius)), .attr("fill", fill),
                stroke.map { .attr("stroke", $0) } ?? .empty, stroke == nil ? .empty : .attr("stroke-width", "1.5"),
            ])
    }

    /// A path from drawing commands, each a letter and its points.
    public static func path(
        _ commands: [(String, [(Double, Double)])], fill: String, opacity: Double,
        tooltip: String
    ) -> Content {
        let d = commands.map { letter, points in letter + pointList(points) }
        return .el(
            "path",
            [
                .attr("class", "flow"), .attr("d", d.joined(separator: " ")), .attr("fill", fill),
                .attr("fill-opacity", n(opacity)), .el("title", .words(tooltip)),
            ])
    }

    static func pointList(_ points: [(Double, Double)]) -> String {
        points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
    }

    private static let posix = Locale(identifier: "en_US_POSIX")

    /// Coordinates to one decimal, always with a point (never the reader's decimal comma).
    static func n(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        return String(format: "%.1f", locale: posix, value)
    }
}
