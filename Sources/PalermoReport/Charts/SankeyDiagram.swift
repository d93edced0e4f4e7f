import Plot

extension SVGChart {
    /// Flows from origins (left) to destinations (right), each band as thick as its count.
    public static func sankey(
        _ flows: [(from: String, to: String, value: Double)], title: String, wording: Wording = .english,
        width: Double = 640,
        height: Double = 360
    ) -> Content {
        let positive = flows.filter { $0.value > 0 && $0.value.isFinite }
        guard !positive.isEmpty else { return .empty }
        func totals(_ key: KeyPath<(from: String, to: String, value: Double), String>) -> [(key: String, value: Double)]
        {
            Dictionary(grouping: positive, by: { $0[keyPath: key] }).mapValues { $0.reduce(0) { $0 + $1.value } }
                .sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        }
        let origins = totals(\.from), destinations = totals(\.to)
        let total = positive.reduce(0) { $0 + $1.value }
        let top = 12.0, gap = 10.0, nodeW = 14.0, left = 150.0, right = width - 150.0
        // Pixels per unit of flow on each side (the sides have different numbers of nodes, so of gaps).
        func scale(_ nodes: Int) -> Double { (height - 2 * top - gap * Double(nodes - 1)) / total }
        let originScale = scale(origins.count), destinationScale = scale(destinations.count)
        func layout(_ nodes: [(key: String, value: Double)], _ scale: Double) -> [String: (y: Double, h: Double)] {
            var y = top, out: [String: (Double, Double)] = [:]
            for node in nodes {
                let h = max(1, node.value * scale)
                out[node.key] = (y, h)
                y += h + gap
            }
            return out
        }
        let originBox = layout(origins, originScale), destinationBox = layout(destinations, destinationScale)
        let colourOf = Dictionary(
            uniqueKeysWithValues: origins.enumerated().map { ($0.element.key, SVG.colour($0.offset)) })
        var outOffset: [String: Double] = [:], inOffset: [String: Double] = [:]
        var body: [Content] = []
        let ordered = positive.sorted {
            ($0.from, destinationBox[$0.to]?.y ?? 0) < ($1.from, destinationBox[$1.to]?.y ?? 0)
        }
        for flow in ordered {
            guard let o = originBox[flow.from], let d = destinationBox[flow.to] else { continue }
            let ho = flow.value * originScale, hd = flow.value * destinationScale
            let y0 = o.y + (outOffset[flow.from] ?? 0), y1 = d.y + (inOffset[flow.to] ?? 0)
            outOffset[flow.from, default: 0] += ho
            inOffset[flow.to, default: 0] += hd
            let x0 = left + nodeW, x1 = right, mid = (x0 + x1) / 2
            body.append(
                SVGMarkup.path(
                    [
                        ("M", [(x0, y0)]), ("C", [(mid, y0), (mid, y1), (x1, y1)]), ("L", [(x1, y1 + hd)]),
                        ("C", [(mid, y1 + hd), (mid, y0 + ho), (x0, y0 + ho)]), ("Z", []),
                    ], fill: colourOf[flow.from] ?? "#999", opacity: 0.45,
                    tooltip: "\(flow.from) → \(flow.to): \(wording.compact(flow.value))"))
        }
        for (name, box) in originBox.sorted(by: { $0.value.y < $1.value.y }) {
            body.append(
                SVGMarkup.rect(
                    x: left, y: box.y, width: nodeW, height: box.h, fill: colourOf[name] ?? "#999",
                    className: "node"))
            body.append(SVGMarkup.text(name, x: left - 4, y: box.y + box.h / 2 + 4, anchor: .end))
        }
        for (name, box) in destinationBox.sorted(by: { $0.value.y < $1.value.y }) {
            body.append(
                SVGMarkup.rect(x: right, y: box.y, width: nodeW, height: box.h, fill: "#555", className: "node"))
            body.append(SVGMarkup.text(name, x: right + nodeW + 4, y: box.y + box.h / 2 + 4))
        }
        return SVGMarkup.svg(width: width, height: height, title: title, body)
    }
}
