import PalermoCore

/// How an attribute's values are generalised, level by level: level 0 is the value itself, the last level is
/// `*` (nothing said). Each level after the first maps every value of the level below to a broader one.
public struct Hierarchy: Sendable, Equatable {
    public let name: String
    /// The name of each level ("country", "subregion", "region", "*").
    public let levels: [String]
    /// `generalise[l]` maps an original value to its value at level `l + 1`.
    let generalise: [@Sendable (String) -> String]

    public static func == (a: Hierarchy, b: Hierarchy) -> Bool { a.name == b.name && a.levels == b.levels }

    public init(name: String, levels: [String], _ generalise: [@Sendable (String) -> String]) {
        self.name = name
        self.levels = levels
        self.generalise = generalise
    }

    public func value(_ original: String, level: Int) -> String {
        level == 0 ? original : generalise[min(level, generalise.count) - 1](original)
    }

    /// Suppressing the attribute is the only generalisation.
    public static func flat(_ name: String) -> Hierarchy {
        Hierarchy(name: name, levels: [name, "*"], [{ _ in "*" }])
    }

    /// A country (ISO alpha-3) to its UN M49 subregion, then region.
    public static func country(_ name: String) -> Hierarchy {
        Hierarchy(
            name: name, levels: [name, "subregion", "region", "*"],
            [
                { Countries.find($0)?.subregion ?? ($0.isEmpty ? "" : "*") },
                { Countries.find($0)?.region ?? ($0.isEmpty ? "" : "*") }, { _ in "*" },
            ])
    }

    /// A year to a period of `span` years (2020–2024), then to nothing.
    public static func year(_ name: String, span: Int = 5) -> Hierarchy {
        Hierarchy(
            name: name, levels: [name, "\(span) years", "*"],
            [
                { text in
                    guard let year = Int(text), (1900...2200).contains(year) else { return text.isEmpty ? "" : "*" }
                    let start = year - year % span
                    return "\(start)–\(start + span - 1)"
                }, { _ in "*" },
            ])
    }

    /// An HTCDS type of exploitation to UNODC's three forms (sexual, forced labour, other), then to nothing.
    public static func exploitation(_ name: String) -> Hierarchy {
        Hierarchy(
            name: name, levels: [name, "form", "*"],
            [{ $0.isEmpty ? "" : ExploitationForm(htcdsType: $0).rawValue }, { _ in "*" }])
    }
}
