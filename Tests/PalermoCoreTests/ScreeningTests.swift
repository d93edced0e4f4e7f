import Foundation
import PalermoCore
import XCTest

/// The screening's proposal follows the definition's elements, with the child rules.
final class ScreeningTests: XCTestCase {
    func screening(
        acts: [Screening.Act] = [.recruited], means: [String] = ["DebtBondage"], purposes: [String] = ["ForcedLabour"],
        ageUncertain: Bool = false
    ) -> Screening {
        Screening(
            acts: acts, means: means, purposes: purposes, ageUncertain: ageUncertain, guardian: false,
            bestInterestsOn: nil)
    }

    func testAnAdultNeedsActMeansAndPurposeAChildActAndPurpose() {
        XCTAssertEqual(screening().proposal(knownChild: false).status, "ActualVictimOfTrafficking")
        let noMeans = screening(means: [])
        XCTAssertEqual(noMeans.proposal(knownChild: false).status, "PossibleVictimOfTrafficking")
        XCTAssertTrue(noMeans.proposal(knownChild: false).reasons.contains(.noMeans))
        XCTAssertEqual(noMeans.proposal(knownChild: true).status, "ActualVictimOfTrafficking", "a child needs no means")
        XCTAssertTrue(noMeans.proposal(knownChild: true).reasons.contains(.meansNotNeeded))
        let uncertain = screening(means: [], ageUncertain: true).proposal(knownChild: false)
        XCTAssertEqual(uncertain.status, "ActualVictimOfTrafficking", "age uncertain: presumed a child")
        XCTAssertEqual(uncertain.reasons.first, .presumedChild)
        XCTAssertEqual(
            screening(acts: [], means: [], purposes: []).proposal(knownChild: false).status, "NotAVictimOfTrafficking")
        XCTAssertEqual(screening(acts: []).proposal(knownChild: true).status, "PossibleVictimOfTrafficking")
    }

    func testUnknownCodesAndBadDaysAreNamed() {
        var bad = screening(means: ["Magic"], purposes: ["Tourism"])
        bad.bestInterestsOn = "2999-01-01"
        XCTAssertEqual(bad.problems(today: "2026-01-01").map(\.field), ["means", "purposes", "bestInterestsOn"])
        XCTAssertEqual(screening(means: [Screening.abuseOfVulnerability]).problems(today: "2026-01-01"), [])
    }
}
