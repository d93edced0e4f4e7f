import FluentKit
import Foundation
import PalermoCore
import SQLKit

/// An organisation as an actor of the Plan: its group, where it sits (with the country's UN M49 region), and what
/// it has published towards the Plan.
public struct ActorRecord: Sendable, Equatable {
    public let organisationID: UUID
    public let name: String
    public let kind: OrganisationKind
    public let group: ActorGroup
    public let country: String
    public let region: String?
    /// Published national plans (for a State's agencies) or commitments.
    public let plans: Int
    public let practices: Int
}

/// The Plan's actors as Palermo knows them: every organisation, grouped as the Plan addresses them.
public struct Actors: Sendable {
    let store: Store

    public func all() async throws -> [ActorRecord] {
        struct Count: Decodable {
            let organisation_id: UUID
            let n: Int
        }
        let sql = try store.sql
        let plans = try await sql.raw(
            """
            SELECT organisation_id, COUNT(*) AS n FROM national_plans WHERE status = 'published'
            GROUP BY organisation_id
            """
        ).all(decoding: Count.self)
        let practices = try await sql.raw(
            """
            SELECT organisation_id, COUNT(*) AS n FROM good_practices WHERE status = 'published'
            GROUP BY organisation_id
            """
        ).all(decoding: Count.self)
        let planCount = Dictionary(plans.map { ($0.organisation_id, $0.n) }, uniquingKeysWith: +)
        let practiceCount = Dictionary(practices.map { ($0.organisation_id, $0.n) }, uniquingKeysWith: +)
        return try await OrganisationModel.query(on: store.database).sort(\.$name).all().compactMap { model in
            guard let id = model.id, let kind = OrganisationKind(rawValue: model.kind) else { return nil }
            return ActorRecord(
                organisationID: id, name: model.name, kind: kind, group: ActorGroup(kind: kind), country: model.country,
                region: Countries.find(model.country)?.region, plans: planCount[id] ?? 0,
                practices: practiceCount[id] ?? 0)
        }
    }
}

extension Store {
    public var actors: Actors { Actors(store: self) }
}
