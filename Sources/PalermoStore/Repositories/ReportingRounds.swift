import FluentKit
import Foundation
import PalermoCore
import SQLKit

public final class ReportingRoundModel: Model, @unchecked Sendable {
    public static let schema = "reporting_rounds"

    @ID(key: .id) public var id: UUID?
    @Field(key: "document") public var document: String
    @Field(key: "open") public var open: Bool
    @Field(key: "opened_by") public var openedBy: UUID
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}

public final class StateReportModel: Model, @unchecked Sendable {
    public static let schema = "state_reports"

    @ID(key: .id) public var id: UUID?
    @Field(key: "round_id") public var roundID: UUID
    @Field(key: "country") public var country: String
    @Field(key: "plan_id") public var planID: UUID
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "document") public var document: String
    @Field(key: "filed_by") public var filedBy: UUID
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}

public struct AddReportingRounds: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(ReportingRoundModel.schema)
            .id()
            .field("document", .string, .required)
            .field("open", .bool, .required)
            .field("opened_by", .uuid, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema(StateReportModel.schema)
            .id()
            .field("round_id", .uuid, .required, .references(ReportingRoundModel.schema, "id"))
            .field("country", .string, .required)
            .field("plan_id", .uuid, .required, .references(NationalPlanModel.schema, "id"))
            .field("organisation_id", .uuid, .required)
            .field("document", .string, .required)
            .field("filed_by", .uuid, .required)
            .field("updated_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "round_id", "country")
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(StateReportModel.schema).delete()
        try await database.schema(ReportingRoundModel.schema).delete()
    }
}

public struct RoundRecord: Sendable, Equatable {
    public let id: UUID
    public let round: ReportingRound
    public let open: Bool
}

public struct ReportRecord: Sendable, Equatable {
    public let id: UUID
    public let roundID: UUID
    public let country: String
    public let planID: UUID
    public let report: StateReport
    public let updatedAt: Date?
}

/// Reporting rounds, opened and closed by the secretariat (the system admin), and the one report per State and
/// round that its national coordinator (the focal point) files against the State's published plan. Reports are
/// read by everyone signed in; no score or ranking is made of them.
public struct ReportingRounds: Sendable {
    let store: Store

    public func rounds() async throws -> [RoundRecord] {
        try await ReportingRoundModel.query(on: store.database).sort(\.$createdAt, .descending).all().map(Self.round)
    }

    public func round(_ id: UUID) async throws -> RoundRecord {
        guard let model = try await ReportingRoundModel.find(id, on: store.database) else { throw StoreError.notFound }
        return try Self.round(model)
    }

    public func open(_ round: ReportingRound, by principal: Principal) async throws -> RoundRecord {
        guard principal.role == .systemAdmin else { throw StoreError.forbidden("rounds are opened by the secretariat") }
        let issues = round.problems()
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        let model = ReportingRoundModel()
        model.id = UUID()
        model.document = String(decoding: try JSONEncoder.sorted.encode(round), as: UTF8.self)
        model.open = true
        model.openedBy = principal.userID
        try await save(model, "reporting round opened", by: principal)
        return try Self.round(model)
    }

    public func close(_ id: UUID, by principal: Principal) async throws -> RoundRecord {
        guard principal.role == .systemAdmin else { throw StoreError.forbidden("rounds are closed by the secretariat") }
        guard let model = try await ReportingRoundModel.find(id, on: store.database) else { throw StoreError.notFound }
        model.open = false
        try await save(model, "reporting round closed", by: principal)
        return try Self.round(model)
    }

    public func reports(of roundID: UUID) async throws -> [ReportRecord] {
        try await StateReportModel.query(on: store.database).filter(\.$roundID == roundID).sort(\.$country).all()
            .map(Self.report)
    }

    /// How many reports each round has, counted in one query rather than by reading every report.
    public func reportCounts() async throws -> [UUID: Int] {
        struct Row: Decodable {
            let round_id: UUID
            let n: Int
        }
        let rows = try await store.sql.raw("SELECT round_id, COUNT(*) AS n FROM state_reports GROUP BY round_id")
            .all(decoding: Row.self)
        return Dictionary(rows.map { ($0.round_id, $0.n) }, uniquingKeysWith: +)
    }

    /// The published national plan the coordinator's State reports against (the latest published).
    public func plan(for principal: Principal) async throws -> NationalPlanRecord {
        guard principal.role == .nationalCoordinator else {
            throw StoreError.forbidden("a State's report is filed by its national coordinator")
        }
        let country = try await OrganisationModel.find(principal.organisationID, on: store.database)?.country ?? ""
        guard
            let model = try await NationalPlanModel.query(on: store.database).filter(\.$country == country)
                .filter(\.$kind == NationalPlan.Kind.national.rawValue)
                .filter(\.$status == NationalPlanStatus.published.rawValue).sort(\.$publishedAt, .descending).first()
        else {
            throw ValidationFailure([
                ValidationIssue(
                    field: "plan", message: "the State has no published national plan to report on",
                    code: "reportNoPlan")
            ])
        }
        return try NationalPlans.record(model)
    }

