import Foundation
import NIOConcurrencyHelpers
import Vapor

struct HealthStatus: Content {
    let status: String
    let database: String
}

/// `/health`: is the server answering, and could it reach its database within the last second? The database is
/// asked at most once a second; other calls answer from that result. A monitor polling many times a second then
/// measures the event loops, and does not queue behind reports' reads for one of SQLite's threads.
@Sendable func health(_ req: Request) async throws -> Response {
    let now = Date()
    let probe = req.application.palermo.healthProbe
    let known = probe.withLockedValue { last -> Bool? in
        guard let last, now.timeIntervalSince(last.at) < 1 else { return nil }
        return last.ok
    }
    let ok: Bool
    if let known {
        ok = known
    } else {
        ok = (try? await req.store.audit.recent(limit: 1)) != nil
        probe.withLockedValue { $0 = (now, ok) }
    }
    return try await HealthStatus(status: ok ? "ok" : "degraded", database: ok ? "ok" : "unreachable")
        .encodeResponse(status: ok ? .ok : .serviceUnavailable, for: req)
}
