import FluentKit
import Foundation
import PalermoCore
import PalermoStats
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
        /// Nil when withheld: a count from 1 to the threshold less one, or one that would give such a count away.
        public let count: Int?
        public init(category: String, count: Int?) {
            self.category = category
            self.count = count
        }
    }

    /// How counts are protected for a reader who is not entitled to exact ones.
    public enum Protection: String, Sendable, CaseIterable {
        /// Small counts withheld, with the counts that would give them away.
        case suppression
        /// Every count rounded to a multiple of the threshold, the rounded table still adding up.
        case rounding
    }

    public struct Breakdown: Sendable, Codable, Equatable {
        public let dimension: String
        public let scope: String
        /// Nil when withheld, as a count from 1 to the threshold less one.
        public let total: Int?
        /// `exact` for the reader's own organisation or country; across organisations `suppressed` or `rounded`.
        public let disclosure: String
        /// With `suppressed`: counts from 1 to this less one are withheld, and the counts that would give them away.
        /// With `rounded`: the base every count is rounded to a multiple of.
        public let threshold: Int?
        public let cells: [Cell]
    }

    let store: Store
    let threshold: Int

    /// `threshold`: the smallest count shown to a reader who is not entitled to exact figures (5, as UNODC writes
    /// `<5`; `palermo serve --suppress-below`).
    public init(store: Store, threshold: Int = 5) {
        self.store = store
        self.threshold = threshold
    }

    public func breakdown(
        by dimension: Dimension, for principal: Principal, protection: Protection = .suppression
    ) async throws -> Breakdown {
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
        guard !principal.role.readsExactAggregates else {
            let cells = counts.map { Cell(category: $0.key, count: $0.value) }.sorted {
                ($0.count ?? 0, $1.category) > ($1.count ?? 0, $0.category)
            }
            return Breakdown(
                dimension: dimension.rawValue, scope: scopeName, total: total, disclosure: "exact", threshold: nil,
                cells: cells)
        }
        let additive = dimension != .exploitation
        if protection == .rounding { return rounded(counts, total: total, additive: additive, dimension, scopeName) }
        return protected(counts, total: total, additive: additive, dimension, scopeName)
    }

    /// Counts for a reader across organisations, by controlled rounding: each count and the total a multiple of
    /// the threshold, adding up. The total is rounded to the nearest multiple in every breakdown alike.
    private func rounded(
        _ counts: [String: Int], total: Int, additive: Bool, _ dimension: Dimension, _ scopeName: String
    ) -> Breakdown {
        let rounding = ControlledRounding(base: threshold)
        let categories = counts.keys.sorted()
        let nearest = rounding.nearest(total)
        var values = categories.map { counts[$0] ?? 0 }
        if let table = try? MarginalTable(shape: [max(1, categories.count)], cells: values),
            let result = try? rounding.round(table)
        {
            values = Array(result.prefix(categories.count))
        } else {
            values = values.map(rounding.nearest)
        }
        let cells = zip(categories, values).map { Cell(category: $0, count: $1) }.sorted {
            ($0.count ?? 0, $1.category) > ($1.count ?? 0, $0.category)
        }
        return Breakdown(
            dimension: dimension.rawValue, scope: scopeName, total: additive ? values.reduce(0, +) : nearest,
            disclosure: "rounded", threshold: threshold, cells: cells)
    }

    /// Counts for a reader across organisations: small cells suppressed, with the cells that would give them
    /// away, audited by linear programming (`CellSuppression`). The total appears in every breakdown, so it is
    /// kept unless it is small itself. A case can have several forms of exploitation, so their counts do not add
    /// up to anything released: their sum is a margin no one sees. Withheld cells come last in the order of their
    /// names, so their order tells nothing of their size.
    private func protected(
        _ counts: [String: Int], total: Int, additive: Bool, _ dimension: Dimension, _ scopeName: String
    ) -> Breakdown {
        let rule = CellSuppression(threshold: threshold)
        let categories = counts.keys.sorted()
        var released: [Int?] = categories.map { _ in nil }
        if let table = try? MarginalTable(shape: [max(1, categories.count)], cells: categories.map { counts[$0] ?? 0 })
        {
            let margin = table.grandTotal
            let result = rule.protectAudited(
                table, keeping: additive && !rule.isSensitive(total) ? [margin] : [],
                withholding: additive ? [] : [margin]
            ).table
            released = categories.indices.map { result.released($0) }
        }
        let shown = zip(categories, released).compactMap { c, n in n.map { Cell(category: c, count: $0) } }
        let withheld = zip(categories, released).filter { $0.1 == nil }.map { Cell(category: $0.0, count: nil) }
        return Breakdown(
            dimension: dimension.rawValue, scope: scopeName, total: rule.isSensitive(total) ? nil : total,
            disclosure: "suppressed", threshold: threshold,
            cells: shown.sorted { ($0.count ?? 0, $1.category) > ($1.count ?? 0, $0.category) } + withheld)
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
