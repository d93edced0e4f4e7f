import FluentKit
import Foundation
import PalermoCore
import PalermoStore
import Vapor
import XCTVapor
import XCTest

/// Evidence documents of a State's report: taken only from the focal point, only of a few kinds recognised by their
/// contents and at most 5 MB, stored encrypted, downloaded intact with the read audited, removed while the round
/// is open; anything else refused with nothing stored.
final class EvidenceTests: XCTestCase {
    static let pdf = Data("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n".utf8)

    func upload(
        _ world: TestWorld, round: UUID, as user: String, name: String, data: Data
    ) async throws -> XCTHTTPResponse {
        let boundary = "palermo-\(UUID().uuidString)"
        var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\n".utf8)
        body += Data("Content-Type: application/octet-stream\r\n\r\n".utf8) + data
        body += Data("\r\n--\(boundary)--\r\n".utf8)
        var captured: XCTHTTPResponse?
        let token = world.tokens[user] ?? ""
        try await world.app.send(
            .POST, "/api/v1/rounds/\(round)/evidence",
            before: { req in
                req.headers.bearerAuthorization = .init(token: token)
                req.headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
                req.body = ByteBuffer(data: body)
            }, after: { captured = $0 })
        return try XCTUnwrap(captured)
    }

    func testEvidenceIsTakenFromTheFocalPointStoredEncryptedAndReadBack() async throws {
        try await TestWorld.each { world in
            try await ReportingRoundTests.publishPlan(&world)
            struct Made: Decodable { let id: UUID; let sha256: String? }
            let round = try await world.api(.POST, "/api/v1/rounds", as: "root", json: ReportingRoundTests.round)
                .content.decode(Made.self).id
            let notHers = try await upload(world, round: round, as: "analyst", name: "a.pdf", data: Self.pdf)
            XCTAssertEqual(notHers.status, .forbidden, "only the focal point attaches")
            let refusals: [(String, Data, String)] = [
                ("report.exe", Data("MZ\u{90}\u{0}".utf8), "fileKind"),
                ("report.pdf", Data("MZ\u{90}\u{0}".utf8), "fileKind"),
                ("page.html", Data("<script>alert(1)</script>".utf8), "fileKind"),
                ("empty.pdf", Data(), "fileEmpty"),
                ("big.pdf", Self.pdf + Data(count: EvidenceFile.maxBytes), "fileTooLarge"),
            ]
            for (name, data, code) in refusals {
                let refused = try await upload(world, round: round, as: "coordinator", name: name, data: data)
                XCTAssertTrue(
                    [.unprocessableEntity, .payloadTooLarge].contains(refused.status), "\(name): \(refused.status)")
                if refused.status == .unprocessableEntity {
                    XCTAssertTrue(refused.body.string.contains(code), "\(name): \(refused.body.string)")
                }
            }
            let store = world.app.palermo.store
            let nothing = try await ReportEvidenceModel.query(on: store.database).count()
            XCTAssertEqual(nothing, 0, "nothing was stored")

            let made = try await upload(
                world, round: round, as: "coordinator", name: "inspections (2025) \u{FC}.pdf", data: Self.pdf)
            XCTAssertEqual(made.status, .created, made.body.string)
            let id = try made.content.decode(Made.self).id
            let stored = try await ReportEvidenceModel.find(id, on: store.database)
            let sealed = try XCTUnwrap(stored?.sealed)
            XCTAssertFalse(sealed.contains("PDF"), "stored encrypted")
            XCTAssertFalse(
                Data(base64Encoded: String(sealed.split(separator: ":").last ?? ""))?.contains(Self.pdf) ?? true)

            let read = try await world.api(.GET, "/api/v1/rounds/\(round)/evidence/\(id)", as: "analyst")
            XCTAssertEqual(read.status, .ok)
            XCTAssertEqual(Data(buffer: read.body), Self.pdf, "read back intact")
            XCTAssertEqual(read.headers.contentType?.description, "application/pdf")
            let disposition = read.headers.first(name: .contentDisposition) ?? ""
            XCTAssertEqual(
                disposition, "attachment; filename=\"inspections__2025___.pdf\"",
                "only safe characters reach the header")
            let audited = try await AuditEntryModel.query(on: store.database).all()
                .filter { $0.detail == "evidence read: \(id)" }
            XCTAssertEqual(audited.count, 1, "the read is audited")

            let coordinator = try await world.webLogin("coordinator")
            let page = try await world.page("/rounds/\(round)/report", cookie: coordinator).body.string
            XCTAssertTrue(page.contains("id=\"evidence-form\"") && page.contains("inspections"), "listed on the report")
            let removed = try await world.api(.DELETE, "/api/v1/rounds/\(round)/evidence/\(id)", as: "coordinator")
            XCTAssertEqual(removed.status, .noContent)
            let left = try await world.api(.GET, "/api/v1/rounds/\(round)/evidence", as: "analyst")
            XCTAssertEqual(try left.content.decode([Made].self).count, 0)

            _ = try await world.api(.POST, "/api/v1/rounds/\(round)/close", as: "root")
            let late = try await upload(world, round: round, as: "coordinator", name: "late.pdf", data: Self.pdf)
            XCTAssertEqual(late.status, .unprocessableEntity)
            XCTAssertTrue(late.body.string.contains("roundClosed"))
        }
    }
}
