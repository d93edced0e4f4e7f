import ArgumentParser
import Foundation
import PalermoServer

struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check the audit log.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Re-compute the hash chain; exit 1 and name the first entry that was altered or deleted.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let broken = try await store.makeApplication().run { app in try await app.palermo.store.audit.verify() }
            if let broken {
                print("The audit log is NOT intact: \(broken)")
                throw ExitCode(1)
            }
            print("The audit log is intact.")
        }
    }
}
