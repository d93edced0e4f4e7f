import Foundation

/// One entry of the directory of services: a service an organisation offers in an area, for whom, how many
/// places, in which languages, when and how to reach it, and when someone last checked it.
public struct ServiceOffer: Sendable, Codable, Equatable {
    public var id: UUID?
    public var organisationID: UUID
    public var organisationName: String?
    public var kind: ServiceKind
    /// ISO 3166 alpha-3.
    public var country: String
    public var area: String
    /// Empty: anyone. Sexes as in GLOTIP ("female", "male"); age groups; citizenship (alpha-3); forms of
    /// exploitation (HTCDS codes).
    public var forSexes: [String]
    public var forAges: [AgeGroup]
    public var forNationalities: [String]
    public var forForms: [String]
    public var capacity: Int
    public var available: Int
    public var languages: [String]
    public var hours: String
    public var contact: String
    /// YYYY-MM-DD.
    public var lastChecked: String

    public init(
        id: UUID? = nil, organisationID: UUID, organisationName: String? = nil, kind: ServiceKind, country: String,
        area: String, forSexes: [String] = [], forAges: [AgeGroup] = [], forNationalities: [String] = [],
        forForms: [String] = [], capacity: Int, available: Int, languages: [String], hours: String, contact: String,
        lastChecked: String
    ) {
        self.id = id
        self.organisationID = organisationID
        self.organisationName = organisationName
        self.kind = kind
        self.country = country
        self.area = area
        self.forSexes = forSexes
        self.forAges = forAges
        self.forNationalities = forNationalities
        self.forForms = forForms
        self.capacity = capacity
        self.available = available
        self.languages = languages
        self.hours = hours
        self.contact = contact
        self.lastChecked = lastChecked
    }

    public static let sexes = ["female", "male"]
    public static let maxPlaces = 100_000

    /// What is wrong with the entry, each problem naming its field.
    public func problems(today: String) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        func add(_ field: String, _ message: String, _ code: String, _ values: [String: String]? = nil) {
            issues.append(ValidationIssue(field: field, message: message, code: code, values: values))
        }
        if Countries.find(country) == nil { add("country", "is not a country code", "notACountry", ["value": country]) }
        for (field, text, limit) in [("area", area, 200), ("hours", hours, 200), ("contact", contact, 300)]
        where text.count > limit {
            add(field, "must be at most \(limit) characters", "tooLong", ["max": String(limit)])
        }
        if contact.trimmingCharacters(in: .whitespaces).isEmpty { add("contact", "is required", "required") }
        if !(0...Self.maxPlaces).contains(capacity) {
            add("capacity", "must be a count from 0 to \(Self.maxPlaces)", "notACount", ["value": String(capacity)])
        }
        if !(0...max(capacity, 0)).contains(available) {
            add("available", "must be a count from 0 to the capacity", "notACount", ["value": String(available)])
        }
        for sex in forSexes where !Self.sexes.contains(sex) {
            add("forSexes", "is not a sex", "notInList", ["value": sex])
        }
        for code in forNationalities where Countries.find(code) == nil {
            add("forNationalities", "is not a country code", "notACountry", ["value": code])
        }
        let forms = Set(Picklists.named("typeofexploitation").entries.map(\.code))
        for form in forForms where !forms.contains(form) {
            add("forForms", "is not a form of exploitation", "notInList", ["value": form])
        }
        for language in languages where !ConsentTerms.isLanguage(language) {
            add("languages", "must be language codes such as en, fr or sw", "consentLanguage")
        }
        if CaseValidator.parseDate(lastChecked) == nil {
            add("lastChecked", "is not a day", "notADate", ["value": lastChecked])
        } else if lastChecked > today {
            add("lastChecked", "must not be in the future", "future", ["value": lastChecked])
        }
        return issues
    }

    /// Whether the entry serves a person (nil: not known, which does not exclude).
    public func serves(sex: String?, age: AgeGroup?, nationality: String?, form: String?) -> Bool {
        func open<T: Equatable>(_ list: [T], _ value: T?) -> Bool { list.isEmpty || value.map(list.contains) ?? true }
        return open(forSexes, sex) && open(forAges, age) && open(forNationalities, nationality) && open(forForms, form)
    }
}
