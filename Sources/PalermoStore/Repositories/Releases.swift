import Crypto
import FluentKit
import Foundation
import PalermoCore
import PalermoIO
import PalermoStats
import SQLKit

/// A publication: de-identified data made from case records (a protected table, k-anonymous records or
/// synthetic records), with who made it, when, its parameters and the checksum of every file.
public final class ReleaseModel: Model, @unchecked Sendable {
    public static let schema = "releases"

    @ID(key: .id) public var id: UUID?
    @Field(key: "created_by") public var createdBy: UUID
    @Field(key: "creator") public var creator: String
    @OptionalField(key: "country") public var country: String?
    @Field(key: "method") public var method: String
    /// The request as JSON, and the outcome's figures as JSON (records, risk before and after, loss, utility).
    @Field(key: "parameters") public var parameters: String
    @Field(key: "summary") public var summary: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}

public final class ReleaseFileModel: Model, @unchecked Sendable {
    public static let schema = "release_files"

    @ID(key: .id) public var id: UUID?
    @Field(key: "release_id") public var releaseID: UUID
    @Field(key: "name") public var name: String
    @Field(key: "media_type") public var mediaType: String
    @Field(key: "bytes") public var bytes: Int
    @Field(key: "sha256") public var sha256: String
    @Field(key: "content") public var content: Data

    public init() {}
}

public struct AddReleases: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(ReleaseModel.schema)
            .id()
            .field("created_by", .uuid, .required)
            .field("creator", .string, .required)
            .field("country", .string)
            .field("method", .string, .required)
            .field("parameters", .string, .required)
            .field("summary", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema(ReleaseFileModel.schema)
            .id()
            .field("release_id", .uuid, .required, .references(ReleaseModel.schema, "id"))
            .field("name", .string, .required)
            .field("media_type", .string, .required)
            .field("bytes", .int, .required)
            .field("sha256", .string, .required)
            .field("content", .data, .required)
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(ReleaseFileModel.schema).delete()
        try await database.schema(ReleaseModel.schema).delete()
    }
}

/// A file of a release as listed.
public struct ReleaseFile: Sendable, Codable, Equatable {
    public let name: String
    public let mediaType: String
    public let bytes: Int
    public let sha256: String
}

public struct ReleaseRecord: Sendable, Codable, Equatable {
    public let id: UUID
    public let creator: String
    public let country: String?
    public let method: String
    public let parameters: String
    public let summary: String
    public let createdAt: Date?
    public let files: [ReleaseFile]
}

/// Releases: the records they are made from (read by role: an analyst any country, a national coordinator
/// their own), and the releases themselves, each write and download audited.
public struct Releases: Sendable {
    let store: Store

    /// Analysts and national coordinators publish.
    public static func mayPublish(_ role: Role) -> Bool { [.analyst, .nationalCoordinator].contains(role) }

    /// The country a release may cover: a coordinator's own, whatever they asked for (another is refused).
    public func scope(_ requested: String?, for principal: Principal) async throws -> String? {
        guard Self.mayPublish(principal.role) else {
            throw StoreError.forbidden("the \(principal.role.rawValue) role does not publish data")
        }
        return try await store.national.allowedCountry(requested, for: principal)
    }

