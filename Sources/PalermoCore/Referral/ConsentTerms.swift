import Foundation

/// A person's informed consent to one sharing: what, with whom, for what, until when, how it was given and in
/// which language the person was told. A record of its own, withdrawable; never a flag on the case.
public struct ConsentTerms: Sendable, Equatable {
    /// The organisation that may read.
    public var recipient: UUID
    public var purpose: ServiceKind
    public var groups: Set<SharedGroup>
    /// Days, as midnight UTC (see `CaseValidator.parseDate`).
    public var givenOn: Date
    public var until: Date
    public var method: ConsentMethod
    /// The member of staff who witnessed consent given aloud.
    public var witness: UUID?
    /// The language the person was informed in (ISO 639 code).
    public var informedIn: String

    /// Consent is asked again at least this often.
    public static let longest: TimeInterval = 730 * 86_400

    public init(
        recipient: UUID, purpose: ServiceKind, groups: Set<SharedGroup>, givenOn: Date, until: Date,
        method: ConsentMethod, witness: UUID?, informedIn: String
    ) {
        self.recipient = recipient
        self.purpose = purpose
        self.groups = groups
        self.givenOn = givenOn
        self.until = until
        self.method = method
        self.witness = witness
        self.informedIn = informedIn
    }

    /// What is wrong with the terms on their own; who the recipient and the witness are is the store's check.
    /// `caseOpened` is the case's identification date, if it has one; a child's consent is a guardian's.
    public func problems(today: Date, caseOpened: Date?, isChild: Bool) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        func add(_ field: String, _ message: String, _ code: String) {
            issues.append(ValidationIssue(field: field, message: message, code: code))
        }
        if groups.isEmpty { add("groups", "name at least one group of fields to share", "consentNothingShared") }
        if givenOn > today {
            issues.append(
                ValidationIssue(
                    field: "givenOn", message: "must not be in the future", code: "future",
                    values: ["value": CaseValidator.day(givenOn)]))
        }
        if let caseOpened, givenOn < caseOpened {
            add("givenOn", "must not be before the case was opened", "consentBeforeCase")
        }
        if until <= givenOn { add("until", "must be after the day consent was given", "consentUntilOrder") }
        if until.timeIntervalSince(givenOn) > Self.longest {
            add("until", "must be within two years of the day consent was given", "consentTooLong")
        }
        if until < today { add("until", "has passed: the consent would already have expired", "consentExpired") }
        if method == .verbalWithWitness, witness == nil {
            add("witness", "consent given aloud needs a witness", "consentNoWitness")
        }
        if isChild, method != .guardian { add("method", "a child's consent is given by a guardian", "consentChild") }
        if !Self.isLanguage(informedIn) {
            add("informedIn", "must be a language code such as en, fr or sw", "consentLanguage")
        }
        return issues
    }

    /// A two- or three-letter ISO 639 code that the locale data names.
    static func isLanguage(_ code: String) -> Bool {
        guard (2...3).contains(code.utf8.count), code.utf8.allSatisfy({ (97...122).contains($0) }) else { return false }
        let name = Locale(identifier: "en").localizedString(forLanguageCode: code)
        return name != nil && name != code
    }
}
