import Foundation
import PalermoCore
import PalermoStore
import Vapor

extension ReportingRound: Content {}
extension StateReport: Content {}
extension Recommendation: Content {}

/// `/api/v1/rounds`: reporting rounds opened and closed by the secretariat (system admin), and each State's
/// report filed by its national coordinator against its published plan; computed indicators come with their query.
struct ReportingAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("rounds", use: list)
        routes.post("rounds", use: open)
        routes.get("rounds", ":round", use: read)
        routes.post("rounds", ":round", "close", use: close)
        routes.get("rounds", ":round", "report", use: draft)
        routes.put("rounds", ":round", "report", use: file)
        routes.get("rounds", ":round", "appraisal", use: appraisal)
        routes.get("rounds", ":round", "recommendations", use: recommendations)
        routes.post("rounds", ":round", "recommendations", use: recommend)
    }

    struct RecommendationDTO: Content {
        let id: UUID
        let round: UUID
        let country: String
        let text: String

        init(_ record: RecommendationRecord) {
            id = record.id
            round = record.roundID
            country = record.recommendation.country
            text = record.recommendation.text
        }
    }

    func recommendations(_ req: Request) async throws -> [RecommendationDTO] {
        _ = try req.requirePrincipal()
        let round = try await req.store.reportingRounds.round(req.uuid("round"))
        return try await req.store.reportingRounds.recommendations(after: round.id).map(RecommendationDTO.init)
    }

    func recommend(_ req: Request) async throws -> Response {
        let principal = try Self.secretariat(req)
        let id = try req.uuid("round")
        let record = try await req.store.reportingRounds.recommend(
            req.content.decode(Recommendation.self), after: id, by: principal)
        return try await RecommendationDTO(record).encodeResponse(status: .created, for: req)
    }

    struct AppraisalDTO: Content {
        struct State: Content { let country: String; let planTitle: String; let reported: Bool }
        struct Coverage: Content { let paragraph: String; let plans: Int; let measures: Int; let reported: Int }
        struct Region: Content { let region: String; let states: Int; let reported: Int }
        struct Indicator: Content {
            let country: String, name: String, unit: String
            let baseline: Double?, target: Double?, value: Double?, source: String?, computed: Bool
        }
        struct Budget: Content { let country: String, currency: String, budget: Double, spent: Double }
        struct FollowUp: Content { let country: String, recommendation: String, progress: String?, note: String? }
        let round: UUID
        let states: [State]
        let reportingRate: Double?
        let coverage: [Coverage]
        let regions: [Region]
        let gaps: [String]
        let indicators: [Indicator]
        let budgets: [Budget]
        let followUp: [FollowUp]
    }

    func appraisal(_ req: Request) async throws -> AppraisalDTO {
        _ = try req.requirePrincipal()
        let a = try await req.store.reportingRounds.appraisal(req.uuid("round"))
        return AppraisalDTO(
            round: a.round.id,
            states: a.states.map { .init(country: $0.country, planTitle: $0.planTitle, reported: $0.reported) },
            reportingRate: a.reportingRate,
            coverage: a.coverage.map {
                .init(paragraph: $0.paragraph, plans: $0.plans, measures: $0.measures, reported: $0.reported)
            },
            regions: a.regions.map { .init(region: $0.region, states: $0.states, reported: $0.reported) },
            gaps: a.gaps,
            indicators: a.indicators.map {
                .init(
                    country: $0.country, name: $0.name, unit: $0.unit, baseline: $0.baseline, target: $0.target,
                    value: $0.value, source: $0.source, computed: $0.computed)
            },
            budgets: a.budgets.map {
                .init(country: $0.country, currency: $0.currency, budget: $0.budget, spent: $0.spent)
            },
            followUp: a.followUp.map {
                .init(country: $0.country, recommendation: $0.text, progress: $0.progress?.rawValue, note: $0.note)
            })
    }

    struct RoundDTO: Content {
        let id: UUID
        let open: Bool
        let round: ReportingRound
        let reports: [ReportDTO]?
    }

    struct ReportDTO: Content {
        let id: UUID
        let country: String
        let planID: UUID
        let report: StateReport
        let updatedAt: Date?

        init(_ record: ReportRecord) {
            id = record.id
            country = record.country
            planID = record.planID
            report = record.report
            updatedAt = record.updatedAt
        }
    }

    func list(_ req: Request) async throws -> [RoundDTO] {
        _ = try req.requirePrincipal()
        return try await req.store.reportingRounds.rounds().map {
            RoundDTO(id: $0.id, open: $0.open, round: $0.round, reports: nil)
        }
    }

    func read(_ req: Request) async throws -> RoundDTO {
        _ = try req.requirePrincipal()
        let rounds = req.store.reportingRounds
        let record = try await rounds.round(req.uuid("round"))
        return RoundDTO(
            id: record.id, open: record.open, round: record.round,
            reports: try await rounds.reports(of: record.id).map(ReportDTO.init))
    }

    func open(_ req: Request) async throws -> Response {
        let principal = try Self.secretariat(req)
        let record = try await req.store.reportingRounds.open(
            try req.content.decode(ReportingRound.self), by: principal)
        return try await RoundDTO(id: record.id, open: record.open, round: record.round, reports: [])
            .encodeResponse(status: .created, for: req)
    }

    func close(_ req: Request) async throws -> RoundDTO {
        let principal = try Self.secretariat(req)
        let record = try await req.store.reportingRounds.close(req.uuid("round"), by: principal)
        return RoundDTO(id: record.id, open: record.open, round: record.round, reports: nil)
    }

    func draft(_ req: Request) async throws -> StateReport {
        let principal = try Self.focalPoint(req)
        return try await req.store.reportingRounds.draft(req.uuid("round"), by: principal)
    }

    func file(_ req: Request) async throws -> ReportDTO {
        let principal = try Self.focalPoint(req)
        let id = try req.uuid("round")
        let report = try req.content.decode(StateReport.self)
        return ReportDTO(try await req.store.reportingRounds.file(id, report, by: principal))
    }

    static func secretariat(_ req: Request) throws -> Principal {
        let principal = try req.requirePrincipal()
        guard principal.role == .systemAdmin else {
            throw Abort(.forbidden, reason: "rounds are opened and closed by the secretariat")
        }
        return principal
    }

    static func focalPoint(_ req: Request) throws -> Principal {
        let principal = try req.requirePrincipal()
        guard principal.role == .nationalCoordinator else {
            throw Abort(.forbidden, reason: "a State's report is filed by its national coordinator")
        }
        return principal
    }
}
