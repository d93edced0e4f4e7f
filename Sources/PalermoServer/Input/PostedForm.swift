import Vapor

/// An HTML form as posted: `application/x-www-form-urlencoded`, decoded by Vapor's form decoder.
enum PostedForm {
    /// No separator splits a value: a caseworker's text may hold commas and bars.
    static let decoder = URLEncodedFormDecoder(configuration: .init(arraySeparators: []))

    /// Every field with all the values sent under its name. Another content type answers 415, a body that is
    /// not a form 400, both before anything is written.
    static func values(_ req: Request) throws -> [String: [String]] {
        guard req.headers.contentType == .urlEncodedForm else {
            throw Abort(.unsupportedMediaType, reason: "send the form as application/x-www-form-urlencoded")
        }
        do {
            return try req.content.decode([String: [String]].self, using: decoder)
        } catch let error as any AbortError {
            throw error
        } catch {
            throw Abort(.badRequest, reason: "the form could not be read as application/x-www-form-urlencoded")
        }
    }

    /// Every field with the last value sent under its name.
    static func fields(_ req: Request) throws -> [String: String] {
        try values(req).compactMapValues(\.last)
    }
}
