import Foundation
import PalermoCore
import PalermoStore
import Vapor

extension GoodPractice: Content {}

/// `/api/v1/practices`: good practices linked to the Plan's paragraphs, submitted by any organisation, reviewed by
/// the secretariat, and searched by words, paragraph, country and theme.
struct PracticesAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("practices", use: search)
        routes.post("practices", use: submit)
        routes.get("practices", "unpublished", use: unpublished)
        routes.get("practices", ":practice", use: read)
        routes.put("practices", ":practice", use: revise)
        routes.post("practices", ":practice", ":decision", use: review)
    }

    func search(_ req: Request) async throws -> [PracticeDTO] {
        _ = try req.requirePrincipal()
        return try await req.store.goodPractices.search(Self.query(req)).map(PracticeDTO.init)
    }

    func unpublished(_ req: Request) async throws -> [PracticeDTO] {
        let principal = try req.requirePrincipal()
        return try await req.store.goodPractices.unpublished(by: principal).map(PracticeDTO.init)
    }

    func read(_ req: Request) async throws -> PracticeDTO {
        let principal = try req.requirePrincipal()
        return PracticeDTO(try await req.store.goodPractices.read(req.uuid("practice"), by: principal))
    }

    func submit(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let record = try await req.store.goodPractices.submit(req.content.decode(GoodPractice.self), by: principal)
        return try await PracticeDTO(record).encodeResponse(status: .created, for: req)
    }

    func revise(_ req: Request) async throws -> PracticeDTO {
        let principal = try req.requirePrincipal()
        let id = try req.uuid("practice")
        return PracticeDTO(
            try await req.store.goodPractices.revise(id, req.content.decode(GoodPractice.self), by: principal))
    }

    struct ReviewBody: Content {
        let comment: String?
    }

    func review(_ req: Request) async throws -> PracticeDTO {
        let principal = try req.requirePrincipal()
        guard let decision = req.parameters.get("decision").flatMap(GoodPractices.Decision.init(rawValue:)) else {
            throw Abort(.notFound)
        }
        guard GoodPractices.reviews(principal.role) else {
            throw Abort(.forbidden, reason: "the secretariat reviews practices")
        }
        let id = try req.uuid("practice")
        let comment = req.body.data == nil ? nil : try req.content.decode(ReviewBody.self).comment
        return PracticeDTO(try await req.store.goodPractices.review(id, decision, comment: comment, by: principal))
    }

    /// The search from the query string, each part checked: a paragraph of the Plan, a country, a heading.
    static func query(_ req: Request) throws -> PracticeQuery {
        func part(_ name: String) -> String? { req.queryText(name) }
        let words = part("q") ?? ""
        guard words.count <= 500 else {
            throw ValidationFailure([
                ValidationIssue(
                    field: "q", message: "must be at most 500 characters", code: "tooLong", values: ["max": "500"])
            ])
        }
        var issues: [ValidationIssue] = []
        let plan = PlanOfAction.current
        let paragraph = part("paragraph")
        if let paragraph, plan?.paragraph(paragraph) == nil {
            issues.append(
                ValidationIssue(
                    field: "paragraph", message: "is not a paragraph of the Plan", code: "planParagraph",
                    values: ["value": paragraph]))
        }
        let country = part("country")
        if let country, Countries.find(country) == nil {
            issues.append(
                ValidationIssue(
                    field: "country", message: "is not a country code", code: "notACountry", values: ["value": country])
            )
        }
        let theme = part("theme")
        if let theme, plan?.sections.contains(where: { $0.id == theme }) != true {
            issues.append(
                ValidationIssue(
                    field: "theme", message: "is not a heading of the Plan", code: "notInList", values: ["value": theme]
                ))
        }
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        return PracticeQuery(words: words, paragraph: paragraph, country: country, theme: theme)
    }
}

struct PracticeDTO: Content {
    let id: UUID
    let organisationId: UUID
    let status: String
    let practice: GoodPractice
    let comment: String?
    let publishedAt: Date?
    let updatedAt: Date?

    init(_ record: PracticeRecord) {
        id = record.id
        organisationId = record.organisationID
        status = record.status.rawValue
        practice = record.practice
        comment = record.comment
        publishedAt = record.publishedAt
        updatedAt = record.updatedAt
    }
}