    /// The selected case records over the requested attributes, in the request's order, as microdata, with the
    /// request as it applies to this reader (a coordinator's country set). Only facet columns are read; the
    /// labour industry comes from the record's non-personal fields.
    public func select(
        _ asked: ReleaseRequest, for principal: Principal
    ) async throws
        -> (request: ReleaseRequest, data: Microdata)
    {
        let problems = asked.problems
        guard problems.isEmpty else { throw ValidationFailure(problems) }
        var request = asked
        request.country = try await scope(request.country, for: principal)
        let country = request.country
        let sql = try store.sql
        var conditions: [SQLQueryString] = []
        if let country { conditions.append("o.country = \(bind: country)") }
        if let from = request.from { conditions.append("substr(c.identified_on, 1, 4) >= \(bind: String(from))") }
        if let to = request.to { conditions.append("substr(c.identified_on, 1, 4) <= \(bind: String(to))") }
        var filter: SQLQueryString = ""
        for (i, condition) in conditions.enumerated() { filter = filter + (i == 0 ? " WHERE " : " AND ") + condition }
        let needsRecord = request.attributes.contains("labourIndustry")
        let rows = try await sql.raw(
            """
            SELECT c.gender AS gender, c.age_group AS age_group, c.citizenship AS citizenship,
                   c.country_of_exploitation AS country_of_exploitation, substr(c.identified_on, 1, 4) AS year,
                   c.exploitation AS exploitation, c.trafficking_status AS trafficking_status,
                   \(unsafeRaw: needsRecord ? "c.record" : "''") AS record
            FROM cases c JOIN organisations o ON o.id = c.organisation_id\(filter)
            """
        ).all()
        var records: [[String]] = []
        records.reserveCapacity(rows.count)
        for row in rows {
            func text(_ column: String) -> String { ((try? row.decode(column: column, as: String?.self)) ?? nil) ?? "" }
            records.append(
                request.attributes.map { name in
                    switch name {
                    case "sex": text("gender")
                    case "ageGroup": text("age_group")
                    case "citizenship": text("citizenship")
                    case "countryOfExploitation": text("country_of_exploitation")
                    case "year": text("year")
                    case "exploitation": String(text("exploitation").split(separator: ";").first ?? "")
                    case "traffickingStatus": text("trafficking_status")
                    case "labourIndustry": Self.firstIndustry(text("record"))
                    default: ""
                    }
                })
        }
        do { return (request, try Microdata(attributes: request.attributes, records: records)) } catch {
            throw ValidationFailure([.init(field: "attributes", message: "\(error)", code: "invalid")])
        }
    }

    /// A release's published records grouped by the facets the patterns-and-flows report counts: its country
    /// (the release's, else each record's country of exploitation), year, sex, age group, citizenship and form.
    /// A release of a table, or without a year or a country, cannot feed the report.
    func facetGroups(of id: UUID) async throws -> [(facets: NationalStatistics.Facets, n: Int)] {
        guard let release = try await ReleaseModel.find(id, on: store.database) else {
            throw StoreError.forbidden("there is no release \(id)")
        }
        guard
            let file = try await ReleaseFileModel.query(on: store.database).filter(\.$releaseID == id)
                .filter(\.$name == "records.csv").first()
        else { throw StoreError.forbidden("release \(id) publishes a table, not records: it cannot feed the report") }
        let data = try MicrodataReader.read(file.content)
        func column(_ name: String) -> Int? { data.attributes.firstIndex(of: name) }
        guard let year = column("year") else {
            throw StoreError.forbidden("release \(id) has no year: the report counts victims by year")
        }
        let place = column("countryOfExploitation")
        guard release.country != nil || place != nil else {
            throw StoreError.forbidden(
                "release \(id) covers every country and has no country of exploitation: the report counts by country")
        }
        func value(_ r: Int, _ a: Int?) -> String? {
            guard let a, !data.value(r, a).isEmpty else { return nil }
            return data.value(r, a)
        }
        var groups: [NationalStatistics.Facets: Int] = [:]
        for r in 0..<data.count {
            let facets = NationalStatistics.Facets(
                country: release.country ?? value(r, place) ?? "", year: value(r, year),
                gender: value(r, column("sex")),
                age_group: value(r, column("ageGroup")), citizenship: value(r, column("citizenship")),
                exploitation: value(r, column("exploitation")) ?? "")
            groups[facets, default: 0] += 1
        }
        return groups.map { (facets: $0.key, n: $0.value) }
    }

