import FluentKit
import Foundation
import PalermoCore

/// A consent as its case's organisation reads it.
public struct Consent: Sendable, Codable, Equatable {
    public let id: UUID
    public let caseID: UUID
    public let recipient: UUID
    public let purpose: ServiceKind
    public let groups: [SharedGroup]
    public let givenOn: String
    public let until: String
    public let method: ConsentMethod
    public let witness: UUID?
    public let informedIn: String
    public let withdrawnAt: Date?

    /// Runs from the day it was given to its last day, unless withdrawn.
    public func isActive(today: String) -> Bool { withdrawnAt == nil && givenOn <= today && today <= until }
}

/// A referral as either organisation reads it.
public struct Referral: Sendable, Codable, Equatable {
    public let id: UUID
    public let caseID: UUID
    public let sender: UUID
    public let receiver: UUID
    public let service: ServiceKind
    public let consentID: UUID?
    public let overrideReason: OverrideReason?
    public let state: ReferralState
    public let declineReason: DeclineReason?
    public let outcome: ReferralOutcome?
    /// The receiver's own case for the person, opened on acceptance; only the receiver reads it.
    public let linkedCaseID: UUID?
    public let createdAt: Date?
    public let respondedAt: Date?
    public let closedAt: Date?
}

/// What the receiver of a referral may read of the case: the fields its consent (or override) covers.
public struct SharedCase: Sendable, Equatable {
    public let referral: Referral
    public let caseCode: String
    public let groups: [SharedGroup]
    public let fields: CaseFields
}

/// Consent records and referrals between organisations. The sender's staff record consent and refer; the
/// receiver's staff answer and read what the consent shares, checked on every read, so a withdrawal or an
/// expiry ends access at once. Every step, and every refusal, is in the audit log.
public struct Referrals: Sendable {
    let store: Store

    // MARK: Consent

    public func giveConsent(to caseID: UUID, _ terms: ConsentTerms, by principal: Principal) async throws -> Consent {
        try await store.cases.requireCaseAccess(principal, caseID: caseID)
        let facts = try await caseFacts(caseID, of: principal)
        var issues = terms.problems(
            today: Self.todayDate(), caseOpened: facts.opened.flatMap(CaseValidator.parseDate),
            isChild: facts.ageGroup != AgeGroup.adult.rawValue)
        issues += try await organisationIssues(terms.recipient, field: "recipient", of: principal)
        issues += try await store.serviceKinds.issues(terms.purpose, field: "purpose")
        if let witness = terms.witness {
            let staff = try await store.assignment.caseStaff(of: principal.organisationID)
            if staff[witness] == nil || witness == principal.userID {
                issues.append(
                    ValidationIssue(
                        field: "witness", message: "must be another active member of this organisation's staff",
                        code: "consentWitness"))
            }
        }
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        let model = ConsentModel()
        model.id = UUID()
        model.caseID = caseID
        model.organisationID = principal.organisationID
        model.recipientID = terms.recipient
        model.purpose = terms.purpose.rawValue
        model.groups = Self.stored(terms.groups)
        model.givenOn = Self.day(terms.givenOn)
        model.validUntil = Self.day(terms.until)
        model.method = terms.method.rawValue
        model.witnessID = terms.witness
        model.informedIn = terms.informedIn
        model.createdBy = principal.userID
        let draft = AuditDraft(
            actor: principal, action: .consent, caseID: caseID,
            fields: terms.groups.map(\.rawValue).sorted(),
            detail: "consent \(model.id?.uuidString ?? ""): to \(terms.recipient) for \(terms.purpose.rawValue) "
                + "until \(model.validUntil)")
        try await write(model, audit: draft, caseID: caseID, of: principal)
        return try Self.consent(model)
    }

    public func withdrawConsent(_ consentID: UUID, of caseID: UUID, by principal: Principal) async throws -> Consent {
        try await store.cases.requireCaseAccess(principal, caseID: caseID)
        let store = self.store, cases = store.cases
        let model: ConsentModel = try await store.write { db in
            guard try await cases.ownCase(caseID, of: principal, on: db) != nil,
                let model = try await ConsentModel.query(on: db).filter(\.$id == consentID)
                    .filter(\.$caseID == caseID).first()
            else { throw StoreError.notFound }
            guard model.withdrawnAt == nil else { return model }
            model.withdrawnAt = Date()
            model.withdrawnBy = principal.userID
            try await model.save(on: db)
            try await AuditLog.append(
                [
                    AuditDraft(
                        actor: principal, action: .withdrawConsent, caseID: caseID, detail: "consent \(consentID)")
                ], on: db, isPostgres: store.isPostgres, keys: store.cipher.keys)
            return model
        }
        return try Self.consent(model)
    }

