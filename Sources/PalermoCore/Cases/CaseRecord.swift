import Foundation

/// A case as a caseworker of the owning organisation sees it: every HTCDS field, decrypted.
public struct CaseRecord: Sendable, Codable, Equatable {
    public let id: UUID
    public let caseCode: String
    public let organisationID: UUID
    public let fields: CaseFields
    public let version: Int
    public let createdAt: Date?
    public let updatedAt: Date?
    /// The user responsible for the case; nil while unassigned.
    public let ownerID: UUID?
    /// Other users of the organisation working on the case.
    public let assignees: [UUID]

    public init(
        id: UUID, caseCode: String, organisationID: UUID, fields: CaseFields, version: Int, createdAt: Date?,
        updatedAt: Date?, ownerID: UUID? = nil, assignees: [UUID] = []
    ) {
        self.id = id
        self.caseCode = caseCode
        self.organisationID = organisationID
        self.fields = fields
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.ownerID = ownerID
        self.assignees = assignees
    }
}

/// A row of the case list: what identifies the case, its facets, its owner, and for the organisation's own
/// staff the person's name and age (their view of a list page is audited).
public struct CaseListItem: Sendable, Codable, Equatable {
    public let id: UUID
    public let caseCode: String
    public var name: String?
    public var age: Int?
    public var ownerID: UUID?
    public var ownerName: String?
    public var identifiedOn: String?
    public let status: String?
    public let traffickingStatus: String?
    public let gender: String?
    public let ageGroup: String?
    public let citizenship: String?
    public let exploitation: [String]
    public let updatedAt: Date?

    public init(
        id: UUID, caseCode: String, status: String?, traffickingStatus: String?, gender: String?, ageGroup: String?,
        citizenship: String?, exploitation: [String], updatedAt: Date?
    ) {
        self.id = id
        self.caseCode = caseCode
        self.status = status
        self.traffickingStatus = traffickingStatus
        self.gender = gender
        self.ageGroup = ageGroup
        self.citizenship = citizenship
        self.exploitation = exploitation
        self.updatedAt = updatedAt
    }
}

/// Search and filters for the case list. `text` matches a case code, or words of the name by their first
/// three letters or more.
public struct CaseQuery: Sendable, Equatable {
    /// Columns the list sorts by.
    public enum Sort: String, Sendable, CaseIterable {
        case updated, code, status, owner, identified
    }

    public var text: String?
    /// A user's cases (owned or assigned); `unassigned` for cases with no owner.
    public var owner: OwnerFilter?
    public var sort: Sort
    public var descending: Bool
    /// Only cases that are not closed.
    public var openOnly = false
    public var status: String?
    public var traffickingStatus: String?
    public var exploitation: String?
    public var citizenship: String?
    public var gender: String?
    public var ageGroup: String?
    public var page: Int
    public var perPage: Int

    public init(
        text: String? = nil, status: String? = nil, traffickingStatus: String? = nil, exploitation: String? = nil,
        citizenship: String? = nil, gender: String? = nil, ageGroup: String? = nil, page: Int = 1, perPage: Int = 25,
        owner: OwnerFilter? = nil, sort: Sort = .updated, descending: Bool = true
    ) {
        self.text = text
        self.owner = owner
        self.sort = sort
        self.descending = descending
        self.status = status
        self.traffickingStatus = traffickingStatus
        self.exploitation = exploitation
        self.citizenship = citizenship
        self.gender = gender
        self.ageGroup = ageGroup
        self.page = max(1, page)
        self.perPage = min(max(1, perPage), 200)
    }
}

public struct CasePage: Sendable, Codable, Equatable {
    public let items: [CaseListItem]
    public let total: Int
    public let page: Int
    public let perPage: Int

    public init(items: [CaseListItem], total: Int, page: Int, perPage: Int) {
        self.items = items
        self.total = total
        self.page = page
        self.perPage = perPage
    }
}

/// Whose cases a list shows.
public enum OwnerFilter: Sendable, Equatable {
    case user(UUID)
    case unassigned
}
