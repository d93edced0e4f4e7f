import Foundation
import PalermoCore
import PalermoIO
import XCTest

/// Answers already given, read from a sheet against a round's questions: by number or by text, all or nothing.
final class ChecklistAnswersTests: XCTestCase {
    let questions = [
        "Is trafficking in persons criminalised as the Protocol defines it?",
        "Do victims have access to compensation?",
        "How are victims referred between organisations?",
    ]

    func answers(_ csv: String) throws -> Result<[Int: String], ValidationFailure> {
        try ChecklistAnswers.read(Data(csv.utf8), questions: questions)
    }

    func testAnswersMatchByNumberOrByTextWhateverTheCaseSpacingAndFinalPunctuation() throws {
        let csv = """
            Question,Answer
            1,"Yes, since 2010 (Counter-Trafficking in Persons Act)."
            "do victims  have access to COMPENSATION",Through the courts only.
            """
        XCTAssertEqual(
            try answers(csv).get(),
            [0: "Yes, since 2010 (Counter-Trafficking in Persons Act).", 1: "Through the courts only."])
    }

    func testARowThatMatchesNoQuestionFillsInNothingAndIsNamedByRow() throws {
        let csv = "question,answer\n1,Yes\nIs the moon made of cheese?,No\n9,Out of range\n1,Again\n"
        guard case .failure(let failure) = try answers(csv) else { return XCTFail("the sheet must be refused") }
        XCTAssertEqual(failure.issues.map(\.row), [3, 4, 5])
        XCTAssertEqual(failure.issues.map(\.code), ["checklistUnmatched", "checklistUnmatched", "checklistTwice"])
    }

    func testASheetWithoutTheTwoColumnsIsRefused() throws {
        guard case .failure(let failure) = try answers("q,a\n1,Yes\n") else { return XCTFail("refused") }
        XCTAssertEqual(failure.issues.map(\.code), ["checklistColumns"])
    }
}
