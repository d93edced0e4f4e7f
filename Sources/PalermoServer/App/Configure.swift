import Fluent
import FluentSQLiteDriver
import Foundation
import PalermoCore
import PalermoStore
import SQLKit
import NIOConcurrencyHelpers
import Vapor

/// Sets up databases, migrations, sessions, middleware and routes of a Palermo application.
public func configure(_ app: Application, _ config: ServerConfiguration, keyRing: KeyRing) async throws {
    app.http.server.configuration.hostname = config.hostname
    app.http.server.configuration.port = config.port
    app.routes.defaultMaxBodySize = "1mb"
    app.passwords.use(.bcrypt(cost: config.passwordCost))

    app.databases.use(try config.database.configuration(), as: .main, isDefault: true)
    app.migrations.add(StoreMigrations.all)
    app.migrations.add(SessionRecord.migration)
    app.migrations.add(HashedSessions.Migration())
    app.sessions.use { _ in HashedSessions() }
    let secure = config.servesOverHTTPS
    app.sessions.configuration = SessionsConfiguration(cookieName: "palermo-session") { id in
        HTTPCookies.Value(
            string: id.string, maxAge: 8 * 3600, path: "/", isSecure: secure, isHTTPOnly: true, sameSite: .lax)
    }
    let store = Store(
        database: app.db(.main), cipher: FieldCipher(keys: keyRing), isPostgres: config.database.isPostgres,
        writer: try sqliteWriter(app, config))
    let cores = System.coreCount
    app.palermo = PalermoServices(
        store: store, config: config, metrics: RequestMetrics(), tokenCache: NIOLockedValueBox([:]),
        hashing: WorkLimiter(name: "sign-ins", running: max(1, cores - 1), waiting: 32),
        heavy: WorkLimiter(
            name: "reports and imports", running: config.heavyConcurrency ?? max(1, cores - 1), waiting: 16),
        dummyPasswordHash: try Bcrypt.hash(UUID().uuidString, cost: config.passwordCost),
        healthProbe: NIOLockedValueBox(nil), pendingImports: PendingImports())

    app.lifecycle.use(WorkLimiterShutdown())
    app.middleware = Middlewares()
    app.middleware.use(RequestMetricsMiddleware())
    app.middleware.use(PrivacyHeadersMiddleware())
    app.middleware.use(PalermoErrorMiddleware(environment: app.environment))
    try routes(app)
}

/// A SQLite file gets a connection of its own for the group commit (see `GroupCommit`), so a transaction
/// that is being committed never holds up the reads waiting for the connection of its event loop: with
/// write-ahead logging they go on side by side. Measured on the case list, this took p99 from 66 to 44 ms.
/// A connection runs one statement at a time on the thread pool, and SQLite's busy handler waits on its
/// thread; one thread more than the reading connections leaves the writer a thread to finish on.
private func sqliteWriter(_ app: Application, _ config: ServerConfiguration) throws -> (any Database)? {
    guard case .sqliteFile = config.database else { return nil }
    app.threadPool = NIOThreadPool(numberOfThreads: System.coreCount + 1)
    app.databases.use(try config.database.configuration(), as: .writer, isDefault: false)
    return app.db(.writer)
}

/// Runs pending migrations and tunes SQLite for a server. Write-ahead logging lets reads go on during a
/// write. With it, `synchronous=NORMAL` syncs at checkpoints instead of every commit: a commit stays atomic
/// and survives a crash of the process (kill -9 included); a power cut can lose the last commits, never
/// the file's consistency. The setting belongs to a connection, and SQLite keeps one per event loop (and the writer's).
public func migrate(_ app: Application) async throws {
    if !app.palermo.config.database.isPostgres {
        if let sql = app.db as? any SQLDatabase { try await sql.raw("PRAGMA journal_mode=WAL").run() }
        for loop in app.eventLoopGroup.makeIterator() {
            if let sql = app.databases.database(.main, logger: app.logger, on: loop) as? any SQLDatabase {
                try await sql.raw("PRAGMA synchronous=NORMAL").run()
            }
            if app.databases.ids().contains(.writer),
                let sql = app.databases.database(.writer, logger: app.logger, on: loop) as? any SQLDatabase
            {
                try await sql.raw("PRAGMA synchronous=NORMAL").run()
            }
        }
    }
    let sealsFreeText = await app.palermo.store.cases.sealsFreeTextAtStart()
    try await app.autoMigrate()
    let sealed = sealsFreeText ? try await app.palermo.store.cases.sealFieldsStoredInTheClear() : 0
    if sealed > 0 {
        app.logger.notice(
            "sealed the free-text fields of \(sealed) case(s) that an earlier release stored in the clear")
    }
}

extension DatabaseID {
    static let main = DatabaseID(string: "palermo")
    static let writer = DatabaseID(string: "palermo-writer")
}

/// What request handlers share: the store, the configuration and the metrics.
public struct PalermoServices: Sendable {
    public let store: Store
    public let config: ServerConfiguration
    let metrics: RequestMetrics
    /// Verified API tokens (by SHA-256) and until when they may be trusted without a look-up.
    let tokenCache: NIOLockedValueBox<[String: (principal: Principal, until: Date)]>
    /// bcrypt, bounded (see `WorkLimiter`).
    let hashing: WorkLimiter
    /// Reports, estimates and file parsing, bounded.
    let heavy: WorkLimiter
    /// A hash of a password nobody knows, at the configured cost: unknown users take as long as known ones.
    let dummyPasswordHash: String
    /// When `/health` last asked the database, and whether it answered.
    let healthProbe: NIOLockedValueBox<(at: Date, ok: Bool)?>
    /// Uploads shown as a preview, waiting to be confirmed.
    let pendingImports: PendingImports
}

extension Application {
    private struct ServicesKey: StorageKey { typealias Value = PalermoServices }

    public var palermo: PalermoServices {
        get {
            guard let services = storage[ServicesKey.self] else { fatalError("configure(_:_:keyRing:) was not called") }
            return services
        }
        set { storage[ServicesKey.self] = newValue }
    }
}

extension Request {
    /// The store on this request's event loop (see `Store.on(_:)`).
    var store: Store { application.palermo.store.on(db(.main)) }
}
