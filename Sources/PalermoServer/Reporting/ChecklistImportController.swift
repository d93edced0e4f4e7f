import Foundation
import PalermoCore
import PalermoIO
import PalermoStore
import Vapor

/// `POST /rounds/{id}/report/answers`: answers the State already gave to the Conference of the Parties' checklist
/// (or elsewhere), read from a CSV or XLSX sheet into the report form for the focal point to check and file.
/// Nothing is filed by the import itself; a sheet with any row that matches no question fills in nothing.
struct ChecklistImportController {
    static func boot(_ routes: any RoutesBuilder) {
        routes.on(
            .POST, "rounds", ":round", "report", "answers", body: .stream, use: ChecklistImportController().answers)
    }

    func answers(_ req: Request) async throws -> Response {
        _ = try req.signedIn()
        let round = try await req.store.reportingRounds.round(req.uuid("round"))
        let w = req.localizer
        func refuse(_ issues: [ValidationIssue]) async throws -> Response {
            try await RoundsPagesController.reportPage(
                req, typed: nil, problems: issues.map { ValidationText(w).describe($0) })
        }
        let data: Data
        do {
            data = try await EvidenceController.file(req).0
        } catch let failure as ValidationFailure {
            return try await refuse(failure.issues)
        }
        let result: Result<[Int: String], ValidationFailure>
        do {
            result = try ChecklistAnswers.read(data, questions: round.round.questions)
        } catch {
            return try await refuse([
                ValidationIssue(field: "file", message: "is not a CSV or XLSX sheet that can be read", code: "fileKind")
            ])
        }
        switch result {
        case .failure(let failure):
            return try await refuse(failure.issues)
        case .success(let answers):
            let values = Dictionary(uniqueKeysWithValues: answers.map { ("answer.\($0.key)", $0.value) })
            return try await RoundsPagesController.reportPage(
                req, typed: values, problems: [], notice: w("report.imported", ["count": w.number(answers.count)]))
        }
    }
}
