#if canImport(Glibc)
    import Glibc
#endif
import NIOConcurrencyHelpers
import NIOPosix
import Vapor

/// Runs CPU-heavy work (bcrypt, reports, estimates, file parsing) on threads of its own, never on an event loop,
/// with at most `running` jobs at once and `waiting` more queued. Past that the caller gets 503 with
/// `Retry-After` at once: a burst is shed instead of piling up until every request times out. Its threads run
/// at a lower scheduling priority (nice 10), so that on a machine whose cores are busy with reports the event
/// loops still get the CPU at once to answer everything else (`/health` among them).
final class WorkLimiter: Sendable {
    let name: String
    private let running: Int
    private let waiting: Int
    private let state = NIOLockedValueBox(State())
    private let pool: NIOThreadPool

    private struct State {
        var active = 0
        var queue: [CheckedContinuation<Void, Never>] = []
    }

    init(name: String, running: Int, waiting: Int) {
        self.name = name
        self.running = max(1, running)
        self.waiting = max(0, waiting)
        pool = NIOThreadPool(numberOfThreads: self.running)
        pool.start()
    }

    /// Runs `work` on the limiter's threads once a place is free.
    func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await admit()
        defer { leave() }
        return try await compute(work)
    }

    /// Runs `work` on the limiter's threads without taking a place: for work inside `withPlace`.
    func compute<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await pool.runIfActive {
            Self.lowerPriority()
            return try work()
        }
    }

    func shutdown() async {
        try? await pool.shutdownGracefully()
    }

    /// nice 10 for the calling thread only: on Linux the nice value belongs to a thread, and `who` 0 names the caller.
    private static func lowerPriority() {
        #if os(Linux)
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        #endif
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
            return state.queue.removeFirst()  // the place passes to the next in line
        }
        next?.resume()
    }

    static func busy(_ name: String) -> Abort {
        Abort(
            .serviceUnavailable, headers: ["Retry-After": "2"],
            reason: "the server is busy with other \(name); try again in a few seconds")
    }
}

/// Stops the limiters' threads with the application.
struct WorkLimiterShutdown: LifecycleHandler {
    func shutdownAsync(_ application: Application) async {
        await application.palermo.hashing.shutdown()
        await application.palermo.heavy.shutdown()
    }
}
