import Foundation

/// A kind of service a case is referred for (HTCDS has the referral's organisation and reason, not its
/// service). Nine are built in; a referral mechanism adds its own (`ServiceKindDefinition`), such as family
/// tracing or vocational training, and every organisation then refers, consents and lists by them.
public struct ServiceKind: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// A code of lower-case letters, digits and underscores, 2 to 40 long, starting with a letter.
    public init?(rawValue: String) {
        guard Self.isCode(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    private init(builtIn code: String) { rawValue = code }

    public static let shelter = ServiceKind(builtIn: "shelter")
    public static let medical = ServiceKind(builtIn: "medical")
    public static let psychological = ServiceKind(builtIn: "psychological")
    public static let legalAid = ServiceKind(builtIn: "legal_aid")
    public static let interpretation = ServiceKind(builtIn: "interpretation")
    public static let labourClaim = ServiceKind(builtIn: "labour_claim")
    public static let lawEnforcement = ServiceKind(builtIn: "law_enforcement")
    public static let returnAssistance = ServiceKind(builtIn: "return_assistance")
    public static let other = ServiceKind(builtIn: "other")

    /// Named in the string tables (`service.<code>`), in every language.
    public static let builtIn: [ServiceKind] = [
        .shelter, .medical, .psychological, .legalAid, .interpretation, .labourClaim, .lawEnforcement,
        .returnAssistance, .other,
    ]

    public var isBuiltIn: Bool { Self.builtIn.contains(self) }
    public var description: String { rawValue }

    static func isCode(_ text: String) -> Bool {
        text.utf8.count >= 2 && text.utf8.count <= 40 && text.utf8.first.map { (97...122).contains($0) } == true
            && text.utf8.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == 95 }
    }
}

/// A kind of service added to the built-in ones: its code and its name in each language it was given in
/// (English at least; a language without a name reads the English one).
public struct ServiceKindDefinition: Sendable, Codable, Equatable {
    public var code: String
    public var names: [String: String]

    public init(code: String, names: [String: String]) {
        self.code = code
        self.names = names
    }

    public static let languages = ["en", "fr", "es", "ru", "zh", "ar"]
    public static let maxNameLength = 80

    public var kind: ServiceKind? { ServiceKind(rawValue: code) }

    public func problems(existing: [ServiceKind]) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        if kind == nil {
            issues.append(
                ValidationIssue(
                    field: "code", message: "must be 2 to 40 lower-case letters, digits or underscores, from a letter",
                    code: "serviceCode", values: ["value": code]))
        } else if existing.contains(where: { $0.rawValue == code }) {
            issues.append(
                ValidationIssue(field: "code", message: "is taken", code: "serviceTaken", values: ["value": code]))
        }
        for (language, name) in names {
            if !Self.languages.contains(language) {
                issues.append(
                    ValidationIssue(
                        field: "names", message: "must be one of en, fr, es, ru, zh, ar", code: "notInList",
                        values: ["value": language]))
            } else if name.count > Self.maxNameLength {
                issues.append(
                    ValidationIssue(
                        field: "names.\(language)", message: "must be at most \(Self.maxNameLength) characters",
                        code: "tooLong", values: ["max": String(Self.maxNameLength)]))
            }
        }
        if names["en"]?.trimmingCharacters(in: .whitespaces).isEmpty ?? true {
            issues.append(ValidationIssue(field: "names.en", message: "is required", code: "required"))
        }
        return issues
    }
}

/// Every kind of service of the installation: the built-in ones, then the added ones in the order added.
public struct ServiceCatalogue: Sendable, Equatable {
    public let added: [ServiceKindDefinition]

    public init(added: [ServiceKindDefinition]) { self.added = added }

    public var kinds: [ServiceKind] { ServiceKind.builtIn + added.compactMap(\.kind) }

    public func contains(_ kind: ServiceKind) -> Bool { kind.isBuiltIn || added.contains { $0.code == kind.rawValue } }

    /// An added kind's name in a language, falling back to English; nil for a built-in or unknown kind.
    public func addedName(_ kind: ServiceKind, language: String) -> String? {
        guard let definition = added.first(where: { $0.code == kind.rawValue }) else { return nil }
        let name = definition.names[language].flatMap { $0.isEmpty ? nil : $0 }
        return name ?? definition.names["en"]
    }
}
