import Foundation
import PalermoCore
import PalermoStore
import Vapor

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
