import FluentKit
import Foundation
import PalermoCore
import SQLKit

/// A good practice as stored: the document as JSON, the facets searched on in columns of their own, and the
/// text the full-text index reads.
public final class GoodPracticeModel: Model, @unchecked Sendable {
    public static let schema = "good_practices"

    @ID(key: .id) public var id: UUID?
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "submitted_by") public var submittedBy: UUID
    @Field(key: "status") public var status: String
    @Field(key: "title") public var title: String
    @Field(key: "country") public var country: String
    @Field(key: "theme") public var theme: String
    /// The linked paragraphs between spaces (" 16 25 "), so that one is found with `LIKE '% 16 %'`.
    @Field(key: "paragraphs") public var paragraphs: String
    @Field(key: "document") public var document: String
    @Field(key: "search_text") public var searchText: String
    @OptionalField(key: "reviewed_by") public var reviewedBy: UUID?
    @OptionalField(key: "comment") public var comment: String?
    @OptionalField(key: "published_at") public var publishedAt: Date?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}
}

/// The practices' table and its full-text index: an FTS5 table in SQLite, a GIN index over the text's
/// `tsvector` in PostgreSQL. Both use language-neutral word splitting, as practices come in six languages.
public struct AddGoodPractices: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(GoodPracticeModel.schema)
            .id()
            .field("organisation_id", .uuid, .required, .references(OrganisationModel.schema, "id"))
            .field("submitted_by", .uuid, .required)
            .field("status", .string, .required)
            .field("title", .string, .required)
            .field("country", .string, .required)
            .field("theme", .string, .required)
            .field("paragraphs", .string, .required)
            .field("document", .string, .required)
            .field("search_text", .string, .required)
            .field("reviewed_by", .uuid)
            .field("comment", .string)
            .field("published_at", .datetime)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        let sql = try database.sql
        if sql.dialect.name == "postgresql" {
            try await sql.raw(
                "CREATE INDEX good_practices_search ON good_practices USING gin (to_tsvector('simple', search_text))"
            ).run()
        } else {
            try await sql.raw(
                """
                CREATE VIRTUAL TABLE good_practices_fts USING fts5(
                    practice_id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2')
                """
            ).run()
        }
    }

    public func revert(on database: any Database) async throws {
        let sql = try database.sql
        if sql.dialect.name != "postgresql" { try await sql.raw("DROP TABLE IF EXISTS good_practices_fts").run() }
        try await database.schema(GoodPracticeModel.schema).delete()
    }
}

/// A practice as read back.
public struct PracticeRecord: Sendable, Equatable {
    public let id: UUID
    public let organisationID: UUID
    public let submittedBy: UUID
    public let status: PracticeStatus
    public let practice: GoodPractice
    public let comment: String?
    public let publishedAt: Date?
    public let updatedAt: Date?
}

/// What a reader looks for among practices; every part optional.
public struct PracticeQuery: Sendable, Equatable {
    public var words: SearchWords
    public var paragraph: String?
    public var country: String?
    public var theme: String?

    public init(words: String = "", paragraph: String? = nil, country: String? = nil, theme: String? = nil) {
        self.words = SearchWords(words)
        self.paragraph = paragraph
        self.country = country
        self.theme = theme
    }
}

/// Good practices: any organisation's staff submit them, the secretariat (the system admin) reviews each one
/// (a second person: never the one who submitted it) and publishes it or returns it with a comment. Published
/// practices are read and searched by everyone signed in; the others by their organisation and the reviewer.
public struct GoodPractices: Sendable {
    let store: Store

    public enum Decision: String, Sendable, CaseIterable {
        case publish, `return`
    }

    public static let pageSize = 50

    public static func reviews(_ role: Role) -> Bool { role == .systemAdmin }

