import Foundation
import PalermoCore
import PalermoIO
import XCTest

final class InterruptedImportTests: XCTestCase {
    /// `kill -9` in the middle of a bulk import leaves the whole import or none of it, and an intact audit log.
    func testKillNineDuringImportLeavesAllOrNothing() throws {
        for postgres in PalermoCLI.variants {
            let cli = try PalermoCLI.fresh(postgres: postgres)
            XCTAssertEqual(try cli.run(["demo", "--cases", "0"]).status, 0)
            let rows = 20_000
            var rng = SeededGenerator(seed: 7)
            let fields = HTCDS.fields.map(\.name)
            var table = [fields]
            for index in 0..<rows {
                let record = SyntheticCases.fields(index: index, using: &rng).compactMapValues { $0 }
                table.append(fields.map { record[$0]?.description ?? "" })
            }
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("palermo-big-\(UUID().uuidString).csv")
            try CSVTable.write(table).write(to: file)

            let before = try count(cli)
            let (process, pipe) = try cli.start(["import", "htcds", file.path, "--user", "brian"])
            // Wait until validation is over and the write transaction has begun, then kill without warning.
            var seen = Data()
            while !String(decoding: seen, as: UTF8.self).contains("Writing") {
                let chunk = pipe.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                seen.append(chunk)
            }
            Thread.sleep(forTimeInterval: 0.3)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationReason, .uncaughtSignal, "the import finished before it could be interrupted; make the file bigger")
            XCTAssertTrue(String(decoding: seen, as: UTF8.self).contains("Writing"), "killed inside the write transaction")
            Thread.sleep(forTimeInterval: 1) // let PostgreSQL notice the dead client and roll its transaction back

            let after = try count(cli)
            XCTAssertTrue(after == before || after == before + rows, "\(after - before) of \(rows) cases were left behind")
            let verify = try cli.run(["audit", "verify"])
            XCTAssertEqual(verify.status, 0, verify.output)

            // And the same file, run to the end, imports completely.
            let complete = try cli.run(["import", "htcds", file.path, "--user", "brian"])
            XCTAssertEqual(complete.status, 0, complete.output)
            XCTAssertEqual(try count(cli), after + rows)
        }
    }

    /// Counts cases through the export command (which reads what a user could read).
    private func count(_ cli: PalermoCLI) throws -> Int {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("palermo-count-\(UUID().uuidString).csv")
        let result = try cli.run(["export", "htcds", "--user", "brian", "--out", out.path])
        XCTAssertEqual(result.status, 0, result.output)
        return try CSVTable.read(Data(contentsOf: out)).rows.count - 2
    }
}
