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
        default:
            return nil
        }
        let row = try await sql.raw(query).first()
        let count = try row?.decode(column: "n", as: Int.self) ?? 0
        return Figure(value: Double(count), query: Self.shown(query, on: sql))
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
