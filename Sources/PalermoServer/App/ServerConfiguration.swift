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
    /// How many reports, estimates and file imports run at once (default: one less than the cores).
    public var heavyConcurrency: Int?
    /// The address people reach Palermo at; with `https`, the session cookie is marked Secure.
    public var publicURL: String?
    /// A session ends after this long without a request, and after `sessionAbsoluteLimit` in any case.
    public var sessionIdleLimit: TimeInterval = 30 * 60
    public var sessionAbsoluteLimit: TimeInterval = 12 * 3600
    /// Oversight counts from 1 to this less one are shown only as "fewer than this".
    public var suppressBelow: Int = 5
    /// Without a token, `/metrics` answers only requests from the loopback address; with one, only requests
    /// that present it as a bearer token.
    public var metricsToken: String?

    /// Served over https (behind a proxy that terminates TLS): cookies are marked Secure, never sent in the clear.
    public var servesOverHTTPS: Bool { publicURL?.lowercased().hasPrefix("https://") == true }

    public init(
        database: DatabaseLocation = .sqliteFile("data/palermo.sqlite"), keyFile: String = "data/palermo.keys.json",
        hostname: String = "127.0.0.1", port: Int = 8080, passwordCost: Int = 12,
        maxImportBytes: Int = 20 * 1024 * 1024, tokenLifetime: TimeInterval = 30 * 24 * 3600
    ) {
        self.database = database
        self.keyFile = keyFile
        self.hostname = hostname
        self.port = port
        self.passwordCost = passwordCost
        self.maxImportBytes = maxImportBytes
        self.tokenLifetime = tokenLifetime
    }

    /// Defaults, overridden by the environment.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> ServerConfiguration {
        var config = ServerConfiguration()
        if let url = environment["PALERMO_DATABASE_URL"], !url.isEmpty { config.database = DatabaseLocation(url) }
        if let file = environment["PALERMO_KEY_FILE"], !file.isEmpty { config.keyFile = file }
        if let host = environment["PALERMO_HOSTNAME"], !host.isEmpty { config.hostname = host }
        if let port = environment["PALERMO_PORT"].flatMap({ Int($0) }) { config.port = port }
        if let url = environment["PALERMO_PUBLIC_URL"], !url.isEmpty { config.publicURL = url }
        if let token = environment["PALERMO_METRICS_TOKEN"], !token.isEmpty { config.metricsToken = token }
        if let n = environment["PALERMO_HEAVY_CONCURRENCY"].flatMap({ Int($0) }), (1...64).contains(n) {
            config.heavyConcurrency = n
        }
        if let minutes = environment["PALERMO_SESSION_IDLE_MINUTES"].flatMap({ Int($0) }), (1...1440).contains(minutes)
        {
            config.sessionIdleLimit = TimeInterval(minutes * 60)
        }
        if let hours = environment["PALERMO_SESSION_MAX_HOURS"].flatMap({ Int($0) }), (1...168).contains(hours) {
            config.sessionAbsoluteLimit = TimeInterval(hours * 3600)
        }
        return config
    }
}
