import Foundation
import PalermoCore
import PalermoServer
import PalermoStore
import SQLKit
import Vapor
import XCTest

final class AuditVerifyCommandTests: XCTestCase {
    /// `palermo audit verify` passes on an untouched log, and fails naming the row someone edited.
    func testTamperingWithOneRowIsNamed() async throws {
        for postgres in PalermoCLI.variants {
            let cli = try PalermoCLI.fresh(postgres: postgres)
            let demo = try cli.run(["demo", "--cases", "12"])
            XCTAssertEqual(demo.status, 0, demo.output)
            let intact = try cli.run(["audit", "verify"])
            XCTAssertEqual(intact.status, 0, intact.output)
            XCTAssertTrue(intact.output.contains("intact"), intact.output)

            try await tamper(cli, "UPDATE audit_log SET detail = 'nothing to see' WHERE seq = 7")
            let broken = try cli.run(["audit", "verify"])
            XCTAssertEqual(broken.status, 1, broken.output)
            XCTAssertTrue(broken.output.contains("audit entry 7:"), broken.output)
            XCTAssertTrue(broken.output.contains("NOT intact"), broken.output)
        }
    }

    /// Cutting entries off the end and rewinding the head, or deleting the head row, no longer passes; a
    /// checkpoint kept outside the database proves the cut, and a forged or foreign checkpoint is refused.
    func testTruncationIsFoundWithACheckpoint() async throws {
        for postgres in PalermoCLI.variants {
            let cli = try PalermoCLI.fresh(postgres: postgres)
            XCTAssertEqual(try cli.run(["demo", "--cases", "12"]).status, 0)
            let printed = try cli.run(["audit", "checkpoint"])
            XCTAssertEqual(printed.status, 0, printed.output)
            let line = try XCTUnwrap(printed.output.split(separator: "\n").last { $0.hasPrefix("{") })
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("checkpoint-\(UUID().uuidString).json")
            try Data(line.utf8).write(to: file)
            let mark = try AuditCheckpoint(json: Data(line.utf8))
            XCTAssertGreaterThan(mark.sequence, 5)
            let holds = try cli.run(["audit", "verify", "--checkpoint", file.path])
            XCTAssertEqual(holds.status, 0, holds.output)

            // Cut the last three entries and rewind the head to the entry before them: the chain alone still fits.
            let keep = mark.sequence - 3
            try await tamper(cli, "DELETE FROM audit_log WHERE seq > \(keep)")
            try await tamper(cli, "UPDATE audit_head SET seq = \(keep), hash = (SELECT hash FROM audit_log WHERE seq = \(keep)) WHERE id = 1")
            let cut = try cli.run(["audit", "verify", "--checkpoint", file.path])
            XCTAssertEqual(cut.status, 1, cut.output)
            XCTAssertTrue(cut.output.contains("cut off"), cut.output)

            // A checkpoint whose numbers were edited does not carry a valid signature.
            let forged = line.replacingOccurrences(of: "\"sequence\":\(mark.sequence)", with: "\"sequence\":\(keep)")
            try Data(forged.utf8).write(to: file)
            let refused = try cli.run(["audit", "verify", "--checkpoint", file.path])
            XCTAssertEqual(refused.status, 1, refused.output)
            XCTAssertTrue(refused.output.contains("signature"), refused.output)

            // Deleting the head row is found without any checkpoint.
            try await tamper(cli, "DELETE FROM audit_head")
            let headless = try cli.run(["audit", "verify"])
            XCTAssertEqual(headless.status, 1, headless.output)
            XCTAssertTrue(headless.output.contains("head row is missing"), headless.output)
        }
    }

    private func tamper(_ cli: PalermoCLI, _ statement: String) async throws {
        let app = try await Application.make(.testing)
        let keys = try KeyRing(json: Data(contentsOf: URL(fileURLWithPath: cli.keyFile)))
        try await configure(app, ServerConfiguration(database: DatabaseLocation(cli.database), keyFile: cli.keyFile, passwordCost: 4), keyRing: keys)
        do {
            try await (app.db as! any SQLDatabase).raw(SQLQueryString(statement)).run()
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}