    /// The report as it would be filed: what was filed before, with every indicator Palermo computes filled in.
    public func draft(_ roundID: UUID, by principal: Principal) async throws -> StateReport {
        let plan = try await plan(for: principal)
        let round = try await round(roundID)
        let filed = try await StateReportModel.query(on: store.database).filter(\.$roundID == roundID)
            .filter(\.$country == plan.plan.country).first().map(Self.report)
        return try await computed(filed?.report ?? StateReport(), plan: plan.plan, round: round.round)
    }

    /// Files (or, while the round is open, files again) the State's report. Computed indicators are counted
    /// here, whatever the request said of them.
    public func file(_ roundID: UUID, _ report: StateReport, by principal: Principal) async throws -> ReportRecord {
        let plan = try await plan(for: principal)
        let round = try await round(roundID)
        guard round.open else {
            throw ValidationFailure([
                ValidationIssue(field: "round", message: "the round is closed", code: "roundClosed")
            ])
        }
        let posted = report
        let report = try await computed(posted, plan: plan.plan, round: round.round)
        // Problems are named by the posted report's positions, which computing moves; a posted value Palermo
        // replaces with its own count is no problem.
        let replaced = Set(report.indicators.filter(\.computed).map { [$0.objective, $0.indicator] })
        let recommendations = try await earlierRecommendations(to: plan.plan.country, before: round).map(\.id)
        let issues = posted.problems(plan: plan.plan, round: round.round, recommendations: Set(recommendations))
            .filter { issue in
                guard let k = issue.position(in: "indicators"), posted.indicators.indices.contains(k) else {
                    return true
                }
                return !replaced.contains([posted.indicators[k].objective, posted.indicators[k].indicator])
            }
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        let model =
            try await StateReportModel.query(on: store.database).filter(\.$roundID == roundID)
            .filter(\.$country == plan.plan.country).first() ?? StateReportModel()
        if model.id == nil {
            model.id = UUID()
            model.roundID = roundID
            model.country = plan.plan.country
        }
        model.planID = plan.id
        model.organisationID = principal.organisationID
        model.document = String(decoding: try JSONEncoder.sorted.encode(report), as: UTF8.self)
        model.filedBy = principal.userID
        try await save(model, "State report filed", by: principal)
        return try Self.report(model)
    }

    /// Replaces the values of the indicators Palermo computes with its own count over the round's period.
    func computed(_ report: StateReport, plan: NationalPlan, round: ReportingRound) async throws -> StateReport {
        var report = report
        report.indicators.removeAll { $0.computed }
        for (o, objective) in plan.objectives.enumerated() {
            for (i, indicator) in objective.indicators.enumerated() {
                guard let measure = indicator.computed.flatMap(PlanMeasure.init(rawValue:)),
                    let figure = try await store.planFigures.figure(
                        measure, country: plan.country, from: round.from, to: round.to)
                else { continue }
                report.indicators.removeAll { $0.objective == o && $0.indicator == i }
                report.indicators.append(
                    .init(
                        objective: o, indicator: i, value: figure.value, source: "Palermo", computed: true,
                        query: figure.query))
            }
        }
        report.indicators.sort { ($0.objective, $0.indicator) < ($1.objective, $1.indicator) }
        return report
    }

    private func save(_ model: any Model, _ detail: String, by principal: Principal) async throws {
        try await store.save(model, audited: AuditDraft(actor: principal, action: .update, detail: detail))
    }

    static func round(_ model: ReportingRoundModel) throws -> RoundRecord {
        RoundRecord(
            id: try model.requireID(),
            round: try JSONDecoder().decode(ReportingRound.self, from: Data(model.document.utf8)), open: model.open)
    }

    static func report(_ model: StateReportModel) throws -> ReportRecord {
        ReportRecord(
            id: try model.requireID(), roundID: model.roundID, country: model.country, planID: model.planID,
            report: try JSONDecoder().decode(StateReport.self, from: Data(model.document.utf8)),
            updatedAt: model.updatedAt)
    }
}

extension Store {
    public var reportingRounds: ReportingRounds { ReportingRounds(store: self) }
}

extension ReportingRounds {
    /// The State's latest answer to each question it answered in an earlier round, keyed by the question's
    /// normalised text: a question asked again is filled in from it instead of asked again.
    public func earlierAnswers(
        of country: String, before round: RoundRecord
    ) async throws
        -> [String: (answer: String, round: String)]
    {
        let earlier = try await rounds().filter { $0.round.from < round.round.from }
            .sorted { $0.round.from < $1.round.from }
        var answers: [String: (String, String)] = [:]
        for record in earlier {
            guard
                let report = try await StateReportModel.query(on: store.database).filter(\.$roundID == record.id)
                    .filter(\.$country == country).first().map(Self.report)
            else { continue }
            for answer in report.report.answers where record.round.questions.indices.contains(answer.question) {
                answers[ReportingRound.normalized(record.round.questions[answer.question])] = (
                    answer.text, record.round.title
                )
            }
        }
        return answers
    }
}
