import FluentKit
import Foundation
import PalermoCore

/// A kind of service added to the built-in ones, for every organisation of the installation.
public final class ServiceKindModel: Model, @unchecked Sendable {
    public static let schema = "service_kinds"

    @ID(key: .id) public var id: UUID?
    @Field(key: "code") public var code: String
    /// The names by language, as JSON.
    @Field(key: "names") public var names: String
    @Field(key: "added_by") public var addedBy: UUID
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}

public struct AddServiceKinds: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(ServiceKindModel.schema)
            .id()
            .field("code", .string, .required)
            .field("names", .string, .required)
            .field("added_by", .uuid, .required)
            .field("created_at", .datetime)
            .unique(on: "code")
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(ServiceKindModel.schema).delete()
    }
}

/// The installation's kinds of service: read by everyone signed in, added by the system admin or the national
/// coordinator, who run the referral mechanism for all its organisations.
public struct ServiceKinds: Sendable {
    let store: Store

    public static func mayAdd(_ role: Role) -> Bool { role == .systemAdmin || role == .nationalCoordinator }

    public func catalogue() async throws -> ServiceCatalogue {
        let models = try await ServiceKindModel.query(on: store.database).sort(\.$createdAt).sort(\.$code).all()
        return ServiceCatalogue(
            added: models.map { model in
                let names = (try? JSONDecoder().decode([String: String].self, from: Data(model.names.utf8))) ?? [:]
                return ServiceKindDefinition(code: model.code, names: names)
            })
    }

    public func add(_ definition: ServiceKindDefinition, by principal: Principal) async throws -> ServiceCatalogue {
        guard Self.mayAdd(principal.role) else {
            throw StoreError.forbidden("kinds of service are added by the system admin or the national coordinator")
        }
        var cleaned = definition
        cleaned.names = definition.names.mapValues { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.value.isEmpty }
        let issues = cleaned.problems(existing: try await catalogue().kinds)
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        let model = ServiceKindModel()
        model.id = UUID()
        model.code = cleaned.code
        model.names = String(decoding: try JSONEncoder.sorted.encode(cleaned.names), as: UTF8.self)
        model.addedBy = principal.userID
        try await store.save(
            model,
            audited: AuditDraft(actor: principal, action: .create, detail: "kind of service added: \(cleaned.code)"))
        return try await catalogue()
    }

    /// A problem naming `field` when the kind is neither built in nor added.
    func issues(_ kind: ServiceKind, field: String) async throws -> [ValidationIssue] {
        if kind.isBuiltIn { return [] }
        if try await catalogue().contains(kind) { return [] }
        return [
            ValidationIssue(
                field: field, message: "is not a kind of service of this installation", code: "notInList",
                values: ["value": kind.rawValue])
        ]
    }
}

extension Store {
    public var serviceKinds: ServiceKinds { ServiceKinds(store: self) }
}
