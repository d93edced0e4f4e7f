import Fluent
import Foundation
import PalermoCore
import PalermoStore
import Vapor

/// The demonstration installation: four organisations of different kinds, a user of every role, and a few
/// hundred synthetic cases. Loaded by `palermo demo`, and by `palermo serve` into an empty database.
public enum DemoData {
    public static let password = "palermo-demo"

    public struct Account: Sendable {
        public let username: String
        public let role: Role
        public let organisation: String
    }

    static let organisations: [(name: String, kind: OrganisationKind, country: String)] = [
        ("Safe Harbour Shelter", .shelter, "KEN"),
        ("Freedom Path", .ngo, "UGA"),
        ("Counter-Trafficking Police Unit", .lawEnforcement, "KEN"),
        ("National Counter-Trafficking Secretariat", .governmentAgency, "KEN"),
    ]

    public static let accounts: [Account] = [
        Account(username: "amina", role: .caseworker, organisation: "Safe Harbour Shelter"),
        Account(username: "brian", role: .supervisor, organisation: "Safe Harbour Shelter"),
        Account(username: "carol", role: .organisationAdmin, organisation: "Safe Harbour Shelter"),
        Account(username: "okello", role: .caseworker, organisation: "Freedom Path"),
        Account(username: "nakato", role: .supervisor, organisation: "Freedom Path"),
        Account(username: "david", role: .caseworker, organisation: "Counter-Trafficking Police Unit"),
        Account(username: "faith", role: .nationalCoordinator, organisation: "National Counter-Trafficking Secretariat"),
        Account(username: "george", role: .analyst, organisation: "National Counter-Trafficking Secretariat"),
        Account(username: "admin", role: .systemAdmin, organisation: "National Counter-Trafficking Secretariat"),
    ]

    /// Whether the database has no organisation yet.
    public static func isEmpty(_ app: Application) async throws -> Bool {
        try await OrganisationModel.query(on: app.palermo.store.database).count() == 0
    }

    /// Loads the demo; `cases` is the total spread over the three case-handling organisations.
    public static func load(into app: Application, cases: Int = 300, seed: UInt64 = 2010) async throws {
        let db = app.palermo.store.database
        var ids: [String: OrganisationModel] = [:]
        for spec in organisations {
            let model = OrganisationModel(name: spec.name, kind: spec.kind.rawValue, country: spec.country)
            try await model.create(on: db)
            ids[spec.name] = model
        }
        var principals: [String: Principal] = [:]
        for account in accounts {
            let user = try await UserAccounts.create(username: account.username, displayName: account.username.capitalized,
                                                     role: account.role.rawValue, password: password,
                                                     organisationID: ids[account.organisation]!.id!, allowSystemAdmin: true, app: app)
            principals[account.username] = user.principal
        }
        var rng = SeededGenerator(seed: seed)
        let handlers = [("brian", "Safe Harbour Shelter", 0.5), ("nakato", "Freedom Path", 0.3), ("brian", "Counter-Trafficking Police Unit", 0.2)]
        for (username, organisation, share) in handlers {
            let count = Int(Double(cases) * share)
            let rows = (0..<count).map { (row: $0 + 1, fields: SyntheticCases.fields(index: $0, using: &rng)) }
            var principal = principals[username]!
            if organisation == "Counter-Trafficking Police Unit" {
                principal = Principal(userID: principals["david"]!.userID, username: "david", organisationID: ids[organisation]!.id!, role: .supervisor)
            }
            _ = try await app.palermo.store.cases.importAll(rows, organisationCountry: ids[organisation]!.country, by: principal, source: "demo data")
        }
    }

    public static func accountTable() -> String {
        accounts.map { "  \($0.username.padding(toLength: 8, withPad: " ", startingAt: 0)) \($0.role.rawValue.padding(toLength: 21, withPad: " ", startingAt: 0)) \($0.organisation)" }
            .joined(separator: "\n")
    }
}
