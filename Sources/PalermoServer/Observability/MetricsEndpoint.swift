import NIOCore
import Vapor

/// Prometheus metrics: for the loopback address, or for the configured token (`PALERMO_METRICS_TOKEN`).
@Sendable func metrics(_ req: Request) throws -> Response {
    if let token = req.application.palermo.config.metricsToken {
        let sent = Array((req.headers.bearerAuthorization?.token ?? "").utf8), expected = Array(token.utf8)
        // Compared in constant time: every byte is looked at whether or not an earlier one differed.
        guard sent.count == expected.count, zip(sent, expected).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0
        else { throw Abort(.unauthorized, reason: "/metrics needs the metrics token") }
    } else if let peer = req.remoteAddress, !peer.isLoopback {  // the socket's address, never X-Forwarded-For
        throw Abort(
            .forbidden,
            reason: "/metrics answers the loopback address only; set PALERMO_METRICS_TOKEN to reach it from elsewhere")
    }
    return Response(
        status: .ok, headers: ["Content-Type": "text/plain; version=0.0.4"],
        body: .init(string: req.application.palermo.metrics.text()))
}

extension SocketAddress {
    var isLoopback: Bool {
        switch self {
        case .v4: ipAddress?.hasPrefix("127.") == true
        case .v6: ipAddress == "::1" || ipAddress?.hasPrefix("::ffff:127.") == true
        case .unixDomainSocket: true
        }
    }
}
