import Foundation
import PalermoCore
import SQLKit

/// The figures Palermo computes for a State's report from its own records, each with the query that counted it,
/// so that a reader can check it. A State is the organisations registered in its country.
public struct PlanFigures: Sendable {
    let store: Store

    public struct Figure: Sendable, Equatable {
        public let value: Double
        public let query: String
    }

    /// The figure for a measure over a period (days, inclusive), or nil for a measure Palermo cannot count yet.
    public func figure(_ measure: PlanMeasure, country: String, from: String, to: String) async throws -> Figure? {
        guard let start = CaseValidator.parseDate(from), let end = CaseValidator.parseDate(to) else { return nil }
        let after = end.addingTimeInterval(86_400)
        let sql = try store.sql
        let query: SQLQueryString
        switch measure {
        case .victimsIdentified:
            query = """
                SELECT COUNT(*) AS n FROM cases c JOIN organisations o ON o.id = c.organisation_id \
                WHERE o.country = \(bind: country) \
                AND c.identified_on >= \(bind: from) AND c.identified_on <= \(bind: to)
                """
        case .referrals, .servicesGiven:
            let completed = measure == .servicesGiven
            let states = completed ? [ReferralState.completed.rawValue] : ReferralState.allCases.map(\.rawValue)
            let column = completed ? "closed_at" : "created_at"
            query = """
                SELECT COUNT(*) AS n FROM referrals r JOIN organisations o ON o.id = r.sender_id \
                WHERE o.country = \(bind: country) AND r.state IN (\(binds: states)) \
                AND r.\(unsafeRaw: column) >= \(bind: start) AND r.\(unsafeRaw: column) < \(bind: after)
                """
        case .screenings:
            query = """
                SELECT COUNT(*) AS n FROM screenings s JOIN organisations o ON o.id = s.organisation_id \
                WHERE o.country = \(bind: country) AND s.created_at >= \(bind: start) AND s.created_at < \(bind: after)
                """
        case .referralNetwork:
            query = """
                SELECT COUNT(DISTINCT organisation_id) AS n FROM service_directory WHERE country = \(bind: country)
                """
        case .timeToReferral:
            return try await timeToReferral(country: country, from: start, to: after, on: sql)
        case .prosecuted, .convicted:
            return try await official(measure == .prosecuted ? .prosecuted : .convicted, country, from, to, on: sql)
        default:
            return nil
        }
        let row = try await sql.raw(query).first()
        let count = try row?.decode(column: "n", as: Int.self) ?? 0
        return Figure(value: Double(count), query: Self.shown(query, on: sql))
    }

    /// The median number of days from a person's identification to their first referral, over the people first
    /// referred in the period; nil when no one was.
    func timeToReferral(
        country: String, from start: Date, to after: Date, on sql: any SQLDatabase
    ) async throws
        -> Figure?
    {
        let query: SQLQueryString = """
            SELECT c.identified_on AS identified, MIN(r.created_at) AS referred FROM referrals r \
            JOIN cases c ON c.id = r.case_id JOIN organisations o ON o.id = r.sender_id \
            WHERE o.country = \(bind: country) AND c.identified_on IS NOT NULL \
            GROUP BY c.id, c.identified_on \
            HAVING MIN(r.created_at) >= \(bind: start) AND MIN(r.created_at) < \(bind: after)
            """
        struct Row: Decodable {
            let identified: String
            let referred: Date
        }
        let days = try await sql.raw(query).all(decoding: Row.self).compactMap { row -> Double? in
            guard let identified = CaseValidator.parseDate(row.identified) else { return nil }
            return max(0, (row.referred.timeIntervalSince(identified) / 86_400).rounded(.down))
        }.sorted()
        guard !days.isEmpty else { return nil }
        let middle = days.count / 2
        let median = days.count % 2 == 1 ? days[middle] : (days[middle - 1] + days[middle]) / 2
        return Figure(
            value: median,
            query: Self.shown(query, on: sql) + " -- the median of the whole days from identified to referred")
    }

    /// The State's own figure as it reported it to UNODC: the total (all sexes and ages) in the latest GLOTIP
    /// dataset, summed over the years of the period; nil when the dataset has none. A published range (a cell
    /// given as "<5") counts at its lower end, and the query says so.
    func official(
        _ indicator: Indicator, _ country: String, _ from: String, _ to: String, on sql: any SQLDatabase
    ) async throws -> Figure? {
        guard let first = Int(from.prefix(4)), let last = Int(to.prefix(4)) else { return nil }
        let query: SQLQueryString = """
            SELECT COUNT(*) AS k, SUM(low) AS n, SUM(high) AS h FROM stat_observations \
            WHERE dataset = (SELECT name FROM stat_datasets WHERE kind = 'glotip' ORDER BY imported_at DESC LIMIT 1) \
            AND area = \(bind: country) AND indicator = \(bind: indicator.slug) AND dimension = 'Total' \
            AND sex = 'Total' AND age = 'Total' AND year >= \(bind: first) AND year <= \(bind: last)
            """
        guard let row = try await sql.raw(query).first(), try row.decode(column: "k", as: Int.self) > 0 else {
            return nil
        }
        let low = try row.decode(column: "n", as: Int.self), high = try row.decode(column: "h", as: Int.self)
        let range = low == high ? "" : " -- a published range: from \(low) to \(high); the lower end is reported"
        return Figure(value: Double(low), query: Self.shown(query, on: sql) + range)
    }

    /// The query as the database ran it, followed by the values it was given, for a reader to check.
    static func shown(_ query: SQLQueryString, on sql: any SQLDatabase) -> String {
        let (text, binds) = sql.serialize(query)
        let values = binds.map { value -> String in
            switch value {
            case let day as Date: "'" + day.formatted(.iso8601) + "'"
            case let text as String: "'" + text + "'"
            default: String(describing: value)
            }
        }
        return text + " -- with " + values.joined(separator: ", ")
    }
}

extension Store {
    public var planFigures: PlanFigures { PlanFigures(store: self) }
}
