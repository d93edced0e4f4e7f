/// The indicators UNODC collects for the Global Report on Trafficking in Persons (GLOTIP), under the
/// labels of its published data file. `slug` is the name used in URLs and the API.
public enum Indicator: String, Sendable, Codable, CaseIterable, Hashable {
    case detectedVictims = "Detected trafficking victims"
    case formalContact = "Persons brought into formal contact"
    case prosecuted = "Persons prosecuted"
    case convicted = "Persons convicted"
    case offences = "Offences of trafficking in persons"

    public var slug: String {
        switch self {
        case .detectedVictims: "detected-victims"
        case .formalContact: "formal-contact"
        case .prosecuted: "prosecuted"
        case .convicted: "convicted"
        case .offences: "offences"
        }
    }

    public init?(slug: String) {
        guard let match = Self.allCases.first(where: { $0.slug == slug }) else { return nil }
        self = match
    }

    /// Reads the published label in any letter case.
    public init?(label: String) {
        guard let match = Self.labelled(label) else { return nil }
        self = match
    }
}

/// How an indicator is broken down (GLOTIP's "Dimension"): not at all, or by one of the categories the questionnaire asks for.
public enum Disaggregation: String, Sendable, Codable, CaseIterable, Hashable {
    case total = "Total"
    case formOfExploitation = "by form of exploitation"
    case citizenship = "by citizenship"
    case countryOfRepatriation = "by country of repatriation"

    public init?(label: String) {
        guard let match = Self.labelled(label) else { return nil }
        self = match
    }
}

/// Sex as GLOTIP reports it. `total` is the cell that is not broken down by sex.
public enum Sex: String, Sendable, Codable, CaseIterable, Hashable {
    case total = "Total", female = "Female", male = "Male", other = "Other", unknown = "Unknown"

    public init?(label: String) {
        guard let match = Self.labelled(label) else { return nil }
        self = match
    }

    /// The categories that partition a total.
    public static let parts: [Sex] = [.female, .male, .other, .unknown]
}

/// Age as GLOTIP reports it: children (0 to 17) and adults.
public enum AgeBand: String, Sendable, Codable, CaseIterable, Hashable {
    case total = "Total", children = "0 to 17 years", adults = "18 years or over", unknown = "Unknown"

    public init?(label: String) {
        guard let match = Self.labelled(label) else { return nil }
        self = match
    }

    public static let parts: [AgeBand] = [.children, .adults, .unknown]
}

/// The three forms of exploitation GLOTIP separates.
public enum ExploitationForm: String, Sendable, Codable, CaseIterable, Hashable {
    case sexual = "Sexual exploitation"
    case forcedLabour = "Forced labour"
    case other = "Other forms of exploitation"

    /// Maps an HTCDS `typeofexploitation` code to the GLOTIP form it is counted under. Servitude and child
    /// labour are labour exploitation; begging, marriage, organ removal and the rest are "other forms".
    public init(htcdsType code: String) {
        switch code {
        case "SexualExploitation": self = .sexual
        case "ForcedLabour", "ChildLabour", "Servitude": self = .forcedLabour
        default: self = .other
        }
    }
}

/// Vocabularies read from published files: the exact label first (one dictionary look-up, as almost every
/// row has it), then the label in any letter case.
protocol LabelledVocabulary: RawRepresentable, CaseIterable where RawValue == String {}

extension LabelledVocabulary {
    static func labelled(_ label: String) -> Self? {
        Self(rawValue: label) ?? allCases.first { $0.rawValue.caseInsensitiveCompare(label) == .orderedSame }
    }
}

extension Indicator: LabelledVocabulary {}
extension Disaggregation: LabelledVocabulary {}
extension Sex: LabelledVocabulary {}
extension AgeBand: LabelledVocabulary {}
