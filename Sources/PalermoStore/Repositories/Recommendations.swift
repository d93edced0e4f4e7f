import FluentKit
import Foundation
import PalermoCore

public final class RecommendationModel: Model, @unchecked Sendable {
    public static let schema = "recommendations"

    @ID(key: .id) public var id: UUID?
    @Field(key: "round_id") public var roundID: UUID
    @Field(key: "country") public var country: String
    @Field(key: "text") public var text: String
    @Field(key: "made_by") public var madeBy: UUID
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}

public struct AddRecommendations: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(RecommendationModel.schema)
            .id()
            .field("round_id", .uuid, .required, .references(ReportingRoundModel.schema, "id"))
            .field("country", .string, .required)
            .field("text", .string, .required)
            .field("made_by", .uuid, .required)
            .field("created_at", .datetime)
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(RecommendationModel.schema).delete()
    }
}

public struct RecommendationRecord: Sendable, Equatable {
    public let id: UUID
    public let roundID: UUID
    public let recommendation: Recommendation
}

/// Recommendations made to States after a round (by the secretariat), and their follow-up in later reports.
extension ReportingRounds {
    public func recommend(
        _ recommendation: Recommendation, after roundID: UUID, by principal: Principal
    ) async throws -> RecommendationRecord {
        guard principal.role == .systemAdmin else {
            throw StoreError.forbidden("recommendations are made by the secretariat")
        }
        _ = try await round(roundID)
        var recommendation = recommendation
        recommendation.country = recommendation.country.uppercased()
        let issues = recommendation.problems()
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        let model = RecommendationModel()
        model.id = UUID()
        model.roundID = roundID
        model.country = recommendation.country
        model.text = recommendation.text
        model.madeBy = principal.userID
        try await store.save(
            model,
            audited: AuditDraft(
                actor: principal, action: .update, detail: "recommendation made: \(model.id?.uuidString ?? "")"))
        return Self.recommendation(model)
    }

    public func recommendations(after roundID: UUID) async throws -> [RecommendationRecord] {
        try await RecommendationModel.query(on: store.database).filter(\.$roundID == roundID).sort(\.$country)
            .sort(\.$createdAt).all().map(Self.recommendation)
    }

    /// The recommendations made to `country` after the rounds that began before this one: what its report for
    /// this round follows up.
    public func earlierRecommendations(
        to country: String, before round: RoundRecord
    ) async throws
        -> [RecommendationRecord]
    {
        let earlier = try await rounds().filter { $0.round.from < round.round.from }.map(\.id)
        guard !earlier.isEmpty else { return [] }
        return try await RecommendationModel.query(on: store.database).filter(\.$country == country)
            .filter(\.$roundID ~~ earlier).sort(\.$createdAt).all().map(Self.recommendation)
    }

    static func recommendation(_ model: RecommendationModel) -> RecommendationRecord {
        RecommendationRecord(
            id: model.id ?? UUID(), roundID: model.roundID,
            recommendation: Recommendation(country: model.country, text: model.text))
    }
}
