import Plot

/// Markup is built only with Plot's typed nodes. Plot escapes text but not attribute values (its
/// `.value(_:)`, `.href(_:)` and the like write them as given), so every value that comes from data goes
/// through `.attr(_:_:)` here, which escapes it; `MarkupRulesTests` keeps views to that rule.
public enum Markup {
    private static let specialInAttributes = Array("&\"'<>".utf8)

    /// Escapes a value for a double-quoted attribute.
    public static func attributeValue(_ text: String) -> String {
        escaping(text, specialInAttributes)
    }

    /// Escapes text between tags. Every ampersand is escaped, even one that looks like an entity, so a name
    /// typed as "R&amp;D" reads as typed; Plot's own escaping would leave that one alone, and it builds a
    /// string per character, which was a tenth of the case list's time.
    public static func text(_ text: String) -> String {
        escaping(text, specialInText)
    }

    private static let specialInText = Array("&<>".utf8)

    private static func escaping(_ text: String, _ special: [UInt8]) -> String {
        // Most texts have nothing to escape; a byte scan finds that at a fraction of the cost of copying.
        guard text.utf8.contains(where: special.contains) else { return text }
        // The special characters are ASCII, and no byte of a multi-byte UTF-8 sequence is, so bytes will do.
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            guard special.contains(byte) else {
                out.append(byte)
                continue
            }
            switch byte {
            case UInt8(ascii: "&"): out += Array("&amp;".utf8)
            case UInt8(ascii: "\""): out += Array("&quot;".utf8)
            case UInt8(ascii: "'"): out += Array("&#39;".utf8)
            case UInt8(ascii: "<"): out += Array("&lt;".utf8)
            case UInt8(ascii: ">"): out += Array("&gt;".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
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

    /// Text shown exactly as given, escaped here (the one place text reaches markup unescaped by Plot).
    static func words(_ text: String) -> Node { .raw(Markup.text(text)) }

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
