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
