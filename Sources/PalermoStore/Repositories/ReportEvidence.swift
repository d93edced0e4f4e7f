import FluentKit
import Crypto
import Foundation
import PalermoCore

/// A document attached to a State's report, sealed with the store's key (AES-GCM, bound to its own id).
public final class ReportEvidenceModel: Model, @unchecked Sendable {
    public static let schema = "report_evidence"

    @ID(key: .id) public var id: UUID?
    @Field(key: "round_id") public var roundID: UUID
    @Field(key: "country") public var country: String
    @Field(key: "filename") public var filename: String
    @Field(key: "media_type") public var mediaType: String
    @Field(key: "bytes") public var bytes: Int
    @Field(key: "sha256") public var sha256: String
    @Field(key: "sealed") public var sealed: String
    @Field(key: "uploaded_by") public var uploadedBy: UUID
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}

public struct AddReportEvidence: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(ReportEvidenceModel.schema)
            .id()
            .field("round_id", .uuid, .required, .references(ReportingRoundModel.schema, "id"))
            .field("country", .string, .required)
            .field("filename", .string, .required)
            .field("media_type", .string, .required)
            .field("bytes", .int, .required)
            .field("sha256", .string, .required)
            .field("sealed", .string, .required)
            .field("uploaded_by", .uuid, .required)
            .field("created_at", .datetime)
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(ReportEvidenceModel.schema).delete()
    }
}

/// An evidence document as listed (without its contents).
public struct EvidenceRecord: Sendable, Equatable {
    public let id: UUID
    public let roundID: UUID
    public let country: String
    public let filename: String
    public let mediaType: String
    public let bytes: Int
    public let sha256: String
    public let createdAt: Date?
}

/// Evidence documents of the States' reports: attached by the State's focal point while the round is open, read by
/// everyone signed in (as the reports are), every upload, download and removal audited.
extension ReportingRounds {
    public func attach(
        _ data: Data, filename: String, to roundID: UUID, by principal: Principal
    ) async throws -> EvidenceRecord {
        let plan = try await plan(for: principal)
        let round = try await round(roundID)
        guard round.open else {
            throw ValidationFailure([
                ValidationIssue(field: "round", message: "the round is closed", code: "roundClosed")
            ])
        }
        let file: EvidenceFile
        switch EvidenceFile.check(filename: filename, data: data) {
        case .success(let checked): file = checked
        case .failure(let issue): throw ValidationFailure([issue])
        }
        let country = plan.plan.country
        let count = try await ReportEvidenceModel.query(on: store.database).filter(\.$roundID == roundID)
            .filter(\.$country == country).count()
        guard count < EvidenceFile.maxPerReport else {
            throw ValidationFailure([
                ValidationIssue(
                    field: "file", message: "a report has at most 20 documents", code: "tooMany", values: ["max": "20"])
            ])
        }
        let model = ReportEvidenceModel()
        let id = UUID()
        model.id = id
        model.roundID = roundID
        model.country = country
        model.filename = file.filename
        model.mediaType = file.kind.mediaType
        model.bytes = data.count
        model.sha256 = SHA256.hash(data: data).hexString
        model.sealed = try store.cipher.seal(data, boundTo: id)
        model.uploadedBy = principal.userID
        try await store.save(
            model, audited: AuditDraft(actor: principal, action: .update, detail: "evidence attached: \(id)"))
        return Self.evidence(model)
    }

    public func evidence(of roundID: UUID, country: String? = nil) async throws -> [EvidenceRecord] {
        var query = ReportEvidenceModel.query(on: store.database).filter(\.$roundID == roundID)
        if let country { query = query.filter(\.$country == country) }
        return try await query.sort(\.$country).sort(\.$createdAt).all().map(Self.evidence)
    }

    /// The document's contents, opened, with the read audited.
    public func document(
        _ id: UUID, in roundID: UUID, by principal: Principal
    ) async throws -> (
        EvidenceRecord, Data
    ) {
        guard let model = try await ReportEvidenceModel.find(id, on: store.database), model.roundID == roundID else {
            throw StoreError.notFound
        }
        let data = try store.cipher.open(model.sealed, boundTo: id)
        try await store.audit.record([AuditDraft(actor: principal, action: .read, detail: "evidence read: \(id)")])
        return (Self.evidence(model), data)
    }

    /// Removes a document of the focal point's own State while the round is open.
    public func remove(_ id: UUID, in roundID: UUID, by principal: Principal) async throws {
        let plan = try await plan(for: principal)
        guard let model = try await ReportEvidenceModel.find(id, on: store.database), model.roundID == roundID,
            model.country == plan.plan.country
        else { throw StoreError.notFound }
        guard try await round(roundID).open else {
            throw ValidationFailure([
                ValidationIssue(field: "round", message: "the round is closed", code: "roundClosed")
            ])
        }
        let isPostgres = store.isPostgres, keys = store.cipher.keys
        let draft = AuditDraft(actor: principal, action: .update, detail: "evidence removed: \(id)")
        try await store.write { db in
            try await model.delete(on: db)
            try await AuditLog.append([draft], on: db, isPostgres: isPostgres, keys: keys)
        }
    }

    static func evidence(_ model: ReportEvidenceModel) -> EvidenceRecord {
        EvidenceRecord(
            id: model.id ?? UUID(), roundID: model.roundID, country: model.country, filename: model.filename,
            mediaType: model.mediaType, bytes: model.bytes, sha256: model.sha256, createdAt: model.createdAt)
    }
}
