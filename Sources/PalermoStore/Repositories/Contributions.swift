import FluentKit
import Foundation
import PalermoCore

/// An agency's contribution to its State's report for a round: its answers to the round's questions and a note,
/// gathered by the State's focal point into the one report.
public final class ContributionModel: Model, @unchecked Sendable {
    public static let schema = "round_contributions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "round_id") public var roundID: UUID
    @Field(key: "country") public var country: String
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "document") public var document: String
    @Field(key: "submitted_by") public var submittedBy: UUID
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}

public struct AddContributions: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(ContributionModel.schema)
            .id()
            .field("round_id", .uuid, .required, .references(ReportingRoundModel.schema, "id"))
            .field("country", .string, .required)
            .field("organisation_id", .uuid, .required, .references(OrganisationModel.schema, "id"))
            .field("document", .string, .required)
            .field("submitted_by", .uuid, .required)
            .field("updated_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "round_id", "organisation_id")
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(ContributionModel.schema).delete()
    }
}

/// What an agency contributes: answers to the round's questions and a note for the focal point.
public struct Contribution: Sendable, Codable, Equatable {
    public var answers: [StateReport.Answer]
    public var note: String

    public init(answers: [StateReport.Answer] = [], note: String = "") {
        self.answers = answers
        self.note = note
    }

    public func problems(round: ReportingRound) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        if answers.count > 50 {
            issues.append(
                ValidationIssue(
                    field: "answers", message: "names too many items", code: "tooMany", values: ["max": "50"]))
        }
        for (i, answer) in answers.enumerated() {
            if !round.questions.indices.contains(answer.question) {
                issues.append(
                    ValidationIssue(
                        field: "answers[\(i)]", message: "is not a question of the round", code: "notInList",
                        values: ["value": String(answer.question)]))
            }
            if answer.text.count > 10_000 {
                issues.append(
                    ValidationIssue(
                        field: "answers[\(i)].text", message: "must be at most 10000 characters", code: "tooLong",
                        values: ["max": "10000"]))
            }
        }
        if note.count > 5000 {
            issues.append(
                ValidationIssue(
                    field: "note", message: "must be at most 5000 characters", code: "tooLong", values: ["max": "5000"])
            )
        }
        return issues
    }
}

public struct ContributionRecord: Sendable, Equatable {
    public let organisationID: UUID
    public let organisationName: String
    public let contribution: Contribution
    public let updatedAt: Date?
}

/// The State's agencies (its government agencies, police and labour inspectorates) contribute to its report; the
/// focal point (the national coordinator) reads what each contributed. Contributions stay inside the State.
extension ReportingRounds {
    /// Whether the principal speaks for one of its State's agencies: a supervisor or admin of such an organisation.
    public func agency(of principal: Principal) async throws -> OrganisationModel? {
        guard principal.role.assignsCases,
            let organisation = try await OrganisationModel.find(principal.organisationID, on: store.database),
            let kind = OrganisationKind(rawValue: organisation.kind), ActorGroup(kind: kind) == .memberStates
        else { return nil }
        return organisation
    }

    public func contribution(to roundID: UUID, by principal: Principal) async throws -> Contribution {
        guard try await agency(of: principal) != nil else {
            throw StoreError.forbidden("a State's agencies contribute through their supervisors and admins")
        }
        let model = try await ContributionModel.query(on: store.database).filter(\.$roundID == roundID)
            .filter(\.$organisationID == principal.organisationID).first()
        return try model.map { try JSONDecoder().decode(Contribution.self, from: Data($0.document.utf8)) }
            ?? Contribution()
    }

    public func contribute(_ contribution: Contribution, to roundID: UUID, by principal: Principal) async throws {
        guard let agency = try await agency(of: principal) else {
            throw StoreError.forbidden("a State's agencies contribute through their supervisors and admins")
        }
        let round = try await round(roundID)
        guard round.open else {
            throw ValidationFailure([
                ValidationIssue(field: "round", message: "the round is closed", code: "roundClosed")
            ])
        }
        let issues = contribution.problems(round: round.round)
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        let model =
            try await ContributionModel.query(on: store.database).filter(\.$roundID == roundID)
            .filter(\.$organisationID == principal.organisationID).first() ?? ContributionModel()
        if model.id == nil {
            model.id = UUID()
            model.roundID = roundID
            model.organisationID = principal.organisationID
        }
        model.country = agency.country
        model.document = String(decoding: try JSONEncoder.sorted.encode(contribution), as: UTF8.self)
        model.submittedBy = principal.userID
        try await store.save(
            model, audited: AuditDraft(actor: principal, action: .update, detail: "contribution to a State report"))
    }

    /// What the State's agencies contributed, for its focal point.
    public func contributions(to roundID: UUID, by principal: Principal) async throws -> [ContributionRecord] {
        let plan = try await plan(for: principal)
        let models = try await ContributionModel.query(on: store.database).filter(\.$roundID == roundID)
            .filter(\.$country == plan.plan.country).all()
        var records: [ContributionRecord] = []
        for model in models {
            let name = try await OrganisationModel.find(model.organisationID, on: store.database)?.name ?? ""
            records.append(
                ContributionRecord(
                    organisationID: model.organisationID, organisationName: name,
                    contribution: try JSONDecoder().decode(Contribution.self, from: Data(model.document.utf8)),
                    updatedAt: model.updatedAt))
        }
        return records.sorted { $0.organisationName < $1.organisationName }
    }
}
