import Foundation
import PalermoCore
import PalermoStore
import Vapor
import XCTVapor
import XCTest

/// A caseworker's trafficking-status decision and closure wait for a supervisor, who approves them or
/// returns them with a comment; both steps are audited.
final class ApprovalTests: XCTestCase {
    func testClosureAndStatusDecisionGoToASupervisor() async throws {
        try await TestWorld.each { world in
            let id = try await world.createCase(as: "a-worker", ["cas_Status": .text("Active")])
            let closing = try await world.api(
                .PATCH, "/api/v1/cases/\(id)", as: "a-worker",
                json: [
                    "fields": [
                        "cas_Status": "Closed", "cas_ReasonForCaseClosure": "Returned home safely",
                        "cas_ClosureDate": "2025-06-01", "prs_Email": "amani@example.org",
                    ]
                ])
            XCTAssertEqual(closing.status, .ok, closing.body.string)
            XCTAssertEqual(closing.headers.first(name: "Palermo-Approval-Requested"), "closure")
            let pending = try closing.content.decode(CaseRecord.self)
            XCTAssertEqual(pending.fields["cas_Status"], .text("Active"), "not closed until a supervisor approves")
            XCTAssertEqual(pending.fields["prs_Email"], .text("amani@example.org"), "other changes apply at once")

            let waiting = try await world.api(.GET, "/api/v1/approvals", as: "a-super").content.decode(
                [CaseApproval].self)
            XCTAssertEqual(waiting.map(\.kind), [.closure])
            XCTAssertEqual(waiting[0].proposal["cas_ReasonForCaseClosure"], .text("Returned home safely"))
            let bySelf = try await world.api(
                .POST, "/api/v1/approvals/\(waiting[0].id)", as: "a-worker", json: ["approve": true])
            XCTAssertEqual(bySelf.status, .forbidden, "a caseworker does not approve")
            let otherOrg = try await world.api(
                .POST, "/api/v1/approvals/\(waiting[0].id)", as: "b-super", json: ["approve": true])
            XCTAssertEqual(otherOrg.status, .notFound)
            let home = try await world.page("/", cookie: try await world.webLogin("a-super")).body.string
            XCTAssertTrue(home.contains("Waiting for your approval") && home.contains("Closing the case"))
            let approved = try await world.api(
                .POST, "/api/v1/approvals/\(waiting[0].id)", as: "a-super", json: ["approve": true])
            XCTAssertEqual(approved.status, .ok, approved.body.string)
            let closed = try await world.api(.GET, "/api/v1/cases/\(id)", as: "a-worker").content.decode(
                CaseRecord.self)
            XCTAssertEqual(closed.fields["cas_Status"], .text("Closed"))
            XCTAssertEqual(closed.fields["cas_ClosureDate"], .text("2025-06-01"))

            // The trafficking status: returned with a comment, which the caseworker sees on her home page.
            let status = try await world.api(
                .PATCH, "/api/v1/cases/\(id)", as: "a-worker",
                json: ["fields": ["vic_TraffickingStatus": "ActualVictimOfTrafficking"]])
            XCTAssertEqual(status.headers.first(name: "Palermo-Approval-Requested"), "trafficking_status")
            let again = try await world.api(
                .PATCH, "/api/v1/cases/\(id)", as: "a-worker",
                json: ["fields": ["vic_TraffickingStatus": "PossibleVictimOfTrafficking"]])
            XCTAssertEqual(again.status, .unprocessableEntity, "one proposal at a time")
            let request = try await world.api(.GET, "/api/v1/approvals", as: "a-super").content.decode(
                [CaseApproval].self)[0]
            let bare = try await world.api(
                .POST, "/api/v1/approvals/\(request.id)", as: "a-super", json: ["approve": false])
            XCTAssertEqual(bare.status, .unprocessableEntity, "a return says why")
            let returned = try await world.api(
                .POST, "/api/v1/approvals/\(request.id)", as: "a-super",
                json: ["approve": false, "comment": "Wait for the police assessment"] as [String: AnyJSON])
            XCTAssertEqual(returned.status, .ok, returned.body.string)
            let unchanged = try await world.api(.GET, "/api/v1/cases/\(id)", as: "a-worker").content.decode(
                CaseRecord.self)
            XCTAssertNil(unchanged.fields["vic_TraffickingStatus"])
            let workerHome = try await world.page("/", cookie: try await world.webLogin("a-worker")).body.string
            XCTAssertTrue(
                workerHome.contains("Returned to you") && workerHome.contains("Wait for the police assessment"))
            let casePage = try await world.page("/cases/\(id)", cookie: try await world.webLogin("a-worker")).body
                .string
            XCTAssertTrue(casePage.contains("Trafficking status decision: returned by a-super"))

            // A supervisor's own change applies at once.
            let direct = try await world.api(
                .PATCH, "/api/v1/cases/\(id)", as: "a-super",
                json: ["fields": ["vic_TraffickingStatus": "ActualVictimOfTrafficking"]])
            XCTAssertNil(direct.headers.first(name: "Palermo-Approval-Requested"))
            XCTAssertEqual(
                try direct.content.decode(CaseRecord.self).fields["vic_TraffickingStatus"],
                .text("ActualVictimOfTrafficking"))

            let audit = try await world.app.palermo.store.audit.entries(forCase: id).map(\.action)
            XCTAssertEqual(audit.filter { $0 == .approvalRequested }.count, 2)
            XCTAssertEqual(audit.filter { $0 == .approve }.count, 1)
            XCTAssertEqual(audit.filter { $0 == .returned }.count, 1)
        }
    }
}

/// A JSON scalar of a test's request body.
enum AnyJSON: Encodable, ExpressibleByBooleanLiteral, ExpressibleByStringLiteral {
    case bool(Bool)
    case text(String)

    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(stringLiteral value: String) { self = .text(value) }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .bool(let value): try container.encode(value)
        case .text(let value): try container.encode(value)
        }
    }
}