    public func submit(_ practice: GoodPractice, by principal: Principal) async throws -> PracticeRecord {
        let issues = practice.problems()
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        let model = GoodPracticeModel()
        model.id = UUID()
        model.organisationID = principal.organisationID
        model.submittedBy = principal.userID
        model.status = PracticeStatus.submitted.rawValue
        try fill(model, with: practice)
        try await save(model, "good practice submitted", by: principal)
        return try Self.record(model)
    }

    /// A returned (or still waiting) practice changed by its organisation goes back for review.
    public func revise(_ id: UUID, _ practice: GoodPractice, by principal: Principal) async throws -> PracticeRecord {
        guard let model = try await GoodPracticeModel.find(id, on: store.database),
            model.organisationID == principal.organisationID
        else { throw StoreError.notFound }
        guard model.status != PracticeStatus.published.rawValue else {
            throw ValidationFailure([
                ValidationIssue(
                    field: "status", message: "a published practice is not changed", code: "practicePublished")
            ])
        }
        let issues = practice.problems()
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        try fill(model, with: practice)
        model.status = PracticeStatus.submitted.rawValue
        model.submittedBy = principal.userID
        try await save(model, "good practice revised", by: principal)
        return try Self.record(model)
    }

    public func review(
        _ id: UUID, _ decision: Decision, comment: String?, by principal: Principal
    ) async throws -> PracticeRecord {
        guard Self.reviews(principal.role) else { throw StoreError.forbidden("the secretariat reviews practices") }
        guard let model = try await GoodPracticeModel.find(id, on: store.database) else { throw StoreError.notFound }
        guard model.submittedBy != principal.userID else {
            throw StoreError.forbidden("a second person reviews a practice")
        }
        guard model.status == PracticeStatus.submitted.rawValue else {
            throw ValidationFailure([
                ValidationIssue(field: "status", message: "only a submitted practice is reviewed", code: "practiceStep")
            ])
        }
        let comment = comment?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if decision == .return && comment.isEmpty {
            throw ValidationFailure([ValidationIssue(field: "comment", message: "say what to change", code: "required")]
            )
        }
        if comment.count > 2000 {
            throw ValidationFailure([
                ValidationIssue(
                    field: "comment", message: "must be at most 2000 characters", code: "tooLong",
                    values: ["max": "2000"])
            ])
        }
        model.status = (decision == .publish ? PracticeStatus.published : .returned).rawValue
        model.reviewedBy = principal.userID
        model.comment = comment.isEmpty ? nil : comment
        if decision == .publish { model.publishedAt = Date() }
        try await save(model, "good practice: \(decision.rawValue)", by: principal)
        return try Self.record(model)
    }

    public func read(_ id: UUID, by principal: Principal) async throws -> PracticeRecord {
        guard let model = try await GoodPracticeModel.find(id, on: store.database), Self.reads(model, principal)
        else { throw StoreError.notFound }
        return try Self.record(model)
    }

    /// Published practices matching the query, the best match first when words are given, else the newest.
    public func search(_ query: PracticeQuery) async throws -> [PracticeRecord] {
        var builder = GoodPracticeModel.query(on: store.database)
            .filter(\.$status == PracticeStatus.published.rawValue)
        if let country = query.country { builder = builder.filter(\.$country == country.uppercased()) }
        if let theme = query.theme { builder = builder.filter(\.$theme == theme) }
        if let paragraph = query.paragraph {
            builder = builder.filter(\.$paragraphs, .contains(inverse: false, .anywhere), " \(paragraph) ")
        }
        guard !query.words.isEmpty else {
            return try await builder.sort(\.$publishedAt, .descending).limit(Self.pageSize).all().map(Self.record)
        }
        let ranked = try await matching(query.words)
        guard !ranked.isEmpty else { return [] }
        let models = try await builder.filter(\.$id ~~ ranked).all()
        let order = Dictionary(uniqueKeysWithValues: ranked.enumerated().map { ($1, $0) })
        return try models.sorted { order[$0.id ?? UUID()] ?? 0 < order[$1.id ?? UUID()] ?? 0 }
            .prefix(Self.pageSize).map(Self.record)
    }

