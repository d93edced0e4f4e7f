import Crypto
import Foundation

/// The audit chain's head at one moment, signed (HMAC-SHA256) with the key ring's checkpoint key. An operator
/// keeps it outside the database; later, `audit verify --checkpoint` proves that the log still holds this
/// entry with this hash, so nothing up to it was cut off or rewritten, even by someone who could edit the
/// database and rewind its head.
public struct AuditCheckpoint: Sendable, Codable, Equatable {
    public let sequence: Int
    public let hash: String
    public let at: Date
    public let signature: String

    public init(sequence: Int, hash: String, at: Date, key: SymmetricKey) {
        self.sequence = sequence
        self.hash = hash
        self.at = Date(timeIntervalSince1970: at.timeIntervalSince1970.rounded())
        signature = Self.sign(sequence: sequence, hash: hash, at: self.at, key: key)
    }

    public func isSigned(by key: SymmetricKey) -> Bool {
        signature == Self.sign(sequence: sequence, hash: hash, at: at, key: key)
    }

    private static func sign(sequence: Int, hash: String, at: Date, key: SymmetricKey) -> String {
        let text = "\(sequence)|\(hash)|\(Int64(at.timeIntervalSince1970))"
        return Data(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key)).hexString
    }

    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    public init(json: Data) throws {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        self = try decoder.decode(AuditCheckpoint.self, from: json)
    }
}
