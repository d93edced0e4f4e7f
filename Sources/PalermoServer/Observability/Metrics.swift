import Foundation
import NIOConcurrencyHelpers
import Prometheus
import Vapor

/// Request counts and latencies in a Prometheus registry of our own, served at `/metrics`.
/// The registry is per application (not the global metrics system), so tests can run many apps.
final class RequestMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    /// The registry's handles by label values: looking them up by name and labels on every request costs more.
    private let handles = NIOLockedValueBox<[String: (counter: Counter, histogram: DurationHistogram)]>([:])

    func record(method: String, route: String, status: Int, duration: Duration) {
        let key = "\(method) \(route) \(status)"
        let handle = handles.withLockedValue { cache in
            if let known = cache[key] { return known }
            let made = (
                registry.makeCounter(
                    name: "palermo_http_requests_total",
                    labels: [("method", method), ("route", route), ("status", String(status))]),
                registry.makeDurationHistogram(
                    name: "palermo_http_request_duration_seconds", labels: [("method", method), ("route", route)],
                    buckets: [
                        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
                        .milliseconds(100), .milliseconds(250), .milliseconds(1000),
                    ])
            )
            cache[key] = made
            return made
        }
        handle.counter.increment()
        handle.histogram.record(duration)
    }

    func text() -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }
}

struct RequestMetricsMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next.respond(to: request)
        // The route pattern, not the path: ids must not become label values.
        let route = request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
        request.application.palermo.metrics.record(
            method: request.method.rawValue, route: route, status: Int(response.status.code),
            duration: ContinuousClock.now - start)
        return response
    }
}
