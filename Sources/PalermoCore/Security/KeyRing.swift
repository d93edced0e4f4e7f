import Crypto
import Foundation

/// The keys that protect personal fields. Data keys encrypt (AES-256-GCM); the newest one encrypts new
/// data while older ones stay to decrypt until `palermo keys rotate` has re-encrypted every record.
/// The index key (HMAC-SHA256) makes blind search tokens and is never rotated, so search keeps working.
///
/// File format (JSON): `{"active": "k2", "dataKeys": {"k1": "<base64>", "k2": "<base64>"}, "indexKey": "<base64>"}`.
public struct KeyRing: Sendable, Codable {
    public var active: String
    public var dataKeys: [String: String]
    public var indexKey: String

    public enum Problem: Error, CustomStringConvertible {
        case unreadable(String)
        case unknownKey(String)
        public var description: String {
            switch self {
            case .unreadable(let why): "key ring: \(why)"
            case .unknownKey(let id): "key ring: no data key '\(id)'; was a rotated key removed too early?"
            }
        }
    }

    public static func generate() -> KeyRing {
        KeyRing(active: "k1", dataKeys: ["k1": randomKey()], indexKey: randomKey())
    }

    /// A ring with one more data key, which becomes the active one.
    public func rotated() -> KeyRing {
        var next = self
        let number = (dataKeys.keys.compactMap { Int($0.dropFirst()) }.max() ?? 0) + 1
        next.active = "k\(number)"
        next.dataKeys[next.active] = Self.randomKey()
        return next
    }

    public init(active: String, dataKeys: [String: String], indexKey: String) {
        self.active = active
        self.dataKeys = dataKeys
        self.indexKey = indexKey
    }

    public init(json: Data) throws {
        do { self = try JSONDecoder().decode(KeyRing.self, from: json) } catch {
            throw Problem.unreadable("not a key ring JSON document (\(error))")
        }
        for (id, key) in dataKeys where Data(base64Encoded: key)?.count != 32 {
            throw Problem.unreadable("data key '\(id)' is not 32 bytes of base64")
        }
        guard dataKeys[active] != nil else { throw Problem.unknownKey(active) }
        guard Data(base64Encoded: indexKey)?.count == 32 else {
            throw Problem.unreadable("the index key is not 32 bytes of base64")
        }
    }

    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }

    func symmetricKey(_ id: String) throws -> SymmetricKey {
        guard let text = dataKeys[id], let data = Data(base64Encoded: text) else { throw Problem.unknownKey(id) }
        return SymmetricKey(data: data)
    }

    /// Chains the audit log (HMAC-SHA256), so that only a holder of the key ring can write a chain that verifies.
    public var auditKey: SymmetricKey { derived("palermo audit chain v1") }
    /// Signs audit checkpoints kept outside the database.
    public var checkpointKey: SymmetricKey { derived("palermo audit checkpoint v1") }

    private func derived(_ purpose: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: indexSymmetricKey, info: Data(purpose.utf8), outputByteCount: 32)
    }

    var indexSymmetricKey: SymmetricKey { SymmetricKey(data: Data(base64Encoded: indexKey) ?? Data()) }

    private static func randomKey() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
    }
}
