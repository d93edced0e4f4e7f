import FluentKit
import Foundation
import PalermoCore

/// What a caseworker asks for when referring a case.
public struct ReferralRequest: Sendable {
    public var receiver: UUID
    public var service: ServiceKind
    /// The consent the sharing rests on.
    public var consentID: UUID?
    /// Instead of consent: an emergency override, its reason and what it shares.
    public var override: (reason: OverrideReason, groups: Set<SharedGroup>)?

    public init(
        receiver: UUID, service: ServiceKind, consentID: UUID?,
        override: (reason: OverrideReason, groups: Set<SharedGroup>)? = nil
    ) {
        self.receiver = receiver
        self.service = service
        self.consentID = consentID
        self.override = override
    }
}

extension Referrals {
    public enum Direction: String, Sendable, CaseIterable { case incoming, outgoing }

    public func refer(_ caseID: UUID, _ request: ReferralRequest, by principal: Principal) async throws -> Referral {
        try await store.cases.requireCaseAccess(principal, caseID: caseID)
        _ = try await caseFacts(caseID, of: principal)
        if request.override != nil, !OverrideReason.allowed(for: principal.role) {
            try await store.audit.record([
                AuditDraft(actor: principal, action: .denied, caseID: caseID, detail: "emergency override refused")
            ])
            throw StoreError.forbidden("an emergency override needs the supervisor or organisation admin role")
        }
        var issues = try await organisationIssues(request.receiver, field: "receiver", of: principal)
        issues += try await store.serviceKinds.issues(request.service, field: "service")
        if let consentID = request.consentID {
            issues += try await consentIssues(consentID, of: caseID, for: request)
            // An emergency is not held up; any other referral of a child waits for a guardian and an assessment.
            issues += try await store.screenings.referralIssues(caseID, by: principal)
        } else if let override = request.override, override.groups.isEmpty {
            issues.append(
                ValidationIssue(field: "override.groups", message: "name what is shared", code: "consentNothingShared"))
        } else if request.override == nil {
            issues.append(
                ValidationIssue(
                    field: "consent", message: "a referral needs the person's consent, or an emergency override",
                    code: "consentMissing"))
        }
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        let model = ReferralModel()
        model.id = UUID()
        model.caseID = caseID
        model.senderID = principal.organisationID
        model.receiverID = request.receiver
        model.service = request.service.rawValue
        model.consentID = request.consentID
        model.overrideReason = request.override?.reason.rawValue
        model.overrideGroups = request.override.map { Self.stored($0.groups) }
        model.state = ReferralState.pending.rawValue
        model.createdBy = principal.userID
        var detail = "referral \(model.id?.uuidString ?? ""): to \(request.receiver) for \(request.service.rawValue)"
        if let override = request.override { detail += "; emergency override: \(override.reason.rawValue)" }
        try await write(
            model, audit: AuditDraft(actor: principal, action: .refer, caseID: caseID, detail: detail),
            caseID: caseID, of: principal)
        return try Self.referral(model)
    }

    private func consentIssues(
        _ consentID: UUID, of caseID: UUID, for request: ReferralRequest
    ) async throws
        -> [ValidationIssue]
    {
        guard
            let model = try await ConsentModel.query(on: store.database).filter(\.$id == consentID)
                .filter(\.$caseID == caseID).first()
        else {
            return [ValidationIssue(field: "consent", message: "is not a consent of this case", code: "consentUnknown")]
        }
        let consent = try Self.consent(model)
        var issues: [ValidationIssue] = []
        if !consent.isActive(today: Self.today()) {
            issues.append(
                ValidationIssue(
                    field: "consent", message: "has been withdrawn or has expired", code: "consentNotActive"))
        }
        if consent.recipient != request.receiver {
            issues.append(
                ValidationIssue(
                    field: "consent", message: "was given for another organisation", code: "consentRecipient"))
        }
        if consent.purpose != request.service {
            issues.append(
                ValidationIssue(field: "consent", message: "was given for another service", code: "consentPurpose"))
        }
        return issues
    }

