import Crypto
import Foundation

/// What a password must be, and how it reaches bcrypt.
public enum PasswordPolicy {
    public static let minimumLength = 12

    /// The reasons a password is refused for `username`; empty when it is acceptable.
    public static func problems(_ password: String, username: String) -> [String] {
        var problems: [String] = []
        if password.count < minimumLength { problems.append("must have at least \(minimumLength) characters") }
        let lower = password.lowercased()
        let name = username.trimmingCharacters(in: .whitespaces).lowercased()
        if !name.isEmpty && lower.contains(name) { problems.append("must not contain the username") }
        if isCommon(lower) {
            problems.append("is one of the most common passwords, or one with digits or symbols added")
        }
        return problems
    }

    /// A common password, or one with only digits and symbols added around it ("password1234!"), or no letter
    /// at all ("123456789012").
    static func isCommon(_ lower: String) -> Bool {
        if common.contains(lower) { return true }
        let core = lower.trimmingCharacters(in: CharacterSet.letters.inverted)
        return core.isEmpty || common.contains(core)
    }

    /// bcrypt reads only the first 72 bytes. A longer password is hashed first (SHA-256, base64: 44 bytes), so
    /// every byte of it counts; shorter ones go to bcrypt as they are, so existing hashes stay valid.
    public static func bcryptInput(_ password: String) -> String {
        guard password.utf8.count > 72 else { return password }
        return "sha256:" + Data(SHA256.hash(data: Data(password.utf8))).base64EncodedString()
    }

    /// The most frequent passwords of leaked corpora (scripts/generate-common-passwords.py), lowercased.
    static let common: Set<String> = {
        guard let url = Bundle.module.url(forResource: "common-passwords", withExtension: "txt"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { return [] }
        return Set(text.split(separator: "\n").map(String.init))
    }()
}
