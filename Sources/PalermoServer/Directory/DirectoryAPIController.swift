import Foundation
import PalermoCore
import PalermoIO
import PalermoStore
import Vapor

/// `/api/v1/services`: the directory of services, searchable and exportable; an organisation's supervisors
/// and admins keep its entries.
struct DirectoryAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("services", use: search)
        routes.get("services", "export", use: export)
        routes.post("services", use: add)
        routes.patch("services", ":offer", use: change)
    }

    func search(_ req: Request) async throws -> [ServiceOffer] {
        let principal = try req.requirePrincipal()
        return try await req.store.directory.search(req.directorySearch(), by: principal)
    }

    func export(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let offers = try await req.store.directory.search(req.directorySearch(), by: principal)
        return try DirectoryTable.download(offers)
    }

    func add(_ req: Request) async throws -> Response {
        let principal = try Self.keeper(req)
        let offer = try req.content.decode(ServiceOfferInput.self).offer(of: principal.organisationID)
        return try await req.store.directory.save(offer, by: principal).encodeResponse(status: .created, for: req)
    }

    func change(_ req: Request) async throws -> ServiceOffer {
        let principal = try Self.keeper(req)
        let id = try req.uuid("offer")
        let offer = try req.content.decode(ServiceOfferInput.self).offer(of: principal.organisationID)
        return try await req.store.directory.save(offer, id: id, by: principal)
    }

    /// Supervisors and organisation admins, checked before the body is read.
    static func keeper(_ req: Request) throws -> Principal {
        let principal = try req.requirePrincipal()
        guard principal.role.assignsCases else {
            throw Abort(.forbidden, reason: "the organisation's entries are kept by its supervisors and admins")
        }
        return principal
    }
}

/// The directory as a spreadsheet: one row an entry, lists joined with spaces.
enum DirectoryTable {
    static let header = [
        "organisation", "service", "country", "area", "for_sexes", "for_ages", "for_nationalities", "for_forms",
        "capacity", "available", "languages", "hours", "contact", "last_checked",
    ]

    static func download(_ offers: [ServiceOffer]) throws -> Response {
        Response.download(
            try SheetFormat.csv.write(rows(offers)), contentType: SheetFormat.csv.contentType,
            filename: "palermo-services.csv")
    }

    static func rows(_ offers: [ServiceOffer]) -> [[String]] {
        [header]
            + offers.map { offer in
                [
                    offer.organisationName ?? "", offer.kind.rawValue, offer.country, offer.area,
                    offer.forSexes.joined(separator: " "), offer.forAges.map(\.rawValue).joined(separator: " "),
                    offer.forNationalities.joined(separator: " "), offer.forForms.joined(separator: " "),
                    String(offer.capacity), String(offer.available), offer.languages.joined(separator: " "),
                    offer.hours,
                    offer.contact, offer.lastChecked,
                ]
            }
    }
}