    /// A step of either organisation: the receiver accepts, declines (with a reason) or completes (with an
    /// outcome); the sender withdraws. Another organisation's referral is not found.
    public func take(
        _ step: ReferralStep, on referralID: UUID, decline: DeclineReason? = nil, outcome: ReferralOutcome? = nil,
        by principal: Principal
    ) async throws -> Referral {
        try await store.cases.requireCaseAccess(principal, caseID: nil)
        var issues: [ValidationIssue] = []
        if step == .decline, decline == nil {
            issues.append(ValidationIssue(field: "reason", message: "say why it is declined", code: "referralReason"))
        }
        if step == .complete, outcome == nil {
            issues.append(ValidationIssue(field: "outcome", message: "say what came of it", code: "referralOutcome"))
        }
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        let store = self.store
        let model: ReferralModel = try await store.write { db in
            guard let model = try await ReferralModel.find(referralID, on: db),
                (step.bySender ? model.senderID : model.receiverID) == principal.organisationID
            else { throw StoreError.notFound }
            let state = ReferralState(rawValue: model.state) ?? .withdrawn
            guard let next = state.after(step) else {
                throw ValidationFailure([
                    ValidationIssue(
                        field: "state", message: "a \(state.rawValue) referral cannot be taken to \(step.rawValue)",
                        code: "referralStep", values: ["state": state.rawValue, "step": step.rawValue])
                ])
            }
            model.state = next.rawValue
            let now = Date()
            if step == .accept || step == .decline {
                model.respondedAt = now
                model.respondedBy = principal.userID
            }
            if step != .accept { model.closedAt = now }
            model.declineReason = decline?.rawValue ?? model.declineReason
            model.outcome = outcome?.rawValue ?? model.outcome
            if step == .accept { model.linkedCaseID = try await openLinkedCase(for: model, by: principal, on: db) }
            try await model.save(on: db)
            try await AuditLog.append(
                [
                    AuditDraft(
                        actor: principal, action: .referral, caseID: step.bySender ? model.caseID : nil,
                        detail: "referral \(referralID): \(next.rawValue)")
                ], on: db, isPostgres: store.isPostgres, keys: store.cipher.keys)
            return model
        }
        return try Self.referral(model)
    }

    /// The receiver's own case for the person, owned by whoever accepted: it holds what the receiver records
    /// itself (dates, who referred), never a copy of the shared fields, which stay readable only through the
    /// referral for as long as the consent runs.
    private func openLinkedCase(
        for referral: ReferralModel, by principal: Principal, on db: any Database
    )
        async throws -> UUID
    {
        guard let receiver = try await OrganisationModel.find(referral.receiverID, on: db),
            let sender = try await OrganisationModel.find(referral.senderID, on: db)
        else { throw StoreError.notFound }
        let today = Self.today()
        let fields: [String: FieldValue?] = [
            "cas_Status": .text("Active"), "cas_IdentificationDate": .text(today),
            "cas_IncomingReferralDate": .text(today), "cas_ReferringOrganisation": .text(sender.name),
            "cas_ReasonForIncomingReferral": .text(referral.service),
        ]
        let cases = store.cases
        let model = try cases.makeModel(fields: fields, country: receiver.country, by: principal)
        model.ownerID = principal.userID
        try await CaseRepository.assignUniqueCodes([model], country: receiver.country, on: db)
        try await model.create(on: db)
        let id = try model.requireID()
        try await AuditLog.append(
            [
                AuditDraft(
                    actor: principal, action: .create, caseID: id, fields: fields.keys.sorted(),
                    detail: "linked case of referral \(referral.id?.uuidString ?? "")")
            ], on: db, isPostgres: store.isPostgres, keys: store.cipher.keys)
        return id
    }

    /// The referrals an organisation sent or received, newest first.
    public func list(_ direction: Direction, by principal: Principal) async throws -> [Referral] {
        try await store.cases.requireCaseAccess(principal, caseID: nil)
        let query = ReferralModel.query(on: store.database)
        switch direction {
        case .incoming: query.filter(\.$receiverID == principal.organisationID)
        case .outgoing: query.filter(\.$senderID == principal.organisationID)
        }
        return try await query.sort(\.$createdAt, .descending).all().map(Self.referral)
    }

