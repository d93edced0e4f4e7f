import ArgumentParser
import Foundation
import Logging
import PalermoServer
import PalermoStore
import Vapor

/// Options every command shares: where the data and the keys are.
struct StoreOptions: ParsableArguments {
    @ArgumentParser.Option(
        help:
            "Database: a SQLite file path, or a postgres:// URL. Default: $PALERMO_DATABASE_URL, else data/palermo.sqlite."
    )
    var database: String?

    @ArgumentParser.Option(
        help: "Key ring file for personal-field encryption. Default: $PALERMO_KEY_FILE, else data/palermo.keys.json.")
    var keyFile: String?

    @ArgumentParser.Option(help: "Log level (trace, debug, info, notice, warning, error, critical).")
    var logLevel: String = "info"

    var configuration: ServerConfiguration {
        var config = ServerConfiguration.fromEnvironment()
        if let database { config.database = DatabaseLocation(database) }
        if let keyFile { config.keyFile = keyFile }
        return config
    }

    /// A configured, migrated application for one command; call `asyncShutdown()` when done.
    func makeApplication(_ config: ServerConfiguration? = nil) async throws -> Application {
        let config = config ?? configuration
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let app = try await Application.make(Environment(name: "production", arguments: ["palermo"]))
        do {
            let (ring, created) = try KeyRingFile.load(path: config.keyFile)
            if created {
                app.logger.notice(
                    "Created a new key ring at \(config.keyFile). Back it up: without it, personal fields cannot be read."
                )
            }
            try await configure(app, config, keyRing: ring)
            try await migrate(app)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        return app
    }
}

extension Application {
    /// Runs `body`, then shuts the application down whether or not it failed.
    func run<T>(_ body: (Application) async throws -> T) async throws -> T {
        do {
            let result = try await body(self)
            try await asyncShutdown()
            return result
        } catch {
            try? await asyncShutdown()
            throw error
        }
    }
}
