import Foundation
import PalermoCore
import PalermoStore
import Vapor

extension NationalPlan: Content {}

/// `/api/v1/national-plans`: national action plans and other actors' commitments, drafted, submitted, approved
/// or returned, and published.
struct NationalPlansAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("national-plans", use: list)
        routes.post("national-plans", use: create)
        routes.get("national-plans", ":plan", use: read)
        routes.put("national-plans", ":plan", use: update)
        routes.post("national-plans", ":plan", ":step", use: step)
    }

    func list(_ req: Request) async throws -> [NationalPlanDTO] {
        let principal = try req.requirePrincipal()
        return try await req.store.nationalPlans.list(by: principal).map(NationalPlanDTO.init)
    }

    func read(_ req: Request) async throws -> NationalPlanDTO {
        let principal = try req.requirePrincipal()
        return NationalPlanDTO(try await req.store.nationalPlans.read(req.uuid("plan"), by: principal))
    }

    func create(_ req: Request) async throws -> Response {
        let principal = try Self.drafter(req)
        let plan = try req.content.decode(NationalPlan.self)
        let record = try await req.store.nationalPlans.create(plan, by: principal)
        return try await NationalPlanDTO(record).encodeResponse(status: .created, for: req)
    }

    struct Change: Content {
        let version: Int?
        let plan: NationalPlan
    }

    func update(_ req: Request) async throws -> NationalPlanDTO {
        let principal = try Self.drafter(req)
        let id = try req.uuid("plan")
        let change = try req.content.decode(Change.self)
        return NationalPlanDTO(
            try await req.store.nationalPlans.update(id, change.plan, expectedVersion: change.version, by: principal))
    }

    struct StepBody: Content {
        let comment: String?
    }

    func step(_ req: Request) async throws -> NationalPlanDTO {
        let principal = try req.requirePrincipal()
        guard let step = req.parameters.get("step").flatMap(NationalPlans.Step.init(rawValue:)) else {
            throw Abort(.notFound)
        }
        guard Self.maySomething(principal.role) else { throw Abort(.forbidden, reason: "not a role that keeps plans") }
        let id = try req.uuid("plan")
        let comment = req.body.data == nil ? nil : try req.content.decode(StepBody.self).comment
        return NationalPlanDTO(try await req.store.nationalPlans.step(id, step, comment: comment, by: principal))
    }

    static func maySomething(_ role: Role) -> Bool {
        NationalPlans.drafts(.national, role) || NationalPlans.drafts(.commitment, role)
            || NationalPlans.approves(role)
    }

    /// A national coordinator, or an organisation's supervisor or admin: checked before the body is read.
    static func drafter(_ req: Request) throws -> Principal {
        let principal = try req.requirePrincipal()
        guard NationalPlans.drafts(.national, principal.role) || NationalPlans.drafts(.commitment, principal.role)
        else {
            throw Abort(.forbidden, reason: "plans are drafted by national coordinators, supervisors and admins")
        }
        return principal
    }
}

struct NationalPlanDTO: Content {
    let id: UUID
    let organisationID: UUID
    let status: String
    let version: Int
    let comment: String?
    let updatedAt: Date?
    let plan: NationalPlan

    init(_ record: NationalPlanRecord) {
        id = record.id
        organisationID = record.organisationID
        status = record.status.rawValue
        version = record.version
        comment = record.comment
        updatedAt = record.updatedAt
        plan = record.plan
    }
}
