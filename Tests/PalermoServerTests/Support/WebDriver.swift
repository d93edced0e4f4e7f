import Foundation
import XCTest
import Vapor

/// Just enough of the W3C WebDriver protocol to drive Chromium through chromedriver.
final class WebDriver: @unchecked Sendable {
    private let driver: Process
    private let base: String
    private let client: any Client
    private var session = ""

    struct Failure: Error, CustomStringConvertible { let description: String }

    /// Debian's chromedriver and chromium. CI requires them (`PALERMO_REQUIRE_BROWSER=1`); elsewhere a test
    /// that needs them is skipped when they are missing.
    static func requireChromium() throws -> (chromedriver: String, chromium: String) {
        let chromedriver = "/usr/bin/chromedriver", chromium = "/usr/bin/chromium"
        guard FileManager.default.isExecutableFile(atPath: chromedriver),
            FileManager.default.isExecutableFile(atPath: chromium)
        else {
            if ProcessInfo.processInfo.environment["PALERMO_REQUIRE_BROWSER"] == "1" {
                XCTFail("chromium and chromium-driver are required")
            }
            throw XCTSkip("chromium / chromium-driver not installed")
        }
        return (chromedriver, chromium)
    }

    /// Starts chromedriver on a free loopback port and opens a headless Chromium session.
    init(chromedriver: String, chromium: String, client: any Client) async throws {
        self.client = client
        let port = Int.random(in: 20_000...40_000)
        driver = Process()
        driver.executableURL = URL(fileURLWithPath: chromedriver)
        driver.arguments = ["--port=\(port)", "--allowed-ips=127.0.0.1"]
        driver.standardOutput = FileHandle.nullDevice
        driver.standardError = FileHandle.nullDevice
        try driver.run()
        base = "http://127.0.0.1:\(port)"
        for _ in 0..<50 {
            if (try? await call("GET", "/status")) != nil { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        let capabilities: [String: Any] = [
            "capabilities": [
                "alwaysMatch": [
                    "browserName": "chrome",
                    "goog:chromeOptions": [
                        "binary": chromium,
                        "args": [
                            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                            "--window-size=390,844", "--lang=en-GB",
                        ],
                    ],
                ]
            ]
        ]
        let value = try await call("POST", "/session", capabilities)
        guard let id = (value as? [String: Any])?["sessionId"] as? String else {
            throw Failure(description: "no WebDriver session: \(value)")
        }
        session = id
    }

    func quit() async {
        _ = try? await call("DELETE", "/session/\(session)")
        // Foundation's waitUntilExit spins a run loop on Linux; poll briefly, then make sure.
        driver.terminate()
        for _ in 0..<20 where driver.isRunning { try? await Task.sleep(for: .milliseconds(100)) }
        if driver.isRunning { kill(driver.processIdentifier, SIGKILL) }
    }

    func open(_ url: String) async throws { _ = try await call("POST", "/session/\(session)/url", ["url": url]) }

    var currentURL: String { get async throws { try await call("GET", "/session/\(session)/url") as? String ?? "" } }
    var pageSource: String { get async throws { try await call("GET", "/session/\(session)/source") as? String ?? "" } }

    /// Clicks something that submits a form and waits until the browser has left `page`.
    func submit(_ css: String, leaving page: String) async throws {
        try await click(css)
        for _ in 0..<100 {
            let url = try await currentURL
            if !url.hasSuffix(page), try await pageSource.contains("</html>") { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw Failure(description: "still on \(page) after submitting")
    }

    func find(_ css: String) async throws -> String {
        let value = try await call("POST", "/session/\(session)/element", ["using": "css selector", "value": css])
        guard let element = (value as? [String: Any])?.values.first as? String else {
            throw Failure(description: "no element \(css)")
        }
        return element
    }

    func type(_ text: String, into css: String) async throws {
        _ = try await call("POST", "/session/\(session)/element/\(try await find(css))/value", ["text": text])
    }

    /// Clicks an element, scrolled to the middle of the window first, as a person would (chromedriver scrolls it
    /// only just into view, where the sticky save bar covers it).
    func click(_ css: String) async throws {
        let element = try await find(css)
        _ = try await call(
            "POST", "/session/\(session)/execute/sync",
            [
                "script": "document.querySelector(arguments[0]).scrollIntoView({block: 'center'}); return true;",
                "args": [css],
            ])
        _ = try await call("POST", "/session/\(session)/element/\(element)/click", [String: Any]())
    }

    func screenshot(to path: String) async throws {
        guard let base64 = try await call("GET", "/session/\(session)/screenshot") as? String,
            let data = Data(base64Encoded: base64)
        else { return }
        try data.write(to: URL(fileURLWithPath: path))
    }

    /// Resizes the window so that the page's viewport is `width` CSS pixels wide.
    func resize(width: Int, height: Int) async throws {
        _ = try await call("POST", "/session/\(session)/window/rect", ["width": width, "height": height])
        let inner = try await execute("return window.innerWidth") as? Int ?? width
        if inner != width {
            _ = try await call(
                "POST", "/session/\(session)/window/rect", ["width": width + (width - inner), "height": height])
        }
    }

    /// Sets a cookie for the site of the page that is open.
    func setCookie(_ name: String, _ value: String) async throws {
        _ = try await call(
            "POST", "/session/\(session)/cookie", ["cookie": ["name": name, "value": value, "path": "/"]])
    }

    func deleteCookies() async throws { _ = try await call("DELETE", "/session/\(session)/cookie") }

    /// Runs a script in the page and returns its value.
    func execute(_ script: String) async throws -> Any {
        try await call("POST", "/session/\(session)/execute/sync", ["script": script, "args": [Any]()])
    }

    @discardableResult
    private func call(_ method: String, _ path: String, _ body: Any? = nil) async throws -> Any {
        let payload = try body.map { try JSONSerialization.data(withJSONObject: $0) }
        var request = ClientRequest(
            method: HTTPMethod(rawValue: method), url: URI(string: base + path), headers: [:], body: nil)
        if let payload {
            request.body = ByteBuffer(data: payload)
            request.headers.contentType = .json
        }
        let response = try await client.send(request).get()
        let data = response.body.map { Data(buffer: $0) } ?? Data()
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        if response.status.code >= 400 {
            throw Failure(
                description:
                    "WebDriver \(method) \(path): \(response.status.code) \(String(decoding: data, as: UTF8.self).prefix(400))"
            )
        }
        return json?["value"] ?? NSNull()
    }
}
