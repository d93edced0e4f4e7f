import ArgumentParser
import Foundation
import NIOPosix
import PostgresNIO

@main
struct Palermo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "palermo",
        abstract:
            "Palermo: case management and statistics for the UN Global Plan of Action against Trafficking in Persons.",
        subcommands: [
            Serve.self, Migrate.self, Demo.self, Users.self, Audit.self, Import.self, Export.self, Keys.self,
            Estimate.self, Report.self, Publish.self,
        ],
        defaultSubcommand: Serve.self
    )

    /// As ArgumentParser's, except that a PostgreSQL error shows the server's code and message, which
    /// PostgresNIO's own description hides (it never shows bind values, and neither does this).
    static func main() async {
        // Swift concurrency's jobs then run on NIO's event loops, where the sockets are, instead of hopping to a
        // separate thread pool and back around every query and response (Vapor's own template offers this).
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as PSQLError {
            let code = error.serverInfo?[.sqlState] ?? "-"
            let message = error.serverInfo?[.message] ?? "\(error.code)"
            FileHandle.standardError.write(Data("Error: PostgreSQL \(code): \(message)\n".utf8))
            Foundation.exit(1)
        } catch {
            exit(withError: error)
        }
    }
}
