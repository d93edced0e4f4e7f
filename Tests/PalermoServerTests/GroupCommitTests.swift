import FluentKit
import Foundation
import PalermoCore
import PalermoStore
import XCTest

/// Writes that wait together share one transaction; one that fails is undone alone.
final class GroupCommitTests: XCTestCase {
    struct Refused: Error {}

    func testAFailedWriteIsUndoneAloneAndTheOthersCommit() async throws {
        try await TestWorld.each { world in
            let store = world.app.palermo.store
            let (started, signal) = AsyncStream<Void>.makeStream()
            // The first write holds its transaction open, so the next three queue up and go into one batch.
            async let first: Void = store.write { db in
                signal.yield()
                try await Task.sleep(for: .milliseconds(300))
                try await OrganisationModel(name: "first", kind: "ngo", country: "KEN").create(on: db)
            }
            for await _ in started { break }
            async let kept: Void = store.write { db in
                try await OrganisationModel(name: "kept", kind: "ngo", country: "KEN").create(on: db)
            }
            async let refused: Void = store.write { db in
                try await OrganisationModel(name: "refused", kind: "ngo", country: "KEN").create(on: db)
                throw Refused()
            }
            async let alsoKept: Void = store.write { db in
                try await OrganisationModel(name: "also kept", kind: "ngo", country: "KEN").create(on: db)
            }
            try await first
            try await kept
            try await alsoKept
            do {
                try await refused
                XCTFail("the refused write must report its error (\(world.label))")
            } catch is Refused {}
            let names = try await OrganisationModel.query(on: store.database).all().map(\.name)
            XCTAssertTrue(
                names.contains("first") && names.contains("kept") && names.contains("also kept"),
                "\(names) \(world.label)")
            XCTAssertFalse(names.contains("refused"), "the failed write left nothing behind (\(world.label))")
        }
    }

    func testReadsAreAuditedInTheSameCommitAsWritesWaitingWithThem() async throws {
        try await TestWorld.each { world in
            let id = try await world.createCase(as: "a-worker", ["prs_FirstName": .text("Auma")])
            let store = world.app.palermo.store
            let worker = try await UserModel.query(on: store.database).filter(\.$username == "a-worker").first()!
                .principal!
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<30 {
                    group.addTask {
                        if index.isMultiple(of: 3) {
                            _ = try await store.cases.update(
                                id, changes: ["cas_Status": .text(index.isMultiple(of: 2) ? "Active" : "FollowUp")],
                                expectedVersion: nil, by: worker)
                        } else {
                            _ = try await store.cases.read(id, by: worker)
                        }
                    }
                }
                try await group.waitForAll()
            }
            let entries = try await store.audit.entries(forCase: id)
            // An update that finds the status already set changes nothing and is audited as a read of its own.
            XCTAssertEqual(
                entries.filter { $0.action == .read && $0.detail != "update without changes" }.count, 20, world.label)
            let verified = try await store.audit.verify()
            XCTAssertNil(verified, world.label)
        }
    }

    /// The group commit's transaction reads the audit head before it writes. A write committed meanwhile on
    /// another connection (a session, an audit verification) must not make SQLite refuse the upgrade
    /// ("database is locked", busy in snapshot): schemathesis met it as a 500 under parallel requests.
    func testAuditEntriesCommitWhileOtherConnectionsWrite() async throws {
        try await TestWorld.each { world in
            let store = world.app.palermo.store
            let principal = Principal(
                userID: UUID(), username: "tester", organisationID: try XCTUnwrap(world.organisations["A"]),
                role: .caseworker)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for round in 0..<150 {
                    group.addTask {
                        try await store.audit.record([
                            AuditDraft(actor: principal, action: .denied, detail: "probe \(round)")
                        ])
                    }
                    // A write of its own on a reading connection, as sessions and verifications make.
                    group.addTask {
                        try await OrganisationModel(name: "other \(round)", kind: "ngo", country: "KEN")
                            .create(on: store.database)
                    }
                }
                try await group.waitForAll()
            }
            let probes = try await store.audit.recent(limit: 200).filter { $0.detail.hasPrefix("probe") }
            XCTAssertEqual(probes.count, 150, world.label)
        }
    }
}
