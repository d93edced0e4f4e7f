import Plot

/// Markup is built only with Plot's typed nodes. Plot escapes text but not attribute values (its
/// `.value(_:)`, `.href(_:)` and the like write them as given), so every value that comes from data goes
/// through `.attr(_:_:)` here, which escapes it; `MarkupRulesTests` keeps views to that rule.
public enum Markup {
    private static let specialInAttributes = Array("&\"'<>".utf8)

    /// Escapes a value for a double-quoted attribute.
    public static func attributeValue(_ text: String) -> String {
        // Most values have nothing to escape; a byte scan finds that at a fraction of the cost of copying.
        if !text.utf8.contains(where: specialInAttributes.contains) { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(character)
            }
        }
        return out
    }

    /// Plot leaves what looks like an entity (`&amp;`, `&#60;`) as it is, so a name typed as "R&amp;D"
    /// would read "R&D"; escaping each ampersand first keeps the text exactly as typed.
    static func literalText(_ text: String) -> String {
        // A byte scan: Foundation's `contains` on a string goes through NSString, on every text of every page.
        text.utf8.contains(UInt8(ascii: "&")) ? text.replacingOccurrences(of: "&", with: "&amp;") : text
    }
}

public extension Node {
    /// An attribute whose value is escaped, whatever it holds.
    static func attr(_ name: String, _ value: String) -> Node {
        .attribute(named: name, value: Markup.attributeValue(value), ignoreIfValueIsEmpty: false)
    }

    /// A boolean attribute (`checked`, `selected`, `disabled`), present only when `on`.
    static func flag(_ name: String, _ on: Bool) -> Node {
        on ? .attribute(named: name) : .empty
    }

    /// Text shown exactly as given.
    static func words(_ text: String) -> Node { .text(Markup.literalText(text)) }

    /// An element Plot has no typed function for (SVG, `dl`, `fieldset` in any context), or one whose
    /// context rules would keep a shared helper from being used in forms and pages alike.
    static func el(_ name: String, _ nodes: Node...) -> Node { .element(named: name, nodes: nodes) }
    static func el(_ name: String, _ nodes: [Node]) -> Node { .element(named: name, nodes: nodes) }
}

public extension Attribute {
    /// An attribute whose value is escaped, for Plot's attribute-only elements (`input`, `option`, `meta`).
    static func attr(_ name: String, _ value: String) -> Attribute {
        Attribute(name: name, value: Markup.attributeValue(value), ignoreIfValueIsEmpty: false)
    }

    /// A boolean attribute, present only when `on`.
    static func flag(_ name: String, _ on: Bool) -> Attribute {
        on ? Attribute(name: name, value: nil, ignoreIfValueIsEmpty: false) : .empty
    }
}
