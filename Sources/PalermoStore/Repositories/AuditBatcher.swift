import FluentKit
import Foundation

/// Group commit for audit entries written on their own (reads, refusals, logins). Entries that arrive while
/// a batch is being written go into the next one, so under load one transaction records many accesses.
/// `record` returns only once the caller's entries are committed: nothing is answered before it is audited.
actor AuditBatcher {
    private let write: @Sendable ([AuditDraft]) async throws -> Void
    private var pending: [(drafts: [AuditDraft], done: CheckedContinuation<Void, any Error>)] = []
    private var flushing = false

    init(write: @escaping @Sendable ([AuditDraft]) async throws -> Void) {
        self.write = write
    }

    func record(_ drafts: [AuditDraft]) async throws {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            pending.append((drafts, done))
            if !flushing {
                flushing = true
                Task { await self.flush() }
            }
        }
    }

    private func flush() async {
        while !pending.isEmpty {
            let batch = pending
            pending = []
            do {
                try await write(batch.flatMap(\.drafts))
                for waiter in batch { waiter.done.resume() }
            } catch {
                for waiter in batch { waiter.done.resume(throwing: error) }
            }
        }
        flushing = false
    }
}
