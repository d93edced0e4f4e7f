import FluentKit
import Foundation
import PalermoCore

/// The directory of services. Every member of staff who handles cases, and national coordinators, read it;
/// an organisation's supervisors and admins keep its own entries.
public struct ServiceDirectory: Sendable {
    let store: Store

    public struct Search: Sendable {
        public var country: String?
        public var kind: ServiceKind?
        public var sex: String?
        public var age: AgeGroup?
        public var nationality: String?
        public var form: String?
        public init(
            country: String? = nil, kind: ServiceKind? = nil, sex: String? = nil, age: AgeGroup? = nil,
            nationality: String? = nil, form: String? = nil
        ) {
            self.country = country
            self.kind = kind
            self.sex = sex
            self.age = age
            self.nationality = nationality
            self.form = form
        }
    }

    static func mayRead(_ principal: Principal) -> Bool {
        principal.role.handlesCases || principal.role == .nationalCoordinator
    }

    public func search(_ search: Search, by principal: Principal) async throws -> [ServiceOffer] {
        guard Self.mayRead(principal) else { throw StoreError.forbidden("the directory is for staff who refer") }
        let query = ServiceOfferModel.query(on: store.database)
        if let country = search.country { query.filter(\.$country == country) }
        if let kind = search.kind { query.filter(\.$kind == kind.rawValue) }
        let names = try await store.referrals.organisations().names
        if let kind = search.kind {
            let issues = try await store.serviceKinds.issues(kind, field: "kind")
            guard issues.isEmpty else { throw ValidationFailure(issues) }
        }
        return try await query.sort(\.$country).sort(\.$area).all().map { Self.offer($0, names) }
            .filter { $0.serves(sex: search.sex, age: search.age, nationality: search.nationality, form: search.form) }
            .sorted {
                ($0.country, $0.area, $0.organisationName ?? "") < ($1.country, $1.area, $1.organisationName ?? "")
            }
    }

    public func offer(_ id: UUID, by principal: Principal) async throws -> ServiceOffer {
        guard Self.mayRead(principal), let model = try await ServiceOfferModel.find(id, on: store.database) else {
            throw StoreError.notFound
        }
        let name = try await OrganisationModel.find(model.organisationID, on: store.database)?.name
        return Self.offer(model, [model.organisationID: name ?? ""])
    }

    /// Adds an entry of the principal's organisation, or (with `id`) changes one of its entries.
    public func save(_ offer: ServiceOffer, id: UUID? = nil, by principal: Principal) async throws -> ServiceOffer {
        guard principal.role.assignsCases else {
            throw StoreError.forbidden("the organisation's entries are kept by its supervisors and admins")
        }
        let issues =
            offer.problems(today: CaseTasks.today()) + (try await store.serviceKinds.issues(offer.kind, field: "kind"))
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        let model: ServiceOfferModel
        if let id {
            guard let found = try await ServiceOfferModel.find(id, on: store.database),
                found.organisationID == principal.organisationID
            else { throw StoreError.notFound }
            model = found
        } else {
            model = ServiceOfferModel()
            model.id = UUID()
            model.organisationID = principal.organisationID
        }
        model.kind = offer.kind.rawValue
        model.country = offer.country.uppercased()
        model.area = offer.area
        model.forSexes = Self.stored(offer.forSexes)
        model.forAges = Self.stored(offer.forAges.map(\.rawValue))
        model.forNationalities = Self.stored(offer.forNationalities.map { $0.uppercased() })
        model.forForms = Self.stored(offer.forForms)
        model.capacity = offer.capacity
        model.available = offer.available
        model.languages = Self.stored(offer.languages)
        model.hours = offer.hours
        model.contact = offer.contact
        model.lastChecked = offer.lastChecked
        try await store.save(
            model,
            audited: AuditDraft(
                actor: principal, action: .update, detail: "service directory: \(model.id?.uuidString ?? "")"))
        return Self.offer(model, [principal.organisationID: ""])
    }

    static func stored(_ values: [String]) -> String { " " + values.joined(separator: " ") + " " }
    static func list(_ stored: String) -> [String] { stored.split(separator: " ").map(String.init) }

    static func offer(_ model: ServiceOfferModel, _ names: [UUID: String]) -> ServiceOffer {
        ServiceOffer(
            id: model.id, organisationID: model.organisationID, organisationName: names[model.organisationID],
            kind: ServiceKind(rawValue: model.kind) ?? .other, country: model.country, area: model.area,
            forSexes: list(model.forSexes), forAges: list(model.forAges).compactMap(AgeGroup.init(rawValue:)),
            forNationalities: list(model.forNationalities), forForms: list(model.forForms), capacity: model.capacity,
            available: model.available, languages: list(model.languages), hours: model.hours, contact: model.contact,
            lastChecked: model.lastChecked)
    }
}

extension Store {
    public var directory: ServiceDirectory { ServiceDirectory(store: self) }
}
