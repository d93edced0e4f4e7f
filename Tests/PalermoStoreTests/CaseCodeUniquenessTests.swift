import FluentKit
import Foundation
import PalermoCore
@testable import PalermoStore
import XCTest

final class CaseCodeUniquenessTests: XCTestCase {
    /// Codes drawn twice in one import, or already held by a stored case, are replaced before writing.
    func testClashingCodesAreRedrawnInsideTheTransaction() async throws {
        let memory = try await InMemoryStore()
        let store = memory.store(.generate())
        let existing = try await store.cases.create(
            CaseCoreFixture.with(["prs_FirstName": .text("First")]), organisationCountry: "KEN", by: memory.supervisor)
        let models = (0..<50).map { _ -> CaseModel in
            let model = CaseModel()
            model.caseCode = existing.caseCode  // every one clashes with the stored case and with each other
            return model
        }
        try await CaseRepository.assignUniqueCodes(models, country: "KEN", on: memory.database)
        let codes = models.map(\.caseCode)
        XCTAssertEqual(Set(codes).count, 50)
        XCTAssertFalse(codes.contains(existing.caseCode))
        XCTAssertTrue(codes.allSatisfy { $0.hasPrefix("KEN-") })
        try await memory.shutdown()
    }
}
