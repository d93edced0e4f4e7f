import Foundation
import PalermoCore
import XCTest

/// The ILO/EC operational indicators: the four lists, the rule that makes a dimension positive, and the
/// combination of dimensions for adults and for children.
final class OperationalIndicatorsTests: XCTestCase {
    typealias Indicators = OperationalIndicators

    func testTheListsHaveThePublicationsSizesAndGrades() {
        XCTAssertEqual(Indicators.indicators(of: .adultLabour).count, 67)
        XCTAssertEqual(Indicators.indicators(of: .childLabour).count, 65)
        for list in [Indicators.List.childLabour, .childSexual] {
            XCTAssertFalse(Indicators.indicators(of: list).contains { $0.strength == .weak }, "\(list): no weak ones")
        }
        XCTAssertEqual(Indicators.codes.count, Indicators.catalogue.count, "codes are unique")
        let strongAdultExploitation = Indicators.indicators(of: .adultSexual).filter {
            $0.indicator.dimension == .exploitation && $0.strength == .strong
        }
        XCTAssertEqual(strongAdultExploitation.count, 0, "no strong exploitation indicator for adults, sexual")
    }

    func testADimensionIsPositiveByThePublicationsRule() {
        func result(_ strong: Int, _ medium: Int, _ weak: Int) -> Bool {
            Indicators.DimensionResult(dimension: .exploitation, strong: strong, medium: medium, weak: weak).positive
        }
        XCTAssertTrue(result(2, 0, 0))
        XCTAssertTrue(result(1, 1, 0))
        XCTAssertTrue(result(1, 0, 1))
        XCTAssertTrue(result(0, 3, 0))
        XCTAssertTrue(result(0, 2, 1))
        XCTAssertFalse(result(1, 0, 0))
        XCTAssertFalse(result(0, 2, 0))
        XCTAssertFalse(result(0, 1, 2))
        XCTAssertFalse(result(0, 0, 3))
    }

    static let deceived = ["dr.natureOfJob", "dr.wages"]
    static let exploited = ["ex.excessiveHours", "ex.lowPay"]
    static let coerced = ["cd.documents", "cd.debtBondage"]

    func testAnAdultNeedsRecruitmentExploitationAndCoercionOrVulnerabilityAtDestination() {
        let all = Indicators.Assessment(observed: Self.deceived + Self.exploited + Self.coerced, list: .adultLabour)
        XCTAssertTrue(all.met(actObserved: false))
        XCTAssertEqual(
            all.dimensions.filter(\.positive).map(\.dimension),
            [
                .deceptiveRecruitment, .exploitation, .coercionAtDestination,
            ])
        let noDestination = Indicators.Assessment(observed: Self.deceived + Self.exploited, list: .adultLabour)
        XCTAssertFalse(noDestination.met(actObserved: true))
        let vulnerable = ["vd.dependency", "vd.unknownArea", "vd.economicReasons"]
        XCTAssertTrue(
            Indicators.Assessment(observed: Self.deceived + Self.exploited + vulnerable, list: .adultLabour)
                .met(actObserved: false), "abuse of vulnerability at destination stands for coercion")
        XCTAssertFalse(
            Indicators.Assessment(observed: Self.exploited + Self.coerced, list: .adultLabour).met(actObserved: true),
            "no means at recruitment")
    }

    func testTheSameObservationsWeighDifferentlyOnEachList() {
        let exploitation = Indicators.Assessment(observed: Self.exploited, list: .adultLabour)
        XCTAssertTrue(exploitation.positive(.exploitation), "excessive hours is strong for adults in labour")
        XCTAssertFalse(
            Indicators.Assessment(observed: Self.exploited, list: .adultSexual).positive(.exploitation),
            "two medium ones for adults in sexual exploitation")
        // A child: an act and exploitation are enough; education is graded up.
        let child = Indicators.Assessment(observed: ["ex.education", "ex.lowPay", "ex.badLiving"], list: .childLabour)
        XCTAssertTrue(child.met(actObserved: true))
        XCTAssertFalse(child.met(actObserved: false), "an act is still needed")
        XCTAssertFalse(
            Indicators.Assessment(observed: ["ex.education", "ex.lowPay"], list: .adultLabour).positive(.exploitation))
        XCTAssertTrue(
            Indicators.Assessment(observed: ["ex.education", "ex.lowPay"], list: .childLabour).positive(.exploitation)
                == false, "two medium ones are not enough for a child either")
        // An indicator left out of a list counts for nothing there.
        let left = Indicators.Assessment(observed: ["ex.socialProtection"], list: .childLabour)
        XCTAssertFalse(left.anyObserved)
    }

    func testIndicatorsRaiseTheScreeningsProposalAndUnknownOnesAreNamed() throws {
        var screening = Screening(
            acts: [], means: [], purposes: [], ageUncertain: false, guardian: false, bestInterestsOn: nil,
            indicators: Self.deceived + Self.exploited + Self.coerced)
        let proposal = screening.proposal(knownChild: false)
        XCTAssertEqual(proposal.status, "ActualVictimOfTrafficking")
        XCTAssertTrue(proposal.reasons.contains(.indicatorsMet))
        XCTAssertEqual(proposal.assessment?.list, .adultLabour)
        screening.indicators = ["dr.natureOfJob"]
        let weak = screening.proposal(knownChild: false)
        XCTAssertEqual(weak.status, "PossibleVictimOfTrafficking")
        XCTAssertTrue(weak.reasons.contains(.indicatorsNotMet))
        screening.indicatorForm = .sexual
        XCTAssertEqual(screening.proposal(knownChild: true).assessment?.list, .childSexual)
        screening.indicators = ["dr.natureOfJob", "dr.mindReading"]
        XCTAssertEqual(screening.problems(today: "2026-01-01").map(\.field), ["indicators"])

        // A screening stored before the indicators existed still reads.
        let old = #"{"acts":["recruited"],"means":[],"purposes":[],"ageUncertain":false,"guardian":false}"#
        let decoded = try JSONDecoder().decode(Screening.self, from: Data(old.utf8))
        XCTAssertEqual(decoded.indicators, [])
        XCTAssertNil(decoded.proposal(knownChild: false).assessment)
    }
}
