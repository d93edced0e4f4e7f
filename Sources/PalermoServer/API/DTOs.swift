import Foundation
import PalermoCore
import PalermoStore
import Vapor

extension CaseRecord: Content {}
extension CasePage: Content {}

struct CaseInput: Content {
    let fields: [String: FieldValue?]
    /// On update: the version the client last read; a stale one gets 409 Conflict.
    let version: Int?
}

struct HistoryEntry: Content {
    let sequence: Int
    let at: Date
    let actor: String
    let action: String
    let fields: [String]
    let detail: String

    init(_ record: AuditRecord) {
        sequence = record.sequence
        at = record.at
        actor = record.actorName
        action = record.action.rawValue
        fields = record.fields
        detail = record.detail
    }
}

struct TokenRequest: Content {
    let username: String
    let password: String
    let name: String?
}

struct TokenResponse: Content {
    let token: String
    let expiresAt: Date
}

struct OrganisationDTO: Content {
    let id: UUID?
    let name: String
    let kind: String
    let country: String

    init(_ model: OrganisationModel) {
        id = model.id
        name = model.name
        kind = model.kind
        country = model.country
    }
}

struct UserDTO: Content {
    let id: UUID?
    let organisationId: UUID
    let username: String
    let displayName: String
    let role: String
    let disabled: Bool

    init(_ model: UserModel) {
        id = model.id
        organisationId = model.$organisation.id
        username = model.username
        displayName = model.displayName
        role = model.role
        disabled = model.disabledAt != nil
    }
}

struct NewUser: Content {
    let username: String
    let displayName: String
    let role: String
    let password: String
    let organisationId: UUID?
}

struct NewOrganisation: Content {
    let name: String
    let kind: String
    let country: String
}

extension Request {
    /// The `:id` parameter as a UUID; anything else cannot name a case, so it is 404 like a missing one.
    func caseID() throws -> UUID {
        guard let id = parameters.get("id", as: UUID.self) else { throw StoreError.notFound }
        return id
    }

    func organisation(of principal: Principal) async throws -> OrganisationModel {
        guard let organisation = try await OrganisationModel.find(principal.organisationID, on: store.database) else {
            throw Abort(.forbidden, reason: "the user's organisation no longer exists")
        }
        return organisation
    }
}

extension Response {
    /// A file for the browser to save.
    static func download(_ data: Data, contentType: String, filename: String) -> Response {
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: contentType)
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(filename)\"")
        return response
    }
}
