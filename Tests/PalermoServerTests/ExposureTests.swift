import Foundation
import NIOCore
import PalermoIO
import PalermoServer
import Vapor
import XCTVapor
import XCTest
import ZIPFoundation

/// What the server gives away about itself: cookies over https, metrics, memory for a hostile upload.
final class ExposureTests: XCTestCase {
    func testCookiesAreSecureOnlyWhenServedOverHTTPS() async throws {
        for publicURL in ["https://palermo.example.org", "http://localhost:8080"] {
            let world = try await TestWorld.make(TestDatabases.all[0]) { $0.publicURL = publicURL }
            var setCookies: [String] = []
            try await world.app.send(.GET, "/login", after: { res in setCookies += res.headers[.setCookie] })
            try await world.app.send(
                .POST, "/login",
                before: { req in
                    try req.content.encode(["username": "a-worker", "password": "x"], as: .urlEncodedForm)
                }, after: { res in setCookies += res.headers[.setCookie] })
            let signIn = try await world.webSignIn("a-worker")
            let all = setCookies + signIn.headers[.setCookie]
            XCTAssertTrue(all.contains { $0.hasPrefix("palermo-session=") }, "\(all)")
            XCTAssertTrue(all.contains { $0.hasPrefix("palermo-csrf=") }, "\(all)")
            for header in all where header.hasPrefix("palermo-") {
                XCTAssertEqual(header.contains("Secure"), publicURL.hasPrefix("https"), "\(publicURL): \(header)")
                XCTAssertTrue(header.contains("HttpOnly"), header)
            }
            try await world.app.asyncShutdown()
        }
    }

    func testMetricsAnswerTheLoopbackAddressOrTheToken() async throws {
        let open = try await TestWorld.make(TestDatabases.all[0])
        let loopback = try await Self.metrics(open.app, from: "127.0.0.1")
        let loopback6 = try await Self.metrics(open.app, from: "::1")
        let remote = try await Self.metrics(open.app, from: "10.1.2.3")
        // The socket's address counts, never a header.
        let forwarded = try await Self.metrics(open.app, from: "10.1.2.3", headers: ["X-Forwarded-For": "127.0.0.1"])
        XCTAssertEqual([loopback, loopback6, remote, forwarded], [.ok, .ok, .forbidden, .forbidden])
        try await open.app.asyncShutdown()
        let guarded = try await TestWorld.make(TestDatabases.all[0]) { $0.metricsToken = "a-long-metrics-token" }
        let noToken = try await Self.metrics(guarded.app, from: "10.1.2.3")
        let wrongToken = try await Self.metrics(guarded.app, from: "127.0.0.1", token: "a-long-metrics-tokem")
        let token = try await Self.metrics(guarded.app, from: "10.1.2.3", token: "a-long-metrics-token")
        XCTAssertEqual([noToken, wrongToken, token], [.unauthorized, .unauthorized, .ok])
        try await guarded.app.asyncShutdown()
    }

    /// A 1 MB workbook whose sheet inflates to 1 GiB once held 2.1 GB for 15 s before it was refused.
    func testAWorkbookThatInflatesToAGibibyteIsRefusedInLittleMemory() async throws {
        let bomb = try Self.workbook(sheetBytes: 1 << 30)
        XCTAssertLessThan(bomb.count, 2 * 1024 * 1024)
        let world = try await TestWorld.make(TestDatabases.all[0])
        let before = Self.peakResidentBytes()
        let res = try await world.api(
            .POST, "/api/v1/cases/import", as: "a-super", body: bomb,
            contentType: "application/octet-stream")
        XCTAssertEqual(res.status, .unprocessableEntity, res.body.string)
        XCTAssertTrue(res.body.string.contains("inflates past"), res.body.string)
        let growth = Self.peakResidentBytes() - before
        XCTAssertLessThan(growth, 100 * 1024 * 1024, "the peak grew by \(growth / 1_048_576) MB")
        try await world.app.asyncShutdown()
    }

    private static func metrics(
        _ app: Application, from address: String, token: String? = nil,
        headers: HTTPHeaders = [:]
    ) async throws -> HTTPStatus {
        try await app.asyncBoot()
        let request = Request(
            application: app, method: .GET, url: URI(path: "/metrics"), headers: headers,
            remoteAddress: try SocketAddress(ipAddress: address, port: 40_000), on: app.eventLoopGroup.next())
        if let token { request.headers.bearerAuthorization = BearerAuthorization(token: token) }
        return try await app.responder.respond(to: request).get().status
    }

    /// The process's high-water mark of resident memory (Linux reports it in kilobytes).
    private static func peakResidentBytes() -> Int {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return usage.ru_maxrss * 1024
    }

    /// A valid workbook whose one sheet is `sheetBytes` blanks, deflated as it is written so the test
    /// itself never holds it.
    private static func workbook(sheetBytes: Int) throws -> Data {
        let source = try Archive(data: try XLSXTable.write([["a"]]), accessMode: .read)
        let archive = try Archive(accessMode: .create)
        for entry in source where entry.path != "xl/worksheets/sheet1.xml" {
            var data = Data()
            _ = try source.extract(entry) { data.append($0) }
            try archive.addEntry(
                with: entry.path, type: .file, uncompressedSize: Int64(data.count),
                compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let chunk = Data(repeating: 0x20, count: 1 << 20)
        try archive.addEntry(
            with: "xl/worksheets/sheet1.xml", type: .file, uncompressedSize: Int64(sheetBytes),
            compressionMethod: .deflate, bufferSize: 1 << 20
        ) { _, size in chunk.prefix(size) }
        return try XCTUnwrap(archive.data)
    }
}