    static func firstIndustry(_ record: String) -> String {
        guard let data = record.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return "" }
        if let list = object["vic_ForcedLabourIndustry"] as? [String] { return list.first ?? "" }
        return object["vic_ForcedLabourIndustry"] as? String ?? ""
    }

    /// Records a release and its files in one transaction with its audit entry: who, the parameters, and each
    /// file's checksum.
    public func save(
        country: String?, method: String, parameters: String, summary: String,
        files: [(name: String, mediaType: String, data: Data)], by principal: Principal
    ) async throws -> ReleaseRecord {
        let id = UUID()
        let release = ReleaseModel()
        release.id = id
        release.createdBy = principal.userID
        release.creator = principal.username
        release.country = country
        release.method = method
        release.parameters = parameters
        release.summary = summary
        let models = files.map { file in
            let model = ReleaseFileModel()
            model.releaseID = id
            model.name = file.name
            model.mediaType = file.mediaType
            model.bytes = file.data.count
            model.sha256 = SHA256.hash(data: file.data).hexString
            model.content = file.data
            return model
        }
        let checksums = models.map { "\($0.name) sha256 \($0.sha256)" }.joined(separator: "; ")
        let draft = AuditDraft(
            actor: principal, action: .publish,
            detail: "release \(id): \(method), country \(country ?? "all"); \(parameters); \(checksums)")
        let isPostgres = store.isPostgres, keys = store.cipher.keys
        try await store.write { db in
            try await release.create(on: db)
            for model in models { try await model.create(on: db) }
            try await AuditLog.append([draft], on: db, isPostgres: isPostgres, keys: keys)
        }
        return try await self.release(id, for: principal)
    }

    /// Releases the reader may see: an analyst all, a coordinator those of their country.
    public func list(for principal: Principal) async throws -> [ReleaseRecord] {
        let country = try await scope(nil, for: principal)
        var query = ReleaseModel.query(on: store.database).sort(\.$createdAt, .descending)
        if principal.role == .nationalCoordinator { query = query.filter(\.$country == country) }
        let releases = try await query.all()
        let byRelease = Dictionary(grouping: try await fileList(of: releases.compactMap(\.id)), by: \.releaseID)
        return releases.map { Self.record($0, byRelease[$0.id ?? UUID()] ?? []) }
    }

    /// The files of some releases, without their contents.
    func fileList(of ids: [UUID]) async throws -> [ReleaseFileModel] {
        try await ReleaseFileModel.query(on: store.database).filter(\.$releaseID ~~ ids)
            .field(\.$id).field(\.$releaseID).field(\.$name).field(\.$mediaType).field(\.$bytes).field(\.$sha256)
            .all()
    }

    /// One release, if the reader may see it (a coordinator: their country's only).
    public func release(_ id: UUID, for principal: Principal) async throws -> ReleaseRecord {
        let country = try await scope(nil, for: principal)
        guard let release = try await ReleaseModel.find(id, on: store.database),
            principal.role != .nationalCoordinator || release.country == country
        else { throw StoreError.notFound }
        return Self.record(release, try await fileList(of: [id]))
    }

    /// A file's contents, the download audited.
    public func file(_ name: String, of id: UUID, for principal: Principal) async throws -> (ReleaseFile, Data) {
        _ = try await release(id, for: principal)
        guard
            let model = try await ReleaseFileModel.query(on: store.database).filter(\.$releaseID == id)
                .filter(\.$name == name).first()
        else { throw StoreError.notFound }
        try await store.audit.record([
            AuditDraft(actor: principal, action: .export, detail: "release \(id): \(name) downloaded")
        ])
        return (Self.file(model), model.content)
    }

    static func file(_ model: ReleaseFileModel) -> ReleaseFile {
        ReleaseFile(name: model.name, mediaType: model.mediaType, bytes: model.bytes, sha256: model.sha256)
    }

    static func record(_ model: ReleaseModel, _ files: [ReleaseFileModel]) -> ReleaseRecord {
        ReleaseRecord(
            id: model.id ?? UUID(), creator: model.creator, country: model.country, method: model.method,
            parameters: model.parameters, summary: model.summary, createdAt: model.createdAt,
            files: files.sorted { $0.name < $1.name }.map(file))
    }
}

extension Store {
    public var releases: Releases { Releases(store: self) }
}
