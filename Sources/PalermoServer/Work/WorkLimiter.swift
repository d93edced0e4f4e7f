import NIOConcurrencyHelpers
import NIOPosix
import Vapor

/// Runs CPU-heavy work (bcrypt, reports, estimates, file parsing) on a thread pool, never on an event loop,
/// with at most `running` jobs at once and `waiting` more queued. Past that the caller gets 503 with
/// `Retry-After` at once: a burst is shed instead of piling up until every request times out, and the event
/// loops stay free to answer everything else (`/health` among them).
final class WorkLimiter: Sendable {
    let name: String
    private let running: Int
    private let waiting: Int
    private let state = NIOLockedValueBox(State())

    private struct State {
        var active = 0
        var queue: [CheckedContinuation<Void, Never>] = []
    }

    init(name: String, running: Int, waiting: Int) {
        self.name = name
        self.running = max(1, running)
        self.waiting = max(0, waiting)
    }

    /// Runs `work` on `pool` once a place is free.
    func run<T: Sendable>(on pool: NIOThreadPool, _ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await admit()
        defer { leave() }
        return try await pool.runIfActive(work)
    }

    /// Holds a place while `work` runs where it is (for work that is mostly waiting on the database).
    func withPlace<T>(_ work: () async throws -> T) async throws -> T {
        try await admit()
        defer { leave() }
        return try await work()
    }

    private enum Admission { case now, queued, refused }

    private func admit() async throws {
        let admission: Admission = state.withLockedValue { state in
            if state.active < running {
                state.active += 1
                return .now
            }
            return state.queue.count < waiting ? .queued : .refused
        }
        switch admission {
        case .now: return
        case .refused: throw Self.busy(name)
        case .queued:
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let admitted: Bool = state.withLockedValue { state in
                    // A place may have come free between the first look and now.
                    if state.active < running {
                        state.active += 1
                        return true
                    }
                    state.queue.append(continuation)
                    return false
                }
                if admitted { continuation.resume() }
            }
        }
    }

    private func leave() {
        let next: CheckedContinuation<Void, Never>? = state.withLockedValue { state in
            if state.queue.isEmpty {
                state.active -= 1
                return nil
            }
            return state.queue.removeFirst() // the place passes to the next in line
        }
        next?.resume()
    }

    static func busy(_ name: String) -> Abort {
        Abort(.serviceUnavailable, headers: ["Retry-After": "2"],
              reason: "the server is busy with other \(name); try again in a few seconds")
    }
}
