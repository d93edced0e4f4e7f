import Plot

/// A report as one self-contained HTML file in the reader's language: inline style, inline SVG, no script,
/// nothing fetched, so that it can be mailed, archived and opened anywhere.
public enum StandaloneDocument {
    public static func html(title: String, wording w: Wording, _ content: Node<HTML.BodyContext>...) -> String {
        HTML(
            .attr("lang", w.language), .attr("dir", w.direction),
            .head(
                .meta(.charset(.utf8)),
                .meta(.attr("name", "viewport"), .attr("content", "width=device-width, initial-scale=1")),
                .element(named: "title", text: title), .style(PatternsAndFlowsDocument.style)),
            .body(.main(.h1(.words(title)), .group(content)))
        ).render()
    }
}
