/// Lets one write transaction at a time through. SQLite allows a single writer, and a deferred transaction
/// that reads and then writes can fail outright when another connection got there first; queuing writes in
/// the process avoids that. PostgreSQL needs no gate: its row locks order concurrent writers.
public actor WriteGate {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    public init() {}

    public func pass<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async {
        if !busy { busy = true; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }
}
