import Foundation
import PalermoCore
import PalermoStore
import Vapor

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
    /// A file for the browser to save. The name may have come from an upload: anything but ASCII letters, digits,
    /// dots, dashes and underscores becomes an underscore, so no quote or line break reaches the header.
    static func download(_ data: Data, contentType: String, filename: String) -> Response {
        let safe = String(
            filename.unicodeScalars.prefix(120).map { scalar -> Character in
                scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "._-".unicodeScalars.contains(scalar))
                    ? Character(scalar) : "_"
            })
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: contentType)
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(safe)\"")
        return response
    }
}

extension Request {
    /// A user who handles cases: signed in on a page (`page`) or by token; anyone else is refused before
    /// a byte of the body is read.
    func caseHandler(page: Bool) async throws -> Principal {
        let principal = page ? try signedIn() : try requirePrincipal()
        try await store.cases.requireCaseAccess(principal, caseID: nil)
        return principal
    }

    /// An id from the path; anything else is a page that does not exist.
    func uuid(_ name: String) throws -> UUID {
        guard let id = parameters.get(name, as: UUID.self) else { throw StoreError.notFound }
        return id
    }
}
