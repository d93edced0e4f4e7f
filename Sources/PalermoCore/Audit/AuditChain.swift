import Crypto
import Foundation

/// What the audit log records.
public enum AuditAction: String, Sendable, Codable, CaseIterable {
    case create, read, update, export, `import`, denied, login, loginFailed = "login_failed", rotateKeys = "rotate_keys"
    /// Case management: a new owner or assignees, a note added, a task added or done.
    case assign, note, task
    /// A change that needs a second person: asked for, approved, or returned with a comment.
    case approvalRequested = "approval_requested", approve, returned = "return"
    /// Two cases about one person made one: on the kept case and on the one merged into it.
    case merge
    /// The national referral mechanism: consent given or withdrawn, a case referred, a referral's step.
    case consent, withdrawConsent = "withdraw_consent", refer, referral
    /// De-identified data released for publication (a protected table, k-anonymous or synthetic records).
    case publish
}

/// The content of one audit entry. Each entry's hash covers its content and the previous entry's hash,
/// so altering or deleting any entry breaks the chain from that entry on.
public struct AuditRecord: Sendable, Equatable {
    public var sequence: Int
    public var at: Date
    public var actorID: UUID?
    public var actorName: String
    public var organisationID: UUID?
    public var action: AuditAction
    public var caseID: UUID?
    public var fields: [String]
    public var detail: String

    public init(
        sequence: Int, at: Date, actorID: UUID?, actorName: String, organisationID: UUID?,
        action: AuditAction, caseID: UUID?, fields: [String], detail: String
    ) {
        self.sequence = sequence
        self.at = at
        self.actorID = actorID
        self.actorName = actorName
        self.organisationID = organisationID
        self.action = action
        self.caseID = caseID
        self.fields = fields
        self.detail = detail
    }

    /// The canonical text that is hashed. Times are kept to the millisecond, as every database stores them.
    public var canonicalText: String {
        let millis = Int64((at.timeIntervalSince1970 * 1000).rounded())
        return [
            String(sequence), String(millis), actorID?.uuidString ?? "-", actorName, organisationID?.uuidString ?? "-",
            action.rawValue, caseID?.uuidString ?? "-", fields.joined(separator: ","), detail,
        ]
        .map {
            $0.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "|") })
                ? $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|") : $0
        }
        .joined(separator: "|")
    }

    /// The entry's link in the chain: HMAC-SHA256 with the ring's audit key, or plain SHA-256 for entries
    /// written before the chain was keyed (`key` nil).
    public func hash(previous: String, key: SymmetricKey?) -> String {
        let message = Data((previous + "\n" + canonicalText).utf8)
        guard let key else { return SHA256.hash(data: message).hexString }
        return Data(HMAC<SHA256>.authenticationCode(for: message, using: key)).hexString
    }
}

public enum AuditChain {
    /// The hash that the first entry chains to.
    public static let genesis = String(repeating: "0", count: 64)

    public struct Break: Error, Sendable, Equatable, CustomStringConvertible {
        public let sequence: Int
        public let reason: String
        public init(sequence: Int, reason: String) {
            self.sequence = sequence
            self.reason = reason
        }
        public var description: String { "audit entry \(sequence): \(reason)" }
    }

    /// Walks entries in sequence order and reports the first one that does not fit the chain. Entries from
    /// `keyedFrom` on are chained with `key`; earlier ones (written before the chain was keyed) with SHA-256.
    public static func verify(
        _ entries: some Sequence<(record: AuditRecord, previousHash: String, hash: String)>,
        key: SymmetricKey, keyedFrom: Int = 1
    ) -> Break? {
        var expectedPrevious = genesis
        var expectedSequence = 1
        for entry in entries {
            let sequence = entry.record.sequence
            if sequence != expectedSequence {
                return Break(
                    sequence: sequence,
                    reason:
                        "expected entry \(expectedSequence) here: entries \(expectedSequence)…\(sequence - 1) were deleted"
                )
            }
            if entry.previousHash != expectedPrevious {
                return Break(
                    sequence: sequence,
                    reason: "does not chain to the entry before it (an entry was deleted or altered)")
            }
            if entry.record.hash(previous: entry.previousHash, key: sequence >= keyedFrom ? key : nil) != entry.hash {
                return Break(sequence: sequence, reason: "its content does not match its hash (the entry was altered)")
            }
            expectedPrevious = entry.hash
            expectedSequence += 1
        }
        return nil
    }
}
