extension SVGChart {
    /// Flows from origins (left) to destinations (right), each band as thick as its count.
    public static func sankey(_ flows: [(from: String, to: String, value: Double)], title: String, width: Double = 640, height: Double = 360) -> String {
        let positive = flows.filter { $0.value > 0 }
        guard !positive.isEmpty else { return "" }
        let origins = Dictionary(grouping: positive, by: \.from).mapValues { $0.reduce(0) { $0 + $1.value } }.sorted { $0.value > $1.value }
        let destinations = Dictionary(grouping: positive, by: \.to).mapValues { $0.reduce(0) { $0 + $1.value } }.sorted { $0.value > $1.value }
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
        let colourOf = Dictionary(uniqueKeysWithValues: origins.enumerated().map { ($0.element.key, SVG.colour($0.offset)) })
        var outOffset: [String: Double] = [:], inOffset: [String: Double] = [:]
        var body = ""
        let ordered = positive.sorted { ($0.from, destinationBox[$0.to]?.y ?? 0) < ($1.from, destinationBox[$1.to]?.y ?? 0) }
        for flow in ordered {
            guard let o = originBox[flow.from], let d = destinationBox[flow.to] else { continue }
            let ho = flow.value * originScale, hd = flow.value * destinationScale
            let y0 = o.y + (outOffset[flow.from] ?? 0), y1 = d.y + (inOffset[flow.to] ?? 0)
            outOffset[flow.from, default: 0] += ho
            inOffset[flow.to, default: 0] += hd
            let x0 = left + nodeW, x1 = right, mid = (x0 + x1) / 2
            body += """
                <path class="flow" d="M\(SVG.n(x0)),\(SVG.n(y0)) C\(SVG.n(mid)),\(SVG.n(y0)) \(SVG.n(mid)),\(SVG.n(y1)) \(SVG.n(x1)),\(SVG.n(y1)) \
                L\(SVG.n(x1)),\(SVG.n(y1 + hd)) C\(SVG.n(mid)),\(SVG.n(y1 + hd)) \(SVG.n(mid)),\(SVG.n(y0 + ho)) \(SVG.n(x0)),\(SVG.n(y0 + ho)) Z" \
                fill="\(colourOf[flow.from] ?? "#999")" fill-opacity="0.45"><title>\(esc(flow.from)) → \(esc(flow.to)): \(SVG.label(flow.value))</title></path>
                """
        }
        for (name, box) in originBox {
            body += "<rect class=\"node\" x=\"\(SVG.n(left))\" y=\"\(SVG.n(box.y))\" width=\"\(SVG.n(nodeW))\" height=\"\(SVG.n(box.h))\" fill=\"\(colourOf[name] ?? "#999")\"/>"
            body += "<text x=\"\(SVG.n(left - 4))\" y=\"\(SVG.n(box.y + box.h / 2 + 4))\" text-anchor=\"end\">\(esc(name))</text>"
        }
        for (name, box) in destinationBox {
            body += "<rect class=\"node\" x=\"\(SVG.n(right))\" y=\"\(SVG.n(box.y))\" width=\"\(SVG.n(nodeW))\" height=\"\(SVG.n(box.h))\" fill=\"#555\"/>"
            body += "<text x=\"\(SVG.n(right + nodeW + 4))\" y=\"\(SVG.n(box.y + box.h / 2 + 4))\">\(esc(name))</text>"
        }
        return SVG.frame(width: width, height: height, title: title, body)
    }
}
