import ArgumentParser
import Foundation
import PalermoServer
import Vapor

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the web application and the API (loads the demo into an empty database).")

    @OptionGroup var store: StoreOptions

    @ArgumentParser.Option(help: "Address to listen on. Default: $PALERMO_HOSTNAME, else 127.0.0.1.")
    var hostname: String?

    @ArgumentParser.Option(
        help: "Address people reach Palermo at (https marks the session cookie Secure). Default: $PALERMO_PUBLIC_URL.")
    var publicURL: String?

    @ArgumentParser.Option(
        help: "Referral oversight shows counts from 1 to this less one only as '<N' (2 to 100). Default: 5.")
    var suppressBelow: Int?

    mutating func validate() throws {
        if let suppressBelow, !(2...100).contains(suppressBelow) {
            throw ValidationError("--suppress-below must be from 2 to 100")
        }
    }

    @ArgumentParser.Option(help: "Port to listen on. Default: $PALERMO_PORT, else 8080.")
    var port: Int?

    @ArgumentParser.Flag(help: "Do not load the demo data into an empty database.")
    var noDemo = false

    func run() async throws {
        var config = store.configuration
        if let hostname { config.hostname = hostname }
        if let port { config.port = port }
        if let suppressBelow { config.suppressBelow = suppressBelow }
        if let publicURL { config.publicURL = publicURL }
        let app = try await store.makeApplication(config)
        do {
            if !noDemo, try await DemoData.isEmpty(app) {
                app.logger.notice("Empty database: loading the demo (organisations, users and 300 synthetic cases)…")
                try await DemoData.load(into: app)
                try await loadDemoStatistics(app)
                say(
                    """

                    Demo loaded. Every demo account's password is \(DemoData.password):
                    \(DemoData.accountTable())
                    """)
            }
            say(
                """

                Palermo is running on \(config.database).
                Open http://\(config.hostname):\(config.port)/login in a browser (for example as amina, a caseworker; george, an analyst, or faith, a national coordinator, for Patterns and flows).
                API: http://\(config.hostname):\(config.port)/api/v1 · description: /openapi.yaml · health: /health · metrics: /metrics
                Stop with Ctrl-C.

                """)
            try await app.execute()
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create or upgrade the database schema (also done on every start).")
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let config = store.configuration
        try await store.makeApplication(config).run { _ in print("The schema of \(config.database) is up to date.") }
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load the demo organisations, users and synthetic cases into an empty database.")
    @OptionGroup var store: StoreOptions

    @ArgumentParser.Option(help: "How many synthetic cases.")
    var cases = 300

    @ArgumentParser.Option(help: "Seed of the synthetic data.")
    var seed: UInt64 = 2010

    func run() async throws {
        try await store.makeApplication().run { app in
            guard try await DemoData.isEmpty(app) else {
                throw ValidationError(
                    "the database already has organisations; the demo loads into an empty database only")
            }
            try await DemoData.load(into: app, cases: cases, seed: seed)
            try await loadDemoStatistics(app)
            print(
                "Demo loaded: \(cases) cases. Every demo account's password is \(DemoData.password):\n\(DemoData.accountTable())"
            )
        }
    }
}

/// Writes a line to standard output at once: `print` is block-buffered when the output is a pipe or a file,
/// and the login instructions must show up while the server runs.
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
