import FluentKit
import Foundation
import PalermoCore
import PalermoStats
import SQLKit

/// Builds a list-overlap table from Palermo's own records for one country and period: the lists are the
/// organisations of that country, and a person is the same on two lists when their cases share a linkage key.
/// Only keyed hashes are read; no name or birth date leaves the encrypted records.
public struct ListOverlap: Sendable {
    let store: Store

    public init(store: Store) { self.store = store }

    public struct Overlap: Sendable {
        public let table: CaptureTable
        public let notes: [String]
    }

    public func table(country: String, from: Int, to: Int, for principal: Principal) async throws -> Overlap {
        guard principal.role.estimatesAcrossOrganisations else {
            throw StoreError.forbidden("estimates across organisations are for analysts and national coordinators")
        }
        if principal.role == .nationalCoordinator {
            let own = try await OrganisationModel.find(principal.organisationID, on: store.database)?.country
            guard own == country else {
                throw StoreError.forbidden("a national coordinator estimates for their own country only")
            }
        }
        let sql = try store.sql
        struct Row: Decodable { let linkage_key: String?; let name: String }
        let rows = try await sql.raw(
            """
            SELECT c.linkage_key, o.name FROM cases c JOIN organisations o ON o.id = c.organisation_id
            WHERE o.country = \(bind: country) AND c.identified_on >= \(bind: "\(from)-01-01") AND c.identified_on <= \(bind: "\(to)-12-31")
            """
        ).all(decoding: Row.self)
        let lists = Array(Set(rows.map(\.name))).sorted()
        let index = Dictionary(uniqueKeysWithValues: lists.enumerated().map { ($1, $0) })
        var people: [String: UInt32] = [:]
        var unlinked: [UInt32] = []
        for row in rows {
            guard let position = index[row.name] else { continue }
            let bit = UInt32(1) << position
            if let key = row.linkage_key { people[key, default: 0] |= bit } else { unlinked.append(bit) }
        }
        var counts: [UInt32: Int] = [:]
        for history in people.values { counts[history, default: 0] += 1 }
        for history in unlinked { counts[history, default: 0] += 1 }
        let histories = counts.keys.sorted()
        var notes: [String] = []
        if !unlinked.isEmpty {
            notes.append(
                "\(unlinked.count) case(s) lack a name or birth date and cannot be linked: each counts as a different person"
            )
        }
        return Overlap(
            table: CaptureTable(lists: lists, histories: histories, counts: histories.map { counts[$0, default: 0] }),
            notes: notes)
    }
}
