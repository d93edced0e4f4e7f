import FluentKit
import Foundation

/// A note on a case. Notes are never edited or deleted: a correction is a new note that names the one it
/// corrects. The text is sealed with the case's key, like the case's personal fields.
public final class CaseNoteModel: Model, @unchecked Sendable {
    public static let schema = "case_notes"

    @ID(key: .id) public var id: UUID?
    @Field(key: "case_id") public var caseID: UUID
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "author_id") public var authorID: UUID
    @Field(key: "author_name") public var authorName: String
    @Field(key: "sealed") public var sealed: String
    @OptionalField(key: "corrects") public var corrects: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}

/// A task on a case: something someone must do by a day (a follow-up, a service of the support plan).
public final class CaseTaskModel: Model, @unchecked Sendable {
    public static let schema = "case_tasks"

    @ID(key: .id) public var id: UUID?
    @Field(key: "case_id") public var caseID: UUID
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "sealed_title") public var sealedTitle: String
    @OptionalField(key: "due_on") public var dueOn: String?
    @OptionalField(key: "assignee_id") public var assigneeID: UUID?
    @Field(key: "created_by") public var createdBy: UUID
    @OptionalField(key: "done_at") public var doneAt: Date?
    @OptionalField(key: "done_by") public var doneBy: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}
