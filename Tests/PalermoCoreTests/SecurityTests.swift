import Foundation
import PalermoCore
import XCTest

final class SecurityTests: XCTestCase {
    func testSealedFieldsOpenOnlyForTheirCaseAndKey() throws {
        let cipher = FieldCipher(keys: .generate())
        let id = UUID()
        let fields: CaseFields = ["prs_FirstName": .text("Neema"), "prs_Email": .text("neema@example.org")]
        let sealed = try cipher.seal(fields, caseID: id)
        XCTAssertFalse(sealed.contains("Neema"))
        XCTAssertTrue(sealed.hasPrefix("k1:"))
        XCTAssertEqual(try cipher.open(sealed, caseID: id), fields)
        XCTAssertThrowsError(try cipher.open(sealed, caseID: UUID()), "bound to its case")
        XCTAssertThrowsError(try FieldCipher(keys: .generate()).open(sealed, caseID: id), "another installation's key")
        var tampered = Array(sealed)
        tampered[tampered.count - 5] = tampered[tampered.count - 5] == "A" ? "B" : "A"
        XCTAssertThrowsError(try cipher.open(String(tampered), caseID: id))
    }

    func testRotationKeepsOldDataReadableAndSealsWithTheNewKey() throws {
        let old = KeyRing.generate()
        let sealed = try FieldCipher(keys: old).seal(["prs_FirstName": .text("Baraka")], caseID: UUID(uuidString: "00000000-0000-0000-0000-000000000001")!)
        let next = FieldCipher(keys: old.rotated())
        XCTAssertEqual(next.keys.active, "k2")
        XCTAssertTrue(next.needsResealing(sealed))
        let opened = try next.open(sealed, caseID: UUID(uuidString: "00000000-0000-0000-0000-000000000001")!)
        XCTAssertEqual(opened["prs_FirstName"], .text("Baraka"))
        XCTAssertEqual(next.token("Baraka"), FieldCipher(keys: old).token("Baraka"), "search keeps working across rotation")
        let roundTrip = try KeyRing(json: next.keys.jsonData())
        XCTAssertEqual(roundTrip.dataKeys, next.keys.dataKeys)
        XCTAssertThrowsError(try KeyRing(json: Data("{\"active\":\"k9\",\"dataKeys\":{},\"indexKey\":\"\"}".utf8)))
    }

    func testSearchTokensIgnoreCaseAndAccents() {
        let cipher = FieldCipher(keys: .generate())
        let tokens = cipher.searchTokens(for: ["prs_FirstName": .text("Zoë Anne"), "prs_SecondName": .text("N'Diaye")])
        XCTAssertTrue(tokens.contains(cipher.token("zoe")))
        XCTAssertTrue(tokens.contains(cipher.token("ANNE")))
        XCTAssertTrue(tokens.contains(cipher.token("diaye")))
        XCTAssertFalse(tokens.contains(cipher.token("zo")), "whole words only")
    }

    func testAuditChainFindsAlteredAndMissingEntries() {
        let key = KeyRing.generate().auditKey
        var entries: [(record: AuditRecord, previousHash: String, hash: String)] = []
        var previous = AuditChain.genesis
        for sequence in 1...5 {
            let record = AuditRecord(sequence: sequence, at: Date(timeIntervalSince1970: 1_700_000_000 + Double(sequence)), actorID: UUID(),
                                     actorName: "amina", organisationID: UUID(), action: .read, caseID: UUID(), fields: ["prs_FirstName"], detail: "")
            let hash = record.hash(previous: previous, key: key)
            entries.append((record, previous, hash))
            previous = hash
        }
        XCTAssertNil(AuditChain.verify(entries, key: key))
        var altered = entries
        altered[2].record.actorName = "mallory"
        XCTAssertEqual(AuditChain.verify(altered, key: key)?.sequence, 3)
        var missing = entries
        missing.remove(at: 3)
        XCTAssertEqual(AuditChain.verify(missing, key: key)?.sequence, 5)
        var rehashed = entries  // an attacker who re-hashes one entry still breaks the link to the next
        rehashed[1].record.detail = "x"
        rehashed[1].hash = rehashed[1].record.hash(previous: rehashed[1].previousHash, key: key)
        XCTAssertEqual(AuditChain.verify(rehashed, key: key)?.sequence, 3)
        // Without the key, a whole rewritten chain (plain SHA-256, or another key) does not verify.
        var forged: [(record: AuditRecord, previousHash: String, hash: String)] = []
        var link = AuditChain.genesis
        for entry in entries {
            let hash = entry.record.hash(previous: link, key: KeyRing.generate().auditKey)
            forged.append((entry.record, link, hash))
            link = hash
        }
        XCTAssertEqual(AuditChain.verify(forged, key: key)?.sequence, 1)
        XCTAssertNil(AuditChain.verify(entries.map { ($0.record, $0.previousHash, $0.hash) }, key: key, keyedFrom: 1))
    }
}
