import Foundation
import PalermoCore
import PalermoStore
import Vapor

/// Identification screening through the API (`/api/v1/cases/{id}/screening`) and the case page's form.
struct ScreeningAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("cases", ":id", "screening", use: latest)
        routes.post("cases", ":id", "screening", use: record)
    }

    func latest(_ req: Request) async throws -> ScreeningDTO {
        let principal = try req.requirePrincipal()
        guard let record = try await req.store.screenings.latest(of: req.caseID(), by: principal) else {
            throw Abort(.notFound, reason: "the case has not been screened")
        }
        return ScreeningDTO(record)
    }

    func record(_ req: Request) async throws -> Response {
        let principal = try await req.caseHandler(page: false)
        let screening = try req.content.decode(ScreeningInput.self).screening()
        let record = try await req.store.screenings.record(screening, on: req.caseID(), by: principal)
        return try await ScreeningDTO(record).encodeResponse(status: .created, for: req)
    }
}

struct ScreeningPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("cases", ":id", "screening", use: record)
        routes.post("cases", ":id", "screening", "apply", use: apply)
    }

    func record(_ req: Request) async throws -> Response {
        let principal = try await req.caseHandler(page: true)
        let id = try req.caseID()
        let values = try PostedForm.values(req)
        func flag(_ name: String) -> Bool { values[name]?.contains("1") == true }
        return try await CaseworkPagesController.onCase(req, id, then: "/cases/\(id)#screening") {
            let input = ScreeningInput(
                acts: values["acts"], means: values["means"], purposes: values["purposes"],
                ageUncertain: flag("ageUncertain"), guardian: flag("guardian"),
                bestInterestsOn: values["bestInterestsOn"]?.first, indicators: values["indicators"],
                indicatorForm: values["indicatorForm"]?.first)
            _ = try await req.store.screenings.record(try input.screening(), on: id, by: principal)
        }
    }

    /// Takes the proposed status into the case; a caseworker's decision waits for a supervisor.
    func apply(_ req: Request) async throws -> Response {
        let principal = try await req.caseHandler(page: true)
        let id = try req.caseID()
        return try await CaseworkPagesController.onCase(req, id, then: "/cases/\(id)?saved=1#screening") {
            guard let latest = try await req.store.screenings.latest(of: id, by: principal) else {
                throw ValidationFailure([
                    ValidationIssue(field: "screening", message: "screen the case first", code: "required")
                ])
            }
            _ = try await req.store.cases.update(
                id, changes: ["vic_TraffickingStatus": .text(latest.proposal.status)], expectedVersion: nil,
                by: principal)
        }
    }
}
