import Foundation
import PalermoCore
import PalermoStore
import Vapor

/// The API's bodies for consent and referral, read into the domain's values; each bad value is a problem
/// naming its field, all of them reported at once.
struct ConsentInput: Content {
    let recipient: UUID
    let purpose: String
    let groups: [String]
    let givenOn: String
    let until: String
    let method: String
    let witness: UUID?
    let informedIn: String

    func terms() throws -> ConsentTerms {
        var problems = Problems()
        let purpose = problems.service(self.purpose, field: "purpose")
        let groups = problems.choices(SharedGroup.self, self.groups, field: "groups")
        let method = problems.choice(ConsentMethod.self, self.method, field: "method")
        let givenOn = problems.day(self.givenOn, field: "givenOn")
        let until = problems.day(self.until, field: "until")
        guard let purpose, let method, let givenOn, let until, problems.issues.isEmpty else {
            throw ValidationFailure(problems.issues)
        }
        return ConsentTerms(
            recipient: recipient, purpose: purpose, groups: groups, givenOn: givenOn, until: until, method: method,
            witness: witness, informedIn: informedIn)
    }
}

struct ReferralInput: Content {
    struct Override: Content {
        let reason: String
        let groups: [String]
    }
    let receiver: UUID
    let service: String
    let consent: UUID?
    let override: Override?

    func request() throws -> ReferralRequest {
        var problems = Problems()
        let service = problems.service(self.service, field: "service")
        let reason = override.flatMap { problems.choice(OverrideReason.self, $0.reason, field: "override.reason") }
        let groups = problems.choices(SharedGroup.self, override?.groups ?? [], field: "override.groups")
        guard let service, problems.issues.isEmpty else { throw ValidationFailure(problems.issues) }
        return ReferralRequest(
            receiver: receiver, service: service, consentID: consent, override: reason.map { ($0, groups) })
    }
}

struct ReferralStepInput: Content {
    let reason: String?
    let outcome: String?
}

/// Problems found while reading a body.
struct Problems {
    var issues: [ValidationIssue] = []

    mutating func choice<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ text: String, field: String) -> T?
    where T.RawValue == String {
        if let value = T(rawValue: text) { return value }
        let known = T.allCases.map(\.rawValue).joined(separator: ", ")
        issues.append(
            ValidationIssue(
                field: field, message: "must be one of: \(known)", code: "notInList", values: ["value": text]))
        return nil
    }

    mutating func choices<T: RawRepresentable & CaseIterable & Hashable>(
        _ type: T.Type, _ texts: [String], field: String
    ) -> Set<T> where T.RawValue == String {
        guard texts.count <= T.allCases.count else {
            issues.append(ValidationIssue(field: field, message: "names more values than there are", code: nil))
            return []
        }
        return Set(texts.compactMap { choice(type, $0, field: field) })
    }

    /// A kind of service by its form; whether the installation has it is the store's to say.
    mutating func service(_ text: String, field: String) -> ServiceKind? {
        if let kind = ServiceKind(rawValue: text) { return kind }
        issues.append(
            ValidationIssue(
                field: field, message: "is not a kind of service", code: "notInList", values: ["value": text]))
        return nil
    }

    mutating func day(_ text: String, field: String) -> Date? {
        if let day = CaseValidator.parseDate(text) { return day }
        issues.append(
            ValidationIssue(
                field: field, message: "must be a day as YYYY-MM-DD", code: "notADate", values: ["value": text]))
        return nil
    }
}

extension Consent: Content {}
extension Referral: Content {}

/// What the receiver reads: the referral, and the case's fields that the consent shares.
struct SharedCaseDTO: Content {
    let referral: Referral
    let caseCode: String
    let groups: [SharedGroup]
    let fields: [String: String]

    init(_ shared: SharedCase) {
        referral = shared.referral
        caseCode = shared.caseCode
        groups = shared.groups
        fields = shared.fields.mapValues(\.description)
    }
}

/// Oversight as JSON: a suppressed count is the string "<N".
struct ReferralFiguresDTO: Content {
    struct Group: Content {
        let name: String
        let referred, waiting, accepted, declined, completed, withdrawn: String
        let acceptance: Double?
    }
    struct Spread: Content { let median, p90: Double; let count: Int }

    let threshold: Int
    let waitDays: Int
    let byService: [Group]
    let byReceiver: [Group]
    let total: Group
    let hoursToAnswer: Spread?
    let daysToComplete: Spread?
    let waitingPast: String
    let withdrawals: String

    init(_ f: ReferralFigures) {
        func count(_ c: ReferralFigures.Count) -> String {
            switch c {
            case .exact(let n): String(n)
            case .fewerThan(let n): "<\(n)"
            }
        }
        func group(_ g: ReferralFigures.Group) -> Group {
            Group(
                name: g.name, referred: count(g.referred), waiting: count(g.waiting), accepted: count(g.accepted),
                declined: count(g.declined), completed: count(g.completed), withdrawn: count(g.withdrawn),
                acceptance: g.acceptance)
        }
        func spread(_ s: ReferralFigures.Spread?) -> Spread? {
            s.map { Spread(median: $0.median, p90: $0.p90, count: $0.count) }
        }
        threshold = f.threshold
        waitDays = f.waitDays
        byService = f.byService.map(group)
        byReceiver = f.byReceiver.map(group)
        total = group(f.total)
        hoursToAnswer = spread(f.hoursToAnswer)
        daysToComplete = spread(f.daysToComplete)
        waitingPast = count(f.waitingPast)
        withdrawals = count(f.withdrawals)
    }
}
