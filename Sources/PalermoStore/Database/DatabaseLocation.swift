import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation

/// Where the data lives: an embedded SQLite file (the default), memory (tests) or a PostgreSQL server.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqliteFile(String)
    case sqliteMemory
    case postgres(String)

    /// Parses `postgres://…` / `postgresql://…`, `sqlite::memory:`, `sqlite:PATH`, or a bare file path.
    public init(_ text: String) {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(text)
        } else if text == "sqlite::memory:" || text == ":memory:" {
            self = .sqliteMemory
        } else {
            self = .sqliteFile(text.hasPrefix("sqlite:") ? String(text.dropFirst("sqlite:".count)) : text)
        }
    }

    public var isPostgres: Bool { if case .postgres = self { true } else { false } }

    /// Says where, without a password.
    public var description: String {
        switch self {
        case .sqliteFile(let path): "SQLite file \(path)"
        case .sqliteMemory: "SQLite in memory"
        case .postgres(let url):
            if let components = URLComponents(string: url) {
                "PostgreSQL \(components.host ?? "localhost")\(components.path)"
            } else {
                "PostgreSQL"
            }
        }
    }

    public func configuration() throws -> DatabaseConfigurationFactory {
        switch self {
        case .sqliteFile(let path):
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            return .sqlite(.file(path), sqlLogLevel: nil)
        case .sqliteMemory:
            return .sqlite(.memory, sqlLogLevel: nil)
        case .postgres(let url):
            var config = try SQLPostgresConfiguration(url: url)
            config.searchPath = nil
            return .postgres(configuration: config, maxConnectionsPerEventLoop: 8, sqlLogLevel: .trace)
        }
    }
}
