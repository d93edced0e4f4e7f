import Foundation
import XCTest

/// Runs the built `palermo` binary, as a user at a terminal would.
struct PalermoCLI {
    let database: String
    let keyFile: String

    /// A fresh SQLite file, or the PostgreSQL test database (wiped) when `postgres` is set.
    static func fresh(postgres: String? = nil) throws -> PalermoCLI {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("palermo-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        if let postgres { try wipe(postgres) }
        return PalermoCLI(database: postgres ?? dir.appendingPathComponent("palermo.sqlite").path, keyFile: dir.appendingPathComponent("keys.json").path)
    }

    /// Beside the test bundle: on Linux the bundle URL is the build directory, on macOS the .xctest inside it.
    static var binary: URL {
        let bundle = Bundle(for: Marker.self).bundleURL
        let candidates = [bundle.appendingPathComponent("palermo"), bundle.deletingLastPathComponent().appendingPathComponent("palermo")]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    private final class Marker {}

    struct Result {
        let status: Int32
        let output: String
        let killed: Bool
    }

    /// Runs to the end and returns exit status and combined output.
    @discardableResult
    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let process = try start(arguments, environment: environment)
        let data = process.output.fileHandleForReading.readDataToEndOfFile()
        process.process.waitUntilExit()
        return Result(status: process.process.terminationStatus, output: String(decoding: data, as: UTF8.self),
                      killed: process.process.terminationReason == .uncaughtSignal)
    }

    func start(_ arguments: [String], environment: [String: String] = [:]) throws -> (process: Process, output: Pipe) {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments + ["--database", database, "--key-file", keyFile, "--log-level", "warning"]
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "PALERMO_DATABASE_URL")
        env["PALERMO_GLOTIP_FILE"] = ""  // the demo loads no GLOTIP data unless a test asks for it
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        return (process, pipe)
    }

    /// PostgreSQL variants share one database: drop everything in it first.
    private static func wipe(_ url: String) throws {
        let psql = Process()
        psql.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        psql.arguments = [url, "-q", "-c", "DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;"]
        psql.standardOutput = FileHandle.nullDevice
        try psql.run()
        psql.waitUntilExit()
        guard psql.terminationStatus == 0 else { throw NSError(domain: "psql", code: Int(psql.terminationStatus)) }
    }

    /// Every database the suite runs against.
    static var variants: [String?] {
        [nil] + [ProcessInfo.processInfo.environment["PALERMO_TEST_POSTGRES_URL"]].compactMap { $0 }.filter { !$0.isEmpty }.map { Optional($0) }
    }
}