    public func consents(of caseID: UUID, by principal: Principal) async throws -> [Consent] {
        try await store.cases.requireCaseAccess(principal, caseID: caseID)
        return try await ConsentModel.query(on: store.database).filter(\.$caseID == caseID)
            .filter(\.$organisationID == principal.organisationID).sort(\.$createdAt).all().map(Self.consent)
    }

    // MARK: Helpers

    struct CaseFacts { let opened: String?; let ageGroup: String? }

    func caseFacts(_ caseID: UUID, of principal: Principal) async throws -> CaseFacts {
        guard let model = try await store.cases.ownCase(caseID, of: principal, on: store.database) else {
            throw StoreError.notFound
        }
        return CaseFacts(opened: model.identifiedOn, ageGroup: model.ageGroup)
    }

    /// An organisation other than the principal's own that exists.
    func organisationIssues(_ id: UUID, field: String, of principal: Principal) async throws -> [ValidationIssue] {
        if id == principal.organisationID {
            return [ValidationIssue(field: field, message: "must be another organisation", code: "ownOrganisation")]
        }
        guard try await OrganisationModel.find(id, on: store.database) != nil else {
            return [ValidationIssue(field: field, message: "is not a known organisation", code: "unknownOrganisation")]
        }
        return []
    }

    /// Creates a row of the case's organisation and its audit entry in one transaction.
    func write(_ model: some Model, audit: AuditDraft, caseID: UUID, of principal: Principal) async throws {
        let store = self.store, cases = store.cases
        try await store.write { db in
            guard try await cases.ownCase(caseID, of: principal, on: db) != nil else { throw StoreError.notFound }
            try await model.create(on: db)
            try await AuditLog.append([audit], on: db, isPostgres: store.isPostgres, keys: store.cipher.keys)
        }
    }

    static func stored(_ groups: Set<SharedGroup>) -> String {
        " " + groups.map(\.rawValue).sorted().joined(separator: " ") + " "
    }
    static func groups(_ stored: String) -> [SharedGroup] {
        stored.split(separator: " ").compactMap { SharedGroup(rawValue: String($0)) }
    }

    static func today() -> String { CaseTasks.today() }
    static func todayDate() -> Date { CaseValidator.parseDate(today()) ?? Date() }
    static func day(_ date: Date) -> String { CaseTasks.today(date) }

    static func consent(_ model: ConsentModel) throws -> Consent {
        Consent(
            id: try model.requireID(), caseID: model.caseID, recipient: model.recipientID,
            purpose: ServiceKind(rawValue: model.purpose) ?? .other, groups: groups(model.groups),
            givenOn: model.givenOn, until: model.validUntil,
            method: ConsentMethod(rawValue: model.method) ?? .signed, witness: model.witnessID,
            informedIn: model.informedIn, withdrawnAt: model.withdrawnAt)
    }
}

extension Store {
    public var referrals: Referrals { Referrals(store: self) }
}

/// An organisation as the referral forms and lists name it.
public struct OrganisationEntry: Sendable, Equatable {
    public let id: UUID
    public let name: String
    public let kind: String
    public let country: String
}

extension [OrganisationEntry] {
    /// Each organisation's name by its id.
    public var names: [UUID: String] { Dictionary(map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }) }
}

extension Referrals {
    /// Every organisation, by name.
    public func organisations() async throws -> [OrganisationEntry] {
        try await OrganisationModel.query(on: store.database).sort(\.$name).all().map {
            OrganisationEntry(id: try $0.requireID(), name: $0.name, kind: $0.kind, country: $0.country)
        }
    }

    /// The case's referrals, for the organisation that sent them.
    public func sent(of caseID: UUID, by principal: Principal) async throws -> [Referral] {
        try await store.cases.requireCaseAccess(principal, caseID: caseID)
        return try await ReferralModel.query(on: store.database).filter(\.$caseID == caseID)
            .filter(\.$senderID == principal.organisationID).sort(\.$createdAt, .descending).all().map(Self.referral)
    }
}

extension Referrals {
    /// A consent by id, for the receiver's page saying until when it runs; the caller has read the referral
    /// that rests on it (which checked it).
    public func consent(_ id: UUID) async throws -> Consent? {
        try await ConsentModel.find(id, on: store.database).map(Self.consent)
    }
}
