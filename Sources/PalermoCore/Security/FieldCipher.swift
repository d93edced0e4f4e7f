import Crypto
import Foundation

/// Seals a case's personal fields as one AES-GCM box, tagged with the id of the key that sealed it:
/// `<key id>:<base64 of nonce, ciphertext and tag>`. The case id is bound in as authenticated data,
/// so a sealed box copied onto another case does not open.
public struct FieldCipher: Sendable {
    public let keys: KeyRing

    public init(keys: KeyRing) { self.keys = keys }

    public enum Problem: Error, CustomStringConvertible {
        case malformed
        case wrongKeyOrTampered
        public var description: String {
            switch self {
            case .malformed: "sealed personal fields are malformed"
            case .wrongKeyOrTampered: "sealed personal fields do not open: wrong key, or the record was altered"
            }
        }
    }

    public func seal(_ fields: CaseFields, caseID: UUID) throws -> String {
        try seal(JSONEncoder().encode(fields), boundTo: caseID)
    }

    /// Any bytes (an uploaded document) sealed the same way, bound to the id of the record that holds them.
    public func seal(_ plaintext: Data, boundTo id: UUID) throws -> String {
        let box = try AES.GCM.seal(
            plaintext, using: keys.symmetricKey(keys.active), authenticating: Data(id.uuidString.utf8))
        guard let combined = box.combined else { throw Problem.malformed }
        return "\(keys.active):\(combined.base64EncodedString())"
    }

    public func open(_ sealed: String, boundTo id: UUID) throws -> Data { try openJSON(sealed, caseID: id) }

    public func open(_ sealed: String, caseID: UUID) throws -> CaseFields {
        let plaintext = try openJSON(sealed, caseID: caseID)
        do { return try CaseFields(storedJSON: plaintext) } catch { throw Problem.wrongKeyOrTampered }
    }

    /// Only some of the fields, decoded from the opened JSON: a list shows three of them, and reading only
    /// those skips building all the others.
    public func open<Part: Decodable>(_ part: Part.Type, from sealed: String, caseID: UUID) throws -> Part {
        let plaintext = try openJSON(sealed, caseID: caseID)
        do { return try JSONDecoder().decode(part, from: plaintext) } catch { throw Problem.wrongKeyOrTampered }
    }

    private func openJSON(_ sealed: String, caseID: UUID) throws -> Data {
        guard let colon = sealed.firstIndex(of: ":"),
            let data = Data(base64Encoded: String(sealed[sealed.index(after: colon)...]))
        else {
            throw Problem.malformed
        }
        let key = try keys.symmetricKey(String(sealed[..<colon]))
        do {
            let box = try AES.GCM.SealedBox(combined: data)
            return try AES.GCM.open(box, using: key, authenticating: Data(caseID.uuidString.utf8))
        } catch {
            throw Problem.wrongKeyOrTampered
        }
    }

    /// Whether a sealed box was made with an older key and should be re-sealed after a rotation.
    public func needsResealing(_ sealed: String) -> Bool { !sealed.hasPrefix("\(keys.active):") }

    /// Keyed hashes of the normalised words of the name fields, so a case can be found by name
    /// without any name being stored in the clear.
    public func searchTokens(for fields: CaseFields) -> [String] {
        let words = ["prs_FirstName", "prs_SecondName"].compactMap { fields[$0]?.description }
            .flatMap { $0.split(whereSeparator: { !$0.isLetter && !$0.isNumber }) }
        // Every prefix of three letters or more (up to twenty) as well as the whole word: "Sar" finds
        // Sara, and no name is stored in the clear, only keyed hashes of its beginnings.
        var tokens = Set<String>()
        for word in words {
            tokens.insert(token(String(word)))
            let letters = Array(word)
            guard letters.count > 3 else { continue }
            for length in 3..<min(letters.count, 20) { tokens.insert(token(String(letters[0..<length]))) }
        }
        return tokens.sorted()
    }

    /// A privacy-preserving linkage key: a keyed hash of the normalised first and second names (in any order)
    /// and the birth date, so that the same person recorded by two organisations links for multiple systems
    /// estimation without any name leaving the system. Nil when a part is missing.
    public func linkageKey(for fields: CaseFields) -> String? {
        guard let birth = fields["prs_Birthdate"]?.description, !birth.isEmpty else { return nil }
        let words = ["prs_FirstName", "prs_SecondName"].compactMap { fields[$0]?.description }
            .flatMap { $0.split(whereSeparator: { !$0.isLetter }) }
            .map { $0.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil) }
        guard words.count >= 2 else { return nil }
        let text = "linkage|" + words.sorted().joined(separator: " ") + "|" + birth
        let mac = HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: keys.indexSymmetricKey)
        return Data(mac).prefix(16).base64EncodedString()
    }

    /// The blind-index token of one search word.
    public func token(_ word: String) -> String {
        let normalised = word.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        let mac = HMAC<SHA256>.authenticationCode(for: Data(normalised.utf8), using: keys.indexSymmetricKey)
        return Data(mac).prefix(12).base64EncodedString()
    }
}
