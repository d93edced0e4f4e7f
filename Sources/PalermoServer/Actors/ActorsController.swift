import Foundation
import PalermoCore
import PalermoStore
import Vapor

/// `/actors` and `/api/v1/actors`: the Plan's actors, for everyone signed in.
struct ActorsPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("actors", use: page)
    }

    func page(_ req: Request) async throws -> Response {
        _ = try req.signedIn()
        let view = ActorsPage(req.localizer, actors: try await req.store.actors.all())
        return req.page(title: view.title, view.view)
    }
}

struct ActorsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("actors", use: list)
    }

    struct ActorDTO: Content {
        let organisationId: UUID
        let name: String
        let kind: String
        let group: String
        let country: String
        let region: String?
        let publishedPlans: Int
        let publishedPractices: Int
    }

    func list(_ req: Request) async throws -> [ActorDTO] {
        _ = try req.requirePrincipal()
        return try await req.store.actors.all().map {
            ActorDTO(
                organisationId: $0.organisationID, name: $0.name, kind: $0.kind.rawValue, group: $0.group.rawValue,
                country: $0.country, region: $0.region, publishedPlans: $0.plans, publishedPractices: $0.practices)
        }
    }
}
