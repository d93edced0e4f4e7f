import Foundation
import Vapor
import XCTVapor
import XCTest

final class ServiceEndpointsTests: XCTestCase {
    /// The OpenAPI document describes every API route the server has, with its method.
    func testOpenAPIDescribesEveryRoute() async throws {
        try await TestWorld.each { world in
            var document = ""
            try await world.app.send(
                .GET, "/openapi.yaml",
                after: { res in
                    XCTAssertEqual(res.status, .ok)
                    document = res.body.string
                })
            XCTAssertTrue(document.hasPrefix("openapi: 3.1.0"))
            let lines = document.components(separatedBy: "\n")
            for route in world.app.routes.all {
                let path =
                    "/"
                    + route.path.map { component -> String in
                        if case .parameter(let name) = component { return "{\(name)}" }
                        return component.description
                    }.joined(separator: "/")
                guard path.hasPrefix("/api/") || ["/health", "/metrics", "/openapi.yaml"].contains(path) else {
                    continue
                }
                guard let start = lines.firstIndex(of: "  \(path):") else {
                    XCTFail("\(route.method) \(path) is not in openapi.yaml")
                    continue
                }
                let block = lines[(start + 1)...].prefix { $0.hasPrefix("    ") || $0.isEmpty }
                XCTAssertTrue(
                    block.contains("    \(route.method.rawValue.lowercased()):"),
                    "\(route.method) \(path) is not in openapi.yaml")
            }
        }
    }

    func testHealthAndMetrics() async throws {
        try await TestWorld.each { world in
            try await world.app.send(
                .GET, "/health",
                after: { res in
                    XCTAssertEqual(res.status, .ok)
                    XCTAssertTrue(res.body.string.contains("\"database\":\"ok\""))
                })
            try await world.api(.GET, "/api/v1/cases", as: "a-worker")
            try await world.app.send(
                .GET, "/metrics",
                after: { res in
                    XCTAssertEqual(res.status, .ok)
                    XCTAssertTrue(
                        res.body.string.contains(
                            "palermo_http_requests_total{method=\"GET\",route=\"/api/v1/cases\",status=\"200\"}"),
                        res.body.string)
                })
        }
    }
}
