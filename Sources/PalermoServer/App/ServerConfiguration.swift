import Foundation
import PalermoStore

/// How a Palermo server is set up. Every setting has a default that works on a laptop; flags and
/// `PALERMO_*` environment variables override them (see README, "Configuration").
public struct ServerConfiguration: Sendable {
    public var database: DatabaseLocation
    public var keyFile: String
    public var hostname: String
    public var port: Int
    /// Bcrypt cost; tests lower it to keep the suite fast.
    public var passwordCost: Int
    public var maxImportBytes: Int
    public var tokenLifetime: TimeInterval

    public init(database: DatabaseLocation = .sqliteFile("data/palermo.sqlite"), keyFile: String = "data/palermo.keys.json",
                hostname: String = "127.0.0.1", port: Int = 8080, passwordCost: Int = 12,
                maxImportBytes: Int = 20 * 1024 * 1024, tokenLifetime: TimeInterval = 30 * 24 * 3600) {
        self.database = database
        self.keyFile = keyFile
        self.hostname = hostname
        self.port = port
        self.passwordCost = passwordCost
        self.maxImportBytes = maxImportBytes
        self.tokenLifetime = tokenLifetime
    }

    /// Defaults, overridden by the environment.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> ServerConfiguration {
        var config = ServerConfiguration()
        if let url = environment["PALERMO_DATABASE_URL"], !url.isEmpty { config.database = DatabaseLocation(url) }
        if let file = environment["PALERMO_KEY_FILE"], !file.isEmpty { config.keyFile = file }
        if let host = environment["PALERMO_HOSTNAME"], !host.isEmpty { config.hostname = host }
        if let port = environment["PALERMO_PORT"].flatMap(Int.init) { config.port = port }
        return config
    }
}
