import ArgumentParser
import Foundation
import PalermoCore
import PalermoServer

struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the audit log.", subcommands: [Verify.self, Checkpoint.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Re-compute the keyed hash chain; exit 1 and name the first entry that was altered, deleted or cut off."
        )
        @OptionGroup var store: StoreOptions
        @ArgumentParser.Option(
            help: "A checkpoint printed by 'audit checkpoint': also prove nothing up to it was cut or rewritten.")
        var checkpoint: String?

        func run() async throws {
            let mark = try checkpoint.map { try AuditCheckpoint(json: Data(contentsOf: URL(fileURLWithPath: $0))) }
            let broken = try await store.makeApplication().run { app in
                try await app.palermo.store.audit.verifyAndRecord(checkpoint: mark, by: "operator")
            }
            if let broken {
                print("The audit log is NOT intact: \(broken)")
                throw ExitCode(1)
            }
            print(
                "The audit log is intact\(mark.map { " and holds checkpoint entry \($0.sequence) unchanged" } ?? "").")
        }
    }

    struct Checkpoint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Print a signed statement of the chain's head; keep it outside the database (see docs/security.md).")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let mark = try await store.makeApplication().run { app in try await app.palermo.store.audit.checkpoint() }
            print(String(decoding: try mark.json(), as: UTF8.self))
        }
    }
}