    /// The practices waiting for the reviewer, or the organisation's own that are not published.
    public func unpublished(by principal: Principal) async throws -> [PracticeRecord] {
        var builder = GoodPracticeModel.query(on: store.database)
            .filter(\.$status != PracticeStatus.published.rawValue)
        if Self.reviews(principal.role) {
            builder = builder.filter(\.$status == PracticeStatus.submitted.rawValue)
        } else {
            builder = builder.filter(\.$organisationID == principal.organisationID)
        }
        return try await builder.sort(\.$updatedAt, .descending).limit(Self.pageSize).all().map(Self.record)
    }

    /// The ids of every practice whose text holds all the words (as prefixes), best match first.
    func matching(_ words: SearchWords) async throws -> [UUID] {
        let sql = try store.sql
        if store.isPostgres {
            struct Row: Decodable { let id: UUID }
            return try await sql.raw(
                """
                SELECT id FROM good_practices
                WHERE to_tsvector('simple', search_text) @@ to_tsquery('simple', \(bind: words.tsquery))
                ORDER BY ts_rank(to_tsvector('simple', search_text), to_tsquery('simple', \(bind: words.tsquery))) DESC
                LIMIT 1000
                """
            ).all(decoding: Row.self).map(\.id)
        }
        struct Row: Decodable { let practice_id: String }
        return try await sql.raw(
            """
            SELECT practice_id FROM good_practices_fts WHERE good_practices_fts MATCH \(bind: words.fts5)
            ORDER BY rank LIMIT 1000
            """
        ).all(decoding: Row.self).compactMap { UUID(uuidString: $0.practice_id) }
    }

    static func reads(_ model: GoodPracticeModel, _ principal: Principal) -> Bool {
        model.status == PracticeStatus.published.rawValue || model.organisationID == principal.organisationID
            || reviews(principal.role)
    }

    private func fill(_ model: GoodPracticeModel, with practice: GoodPractice) throws {
        var practice = practice
        practice.country = practice.country.uppercased()
        model.title = practice.title
        model.country = practice.country
        model.theme = practice.theme
        model.paragraphs = " " + practice.paragraphs.joined(separator: " ") + " "
        model.document = String(decoding: try JSONEncoder.sorted.encode(practice), as: UTF8.self)
        model.searchText = practice.searchText
    }

    /// Saves the practice, its line in SQLite's full-text table and the audit entry in one commit.
    private func save(_ model: GoodPracticeModel, _ detail: String, by principal: Principal) async throws {
        let isPostgres = store.isPostgres, keys = store.cipher.keys
        let id = try model.requireID().uuidString, text = model.searchText
        let draft = AuditDraft(actor: principal, action: .update, detail: "\(detail): \(id)")
        try await store.write { db in
            try await model.save(on: db)
            if !isPostgres {
                let sql = try db.sql
                try await sql.raw("DELETE FROM good_practices_fts WHERE practice_id = \(bind: id)").run()
                try await sql.raw(
                    "INSERT INTO good_practices_fts (practice_id, body) VALUES (\(bind: id), \(bind: text))"
                )
                .run()
            }
            try await AuditLog.append([draft], on: db, isPostgres: isPostgres, keys: keys)
        }
    }

    static func record(_ model: GoodPracticeModel) throws -> PracticeRecord {
        PracticeRecord(
            id: try model.requireID(), organisationID: model.organisationID, submittedBy: model.submittedBy,
            status: PracticeStatus(rawValue: model.status) ?? .submitted,
            practice: try JSONDecoder().decode(GoodPractice.self, from: Data(model.document.utf8)),
            comment: model.comment, publishedAt: model.publishedAt, updatedAt: model.updatedAt)
    }
}

extension Store {
    public var goodPractices: GoodPractices { GoodPractices(store: self) }
}
