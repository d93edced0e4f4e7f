import FluentKit
import Foundation
import PalermoCore
import SQLKit

/// Counts of cases by one dimension, for every role that sees aggregates. Reads only the facet columns,
/// never a personal field. The scope follows the role: an analyst or system admin sees every organisation,
/// a national coordinator the organisations of their own country, organisation staff their own organisation.
public struct CaseStatistics: Sendable {
    public enum Dimension: String, Sendable, CaseIterable {
        case status, traffickingStatus, gender, ageGroup, citizenship, exploitation, countryOfExploitation, region

        var column: String {
            switch self {
            case .status: "status"
            case .traffickingStatus: "trafficking_status"
            case .gender: "gender"
            case .ageGroup: "age_group"
            case .citizenship, .region: "citizenship"
            case .exploitation: "exploitation"
            case .countryOfExploitation: "country_of_exploitation"
            }
        }
    }

    public struct Cell: Sendable, Codable, Equatable {
        public let category: String
        public let count: Int
        public init(category: String, count: Int) {
            self.category = category
            self.count = count
        }
    }

    public struct Breakdown: Sendable, Codable, Equatable {
        public let dimension: String
        public let scope: String
        public let total: Int
        public let cells: [Cell]
    }

    let store: Store

    public init(store: Store) { self.store = store }

    public func breakdown(by dimension: Dimension, for principal: Principal) async throws -> Breakdown {
        guard principal.role.seesAggregates else {
            try await store.audit.record([
                AuditDraft(actor: principal, action: .denied, detail: "statistics: role \(principal.role.rawValue)")
            ])
            throw StoreError.forbidden("the \(principal.role.rawValue) role has no access to statistics")
        }
        let sql = try store.sql
        let (scopeSQL, scopeName) = try await scope(for: principal)
        struct Row: Decodable { let category: String?; let n: Int }
        let rows = try await sql.raw(
            """
            SELECT c.\(unsafeRaw: dimension.column) AS category, COUNT(*) AS n
            FROM cases c JOIN organisations o ON o.id = c.organisation_id \(scopeSQL)
            GROUP BY c.\(unsafeRaw: dimension.column)
            """
        ).all(decoding: Row.self)
        var counts: [String: Int] = [:]
        for row in rows {
            switch dimension {
            case .exploitation:
                let types = (row.category ?? "").split(separator: ";").map(String.init)
                for type in types.isEmpty ? ["unknown"] : types { counts[type, default: 0] += row.n }
            case .region:
                counts[row.category.flatMap(Countries.find)?.region ?? "unknown", default: 0] += row.n
            default:
                counts[row.category ?? "unknown", default: 0] += row.n
            }
        }
        let total = rows.reduce(0) { $0 + $1.n }
        let cells = counts.map { Cell(category: $0.key, count: $0.value) }.sorted {
            ($0.count, $1.category) > ($1.count, $0.category)
        }
        return Breakdown(dimension: dimension.rawValue, scope: scopeName, total: total, cells: cells)
    }

    private func scope(for principal: Principal) async throws -> (SQLQueryString, String) {
        switch principal.role {
        case .analyst, .systemAdmin:
            return ("", "all organisations")
        case .nationalCoordinator:
            let country = try await OrganisationModel.find(principal.organisationID, on: store.database)?.country ?? "-"
            return ("WHERE o.country = \(bind: country)", "organisations in \(country)")
        default:
            return ("WHERE c.organisation_id = \(bind: principal.organisationID)", "own organisation")
        }
    }
}
