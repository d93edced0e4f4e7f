import Foundation
import PalermoCore
import PalermoStore
import Vapor

extension CaseStatistics.Breakdown: Content {}

/// Vocabularies, aggregate statistics and the audit check.
struct ReferenceAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("fields", use: fields)
        routes.get("picklists", use: picklists)
        routes.get("countries", use: countries)
        routes.get("stats", "cases", use: statistics)
        routes.get("stats", "estimate", use: estimate)
        routes.get("audit", "verify", use: verifyAudit)
    }

    struct FieldDTO: Content {
        let name: String
        let label: String
        let section: String
        let kind: String
        let picklist: String?
        let personal: Bool
    }

    func fields(_ req: Request) throws -> [FieldDTO] {
        _ = try req.requirePrincipal()
        return HTCDS.fields.map { field in
            let (kind, list): (String, String?) =
                switch field.kind {
                case .text: ("text", nil)
                case .date: ("date", nil)
                case .boolean: ("boolean", nil)
                case .country: ("country", nil)
                case .one(let name): ("one", name)
                case .many(let name): ("many", name)
                }
            return FieldDTO(
                name: field.name, label: field.label, section: field.section.rawValue, kind: kind, picklist: list,
                personal: field.personal)
        }
    }

    func picklists(_ req: Request) throws -> [String: [Picklist.Entry]] {
        _ = try req.requirePrincipal()
        return Picklists.all.mapValues(\.entries)
    }

    func countries(_ req: Request) throws -> [Country] {
        _ = try req.requirePrincipal()
        return Countries.all
    }

    func statistics(_ req: Request) async throws -> CaseStatistics.Breakdown {
        let by = (try? req.query.get(String.self, at: "by")) ?? "status"
        guard let dimension = CaseStatistics.Dimension(rawValue: by) else {
            throw ValidationFailure([
                .init(
                    field: "by",
                    message:
                        "must be one of \(CaseStatistics.Dimension.allCases.map(\.rawValue).joined(separator: ", "))")
            ])
        }
        let principal = try req.requirePrincipal()
        return try await StatisticsService.caseStatistics(req).breakdown(
            by: dimension, for: principal, protection: try StatisticsService.protection(req))
    }

    func estimate(_ req: Request) async throws -> EstimateDTO {
        _ = try EstimateService.requireEstimator(req)
        return EstimateDTO(try await EstimateService.run(req, try EstimateService.Query(req)))
    }

    struct AuditStatus: Content {
        let intact: Bool
        let brokenAt: Int?
        let reason: String?
    }

    func verifyAudit(_ req: Request) async throws -> AuditStatus {
        guard try req.requirePrincipal().role == .systemAdmin else {
            throw Abort(.forbidden, reason: "only a system admin verifies the audit log")
        }
        let broken = try await req.store.audit.verify()
        return AuditStatus(intact: broken == nil, brokenAt: broken?.sequence, reason: broken?.reason)
    }
}

extension Country: Content {}
extension Picklist.Entry: Content {}
