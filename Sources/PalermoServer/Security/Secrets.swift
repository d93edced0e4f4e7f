import Crypto
import Foundation
import PalermoCore

/// Random secrets handed to clients (API tokens, session ids, form tokens), and the digest under which a
/// secret is stored: the database never holds one that could be replayed.
enum Secrets {
    static func random(bytes: Int) -> Data {
        Data((0..<bytes).map { _ in UInt8.random(in: .min ... .max) })
    }

    /// `bytes` random bytes as URL-safe base64 without padding.
    static func token(bytes: Int) -> String {
        random(bytes: bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(
                of: "=", with: "")
    }

    /// SHA-256 of the secret, in lower-case hexadecimal.
    static func digest(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).hexString
    }
}