    /// What the receiving organisation may read of a referred case: only the consented groups, only while the
    /// referral stands and the consent runs. Checked on every read; every read and refusal audited.
    public func shared(_ referralID: UUID, by principal: Principal) async throws -> SharedCase {
        try await store.cases.requireCaseAccess(principal, caseID: nil)
        func refuse(_ why: String, _ error: StoreError) async throws -> Never {
            try await store.audit.record([
                AuditDraft(actor: principal, action: .denied, detail: "referral \(referralID): \(why)")
            ])
            throw error
        }
        guard let model = try await ReferralModel.find(referralID, on: store.database),
            model.receiverID == principal.organisationID
        else { try await refuse("not a referral to this organisation", .notFound) }
        let referral = try Self.referral(model)
        guard referral.state.sharesWithReceiver else {
            try await refuse(
                referral.state.rawValue,
                .forbidden("the referral was \(referral.state.rawValue): nothing of the case is shared"))
        }
        var groups = model.overrideGroups.map(Self.groups) ?? []
        if let consentID = model.consentID {
            guard let consent = try await ConsentModel.find(consentID, on: store.database).map(Self.consent),
                consent.isActive(today: Self.today())
            else {
                try await refuse(
                    "consent withdrawn or expired",
                    .forbidden("the person's consent has been withdrawn or has expired: nothing of the case is shared"))
            }
            groups = consent.groups
        }
        guard let opened = try await store.cases.opened(referral.caseID) else {
            try await refuse("no such case", .notFound)
        }
        let fields = SharedGroup.shared(opened.fields, groups: Set(groups))
        try await store.audit.record([
            AuditDraft(
                actor: principal, action: .read, caseID: referral.caseID, fields: fields.keys.sorted(),
                detail: "referral \(referralID)")
        ])
        return SharedCase(referral: referral, caseCode: opened.caseCode, groups: groups, fields: fields)
    }

    static func referral(_ model: ReferralModel) throws -> Referral {
        Referral(
            id: try model.requireID(), caseID: model.caseID, sender: model.senderID, receiver: model.receiverID,
            service: ServiceKind(rawValue: model.service) ?? .other, consentID: model.consentID,
            overrideReason: model.overrideReason.flatMap(OverrideReason.init(rawValue:)),
            state: ReferralState(rawValue: model.state) ?? .withdrawn,
            declineReason: model.declineReason.flatMap(DeclineReason.init(rawValue:)),
            outcome: model.outcome.flatMap(ReferralOutcome.init(rawValue:)), linkedCaseID: model.linkedCaseID,
            createdAt: model.createdAt,
            respondedAt: model.respondedAt, closedAt: model.closedAt)
    }
}

extension Referrals {
    /// What a member of staff should know of: referrals to the organisation waiting for an answer, or
    /// withdrawn by the sender in the last two weeks; answers to referrals they sent, of the last two weeks;
    /// for supervisors and organisation admins, the organisation's emergency overrides of the last thirty days.
    public func notices(for principal: Principal) async throws -> [Referral] {
        try await store.cases.requireCaseAccess(principal, caseID: nil)
        let db = store.database
        let waiting = try await ReferralModel.query(on: db).filter(\.$receiverID == principal.organisationID)
            .filter(\.$state == ReferralState.pending.rawValue).all()
        let answered = try await ReferralModel.query(on: db).filter(\.$senderID == principal.organisationID)
            .filter(\.$createdBy == principal.userID).filter(\.$state != ReferralState.pending.rawValue)
            .filter(\.$respondedAt >= Date().addingTimeInterval(-14 * 86_400)).all()
        // The receiver hears of a referral the sender withdrew.
        let withdrawn = try await ReferralModel.query(on: db).filter(\.$receiverID == principal.organisationID)
            .filter(\.$state == ReferralState.withdrawn.rawValue)
            .filter(\.$closedAt >= Date().addingTimeInterval(-14 * 86_400)).all()
        var overrides: [ReferralModel] = []
        if OverrideReason.allowed(for: principal.role) {
            overrides = try await ReferralModel.query(on: db).filter(\.$senderID == principal.organisationID)
                .filter(\.$overrideReason != nil).filter(\.$createdAt >= Date().addingTimeInterval(-30 * 86_400)).all()
        }
        var seen = Set<UUID>()
        return try (waiting + answered + withdrawn + overrides).filter { seen.insert($0.id ?? UUID()).inserted }
            .sorted { ($0.createdAt ?? .distantPast) > ($1.createdAt ?? .distantPast) }.map(Self.referral)
    }
}
