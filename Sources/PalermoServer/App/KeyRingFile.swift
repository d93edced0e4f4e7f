import Foundation
import PalermoCore

/// Loads the key ring from `PALERMO_KEYS` (the JSON itself) or from the key file, creating the file with
/// fresh keys on first start so a new installation works out of the box.
public enum KeyRingFile {
    public static func load(
        path: String, environment: [String: String] = ProcessInfo.processInfo.environment,
        createIfMissing: Bool = true
    ) throws -> (ring: KeyRing, created: Bool) {
        if let json = environment["PALERMO_KEYS"], !json.isEmpty {
            return (try KeyRing(json: Data(json.utf8)), false)
        }
        if FileManager.default.fileExists(atPath: path) {
            return (try KeyRing(json: try Data(contentsOf: URL(fileURLWithPath: path))), false)
        }
        guard createIfMissing else { throw KeyRing.Problem.unreadable("no key file at \(path)") }
        let ring = KeyRing.generate()
        try save(ring, to: path)
        return (ring, true)
    }

    /// Writes the ring readable by its owner only.
    public static func save(_ ring: KeyRing, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = url.appendingPathExtension("tmp")
        FileManager.default.createFile(
            atPath: temporary.path, contents: try ring.jsonData(), attributes: [.posixPermissions: 0o600])
        if FileManager.default.fileExists(atPath: url.path) {
            _ = try FileManager.default.replaceItemAt(url, withItemAt: temporary)
        } else {
            try FileManager.default.moveItem(at: temporary, to: url)
        }
    }
}
