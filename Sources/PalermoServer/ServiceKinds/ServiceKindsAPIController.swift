import Foundation
import PalermoCore
import PalermoReport
import PalermoStore
import Vapor

/// `/api/v1/service-kinds`: the kinds of service referrals, consents and the directory choose from; the system
/// admin and the national coordinator add to the built-in ones.
struct ServiceKindsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("service-kinds", use: list)
        routes.post("service-kinds", use: add)
    }

    func list(_ req: Request) async throws -> [ServiceKindDTO] {
        _ = try req.requirePrincipal()
        return ServiceKindDTO.all(try await req.store.serviceKinds.catalogue(), req.localizer)
    }

    func add(_ req: Request) async throws -> Response {
        let principal = try Self.keeper(req)
        let input = try req.content.decode(ServiceKindInput.self)
        let catalogue = try await req.store.serviceKinds.add(
            ServiceKindDefinition(code: input.code, names: input.names ?? [:]), by: principal)
        guard let added = ServiceKindDTO.all(catalogue, req.localizer).first(where: { $0.code == input.code }) else {
            throw Abort(.internalServerError, reason: "the kind of service was not kept")
        }
        return try await added.encodeResponse(status: .created, for: req)
    }

    /// The system admin or the national coordinator, checked before the body is read.
    static func keeper(_ req: Request) throws -> Principal {
        let principal = try req.requirePrincipal()
        guard ServiceKinds.mayAdd(principal.role) else {
            throw Abort(
                .forbidden, reason: "kinds of service are added by the system admin or the national coordinator")
        }
        return principal
    }
}

struct ServiceKindInput: Content {
    let code: String
    /// Names by language code (en required; fr, es, ru, zh, ar optional).
    let names: [String: String]?
}

/// A kind of service as listed: its code, its name in the reader's language, and whether it is built in.
struct ServiceKindDTO: Content {
    let code: String
    let name: String
    let builtIn: Bool
    let names: [String: String]?

    static func all(_ catalogue: ServiceCatalogue, _ w: Wording) -> [ServiceKindDTO] {
        catalogue.kinds.map { kind in
            ServiceKindDTO(
                code: kind.rawValue, name: w.service(kind, in: catalogue), builtIn: kind.isBuiltIn,
                names: catalogue.added.first { $0.code == kind.rawValue }?.names)
        }
    }
}
