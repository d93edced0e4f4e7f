import Foundation
import PalermoCore
import PalermoIO
@testable import PalermoStats
import XCTest

/// The pieces of the estimator on tables small enough to check by hand.
final class MSEMethodTests: XCTestCase {
    func table(_ csv: String) throws -> CaptureTable { try CaptureTableReader.read(Data(csv.utf8)).table }

    /// Two lists, main effects: the Lincoln–Petersen estimate n1·n2/m.
    func testTwoListsGiveLincolnPetersen() throws {
        let t = try table("A,B,count\n1,0,60\n0,1,30\n1,1,20\n")
        let (estimate, fit) = MSEEstimator().pointEstimate(t)
        XCTAssertEqual(estimate, 80.0 * 50.0 / 20.0, accuracy: 1e-6)
        XCTAssertEqual(fit.model.pairs, [], "with two lists there is no interaction to add")
    }

    /// Three lists, two of which (A and C) have nobody in common: the A:C parameter goes to minus
    /// infinity, the cells with both are dropped, and the AIC counts the parameter.
    func testAnEmptyOverlapDropsItsCellsAndCountsInTheAIC() throws {
        let t = try table("A,B,C,count\n1,0,0,40\n0,1,0,50\n0,0,1,30\n1,1,0,10\n0,1,1,8\n")
        let withEmpty = LogLinearModel(pairs: [LogLinearModel.Pair(0, 2)])
        let fit = PoissonGLM.fit(t, withEmpty)
        XCTAssertEqual(fit.emptyPairs, [LogLinearModel.Pair(0, 2)])
        XCTAssertEqual(fit.cells.count, 5, "101 and 111 are removed from the 7 cells")
        XCTAssertFalse(fit.cells.contains(0b101))
        let main = PoissonGLM.fit(t, .mainEffects)
        XCTAssertEqual(fit.rank, main.rank, "no column for the empty pair")
        XCTAssertEqual(
            fit.aic - main.aic, 2 + (fit.deviance - main.deviance), accuracy: 1e-6, "one more parameter in the AIC")
        // Log-linear independence on the remaining cells: the main-effects fit of A, B, C with A·C excluded.
        XCTAssertTrue(fit.darkFigure.isFinite && fit.darkFigure > 0)
        XCTAssertTrue(Admissibility.check(t, withEmpty).ok)
    }

    /// All three interactions on three lists leave the dark figure unidentifiable (7 cells, 7 parameters,
    /// and the saturated model cannot say anything about the eighth).
    func testANonIdentifiableModelIsRejected() throws {
        let t = try table("A,B,C,count\n1,0,0,40\n0,1,0,50\n0,0,1,30\n1,1,0,10\n0,1,1,8\n1,0,1,5\n1,1,1,2\n")
        let all = LogLinearModel(pairs: ModelSelection.allPairs(3))
        let check = Admissibility.check(t, all)
        XCTAssertTrue(check.exists)
        XCTAssertTrue(check.identifiable, "7 parameters on 7 cells: identifiable, a perfect fit")
        // With no case on all three lists and no A–C overlap outside it, the A:C effect cannot be estimated.
        let sparse = try table("A,B,C,count\n1,0,0,40\n0,1,0,50\n0,0,1,30\n1,1,0,10\n0,1,1,8\n")
        let bad = LogLinearModel(pairs: [LogLinearModel.Pair(0, 1), LogLinearModel.Pair(1, 2)])
        // A:C is empty, so its cells go: 5 cells remain for 1 + 3 + 2 parameters.
        XCTAssertFalse(Admissibility.check(sparse, bad.adding(LogLinearModel.Pair(0, 2))).identifiable)
        XCTAssertTrue(Admissibility.check(sparse, bad).identifiable)
        // The stepwise selection never picks a model that fails the checks.
        let chosen = ModelSelection.stepwise(sparse, threshold: 1)
        XCTAssertTrue(Admissibility.check(sparse, chosen.model).ok)
    }

    func testTheLinearProgramFindsANonExistentEstimate() throws {
        // B's only cases are also on A and C's only cases are on A: with A:B and A:C in the model
        // the sufficient statistics force the B-only and C-only cells to zero; no positive table fits.
        let t = try table("A,B,C,count\n1,0,0,40\n1,1,0,10\n1,0,1,8\n")
        let model = LogLinearModel(pairs: [LogLinearModel.Pair(0, 1), LogLinearModel.Pair(0, 2)])
        XCTAssertFalse(Admissibility.check(t, model).exists)
        XCTAssertEqual(Simplex.maximise(c: [1, 1], a: [[1, 1]], b: [4]), .optimal(4))
        XCTAssertEqual(Simplex.maximise(c: [1, 0], a: [[1, -1]], b: [1]), .unbounded)
        XCTAssertEqual(Simplex.maximise(c: [1], a: [[1], [1]], b: [1, 2]), .infeasible)
    }

    func testPoissonTailsAndBCaQuantiles() {
        XCTAssertEqual(Poisson.cdf(3, 2.5), 0.7575761331330659, accuracy: 1e-12)
        XCTAssertEqual(Poisson.survival(3, 2.5), 1 - 0.5438131158833297, accuracy: 1e-12)
        XCTAssertEqual(Normal.quantile(0.975), 1.959963984540054, accuracy: 1e-9)
        XCTAssertEqual(
            BootstrapLimits.quantileType8([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.25), 2.9166666666666665, accuracy: 1e-12)
    }

    func testNonInformativeListsAreRemovedWithANote() throws {
        let t = try table("A,B,C,D,count\n1,0,1,0,5\n0,1,0,0,7\n1,1,1,0,2\n")
        let (reduced, notes) = t.removingNonInformativeLists()
        XCTAssertEqual(reduced.lists, ["A", "B"])
        XCTAssertEqual(notes.count, 2)
        XCTAssertTrue(notes.contains { $0.contains("list C duplicates list A") })
        XCTAssertTrue(notes.contains { $0.contains("list D is empty") })
    }

    func testBadTablesGetClearMessages() {
        func problem(_ csv: String) -> String {
            do { _ = try CaptureTableReader.read(Data(csv.utf8)); return "accepted" } catch { return "\(error)" }
        }
        XCTAssertTrue(problem("A,B,count\n1,2,5\n").contains("row 2, B: '2' is not 0 or 1"))
        XCTAssertTrue(problem("A,B,count\n1,0,-3\n").contains("'-3' is not a whole number"))
        XCTAssertTrue(problem("A,B,count\n1,0,2.5\n").contains("'2.5' is not a whole number"))
        XCTAssertTrue(problem("A,count\n1,5\n").contains("at least two lists"))
        XCTAssertTrue(problem("A,B,C\n1,0,1\n").contains("must be 'count'"))
        let merged = try? CaptureTableReader.read(Data("A,B,count\n1,0,5\n0,1,4\n1,0,2\n1,1,1\n".utf8))
        XCTAssertEqual(merged?.table.counts, [7, 4, 1])
        XCTAssertEqual(merged?.notes, ["row 4 repeats the capture history of row 2; their counts were added"])
    }
}
