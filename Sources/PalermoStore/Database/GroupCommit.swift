import FluentKit
import PalermoCore
import SQLKit

/// Group commit: writes and audit entries that arrive while a transaction is being committed wait and go
/// into the next one together, so one commit (one sync to disk, one turn at SQLite's single writer, one hold
/// of the audit chain's head) serves many callers. Audit entries recorded on their own always come here;
/// writes do on SQLite (see `Store.write`).
///
/// Each write runs in its own savepoint: one that fails is undone alone and its caller gets the error, while
/// the others commit. Audit entries recorded on their own (reads, refusals, logins) are appended together at
/// the end of the transaction. A caller returns only once its part is committed: nothing is answered before
/// it is written and audited. Transactions run one at a time, which is what SQLite needs of writers.
actor GroupCommit {
    private let database: any Database
    private let isPostgres: Bool
    private let keys: KeyRing
    private var writes: [PendingWrite] = []
    private var audit: [(drafts: [AuditDraft], done: CheckedContinuation<Void, any Error>)] = []
    private var flushing = false

    init(database: any Database, isPostgres: Bool, keys: KeyRing) {
        self.keys = keys
        self.database = database
        self.isPostgres = isPostgres
    }

    /// Runs `body` inside the next transaction and returns its result once that transaction has committed.
    func write<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<T, any Error>) in
            writes.append(
                PendingWrite(
                    perform: { try await body($0) },
                    finish: { outcome in done.resume(with: outcome.map { $0 as! T }) }))
            startFlushing()
        }
    }

    /// Appends `drafts` to the audit log in the next transaction; returns once they are committed.
    func record(_ drafts: [AuditDraft]) async throws {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            audit.append((drafts, done))
            startFlushing()
        }
    }

    private func startFlushing() {
        guard !flushing else { return }
        flushing = true
        Task { await self.flush() }
    }

    private func flush() async {
        while !writes.isEmpty || !audit.isEmpty {
            let batch = writes, entries = audit
            writes = []
            audit = []
            do {
                let outcomes = try await database.transaction { [isPostgres, keys] db in
                    // SQLite: take the write lock before reading anything. A transaction that reads (the audit
                    // head) and then writes is refused ("busy in snapshot", which no busy handler waits out)
                    // when another connection committed in between, as sessions and audit verifications do.
                    // Begun with a write, it waits for the lock instead and then reads the latest data.
                    if !isPostgres, let sql = db as? any SQLDatabase {
                        try await sql.raw("UPDATE audit_head SET seq = seq WHERE id = 1").run()
                    }
                    let outcomes = try await Self.run(batch, on: db)
                    try await AuditLog.append(entries.flatMap(\.drafts), on: db, isPostgres: isPostgres, keys: keys)
                    return outcomes
                }
                for (write, outcome) in zip(batch, outcomes) { write.finish(outcome) }
                for entry in entries { entry.done.resume() }
            } catch {
                for write in batch { write.finish(.failure(error)) }
                for entry in entries { entry.done.resume(throwing: error) }
            }
        }
        flushing = false
    }

    /// Runs the writes in order, each in a savepoint when there are several, and returns what each gave or threw.
    /// A lone write needs no savepoint: if it fails, the whole transaction is rolled back for it.
    private static func run(
        _ batch: [PendingWrite], on db: any Database
    ) async throws -> [Result<any Sendable, any Error>] {
        guard batch.count > 1, let sql = db as? any SQLDatabase else {
            var outcomes: [Result<any Sendable, any Error>] = []
            for write in batch { outcomes.append(.success(try await write.perform(db))) }
            return outcomes
        }
        var outcomes: [Result<any Sendable, any Error>] = []
        for write in batch {
            try await sql.raw("SAVEPOINT palermo_write").run()
            do {
                outcomes.append(.success(try await write.perform(db)))
            } catch {
                try await sql.raw("ROLLBACK TO SAVEPOINT palermo_write").run()
                outcomes.append(.failure(error))
            }
            try await sql.raw("RELEASE SAVEPOINT palermo_write").run()
        }
        return outcomes
    }
}

/// A write waiting for the next transaction: runs there, then hears whether it was committed.
private struct PendingWrite: Sendable {
    let perform: @Sendable (any Database) async throws -> any Sendable
    let finish: @Sendable (Result<any Sendable, any Error>) -> Void
}
