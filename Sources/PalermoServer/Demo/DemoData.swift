import Fluent
import Foundation
import PalermoCore
import PalermoStore
import Vapor

/// The demonstration installation: five organisations of different kinds, a user of every role, and a few
/// hundred synthetic cases. Loaded by `palermo demo`, and by `palermo serve` into an empty database.
/// In Kenya one invented population is met independently by a shelter, the police and a labour inspectorate,
/// so some people are recorded by more than one of them, as in life, and the hidden figure can be estimated.
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
        ("Coast Labour Inspectorate", .labourInspectorate, "KEN"),
        ("Coordination Office to Prevent Trafficking in Persons", .governmentAgency, "UGA"),
        ("UNODC Regional Office for Eastern Africa", .unEntity, "KEN"),
        ("IOM Uganda", .unEntity, "UGA"),
        ("East African Community Secretariat", .regionalOrganisation, "TZA"),
        ("Coast Hotels Association", .privateSector, "KEN"),
    ]

    public static let accounts: [Account] = [
        Account(username: "amina", role: .caseworker, organisation: "Safe Harbour Shelter"),
        Account(username: "brian", role: .supervisor, organisation: "Safe Harbour Shelter"),
        Account(username: "carol", role: .organisationAdmin, organisation: "Safe Harbour Shelter"),
        Account(username: "okello", role: .caseworker, organisation: "Freedom Path"),
        Account(username: "nakato", role: .supervisor, organisation: "Freedom Path"),
        Account(username: "david", role: .caseworker, organisation: "Counter-Trafficking Police Unit"),
        Account(username: "juma", role: .caseworker, organisation: "Coast Labour Inspectorate"),
        Account(
            username: "faith", role: .nationalCoordinator, organisation: "National Counter-Trafficking Secretariat"),
        Account(username: "george", role: .analyst, organisation: "National Counter-Trafficking Secretariat"),
        Account(username: "admin", role: .systemAdmin, organisation: "National Counter-Trafficking Secretariat"),
        Account(username: "grace", role: .supervisor, organisation: "National Counter-Trafficking Secretariat"),
        Account(
            username: "moses", role: .nationalCoordinator,
            organisation: "Coordination Office to Prevent Trafficking in Persons"),
        Account(
            username: "ruth", role: .supervisor, organisation: "Coordination Office to Prevent Trafficking in Persons"),
        Account(username: "lena", role: .supervisor, organisation: "UNODC Regional Office for Eastern Africa"),
        Account(username: "omar", role: .organisationAdmin, organisation: "UNODC Regional Office for Eastern Africa"),
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
        for account in accounts {
            _ = try await UserAccounts.create(
                username: account.username, displayName: account.username.capitalized,
                role: account.role.rawValue, password: password,
                organisationID: ids[account.organisation]!.id!, allowSystemAdmin: true, app: app)
        }
        var rng = SeededGenerator(seed: seed)
        // About three quarters of the cases in Kenya, recorded by three organisations with these chances.
        let kenyan = [
            ("Safe Harbour Shelter", 0.12), ("Counter-Trafficking Police Unit", 0.07),
            ("Coast Labour Inspectorate", 0.05),
        ]
        let population = Int((Double(cases) * 0.75 / kenyan.reduce(0) { $0 + $1.1 }).rounded())
        var rows: [String: [[String: FieldValue?]]] = [:]
        for index in 0..<population {
            let person = SyntheticCases.fields(index: index, using: &rng)
            for (organisation, chance) in kenyan where Double.random(in: 0..<1, using: &rng) < chance {
                rows[organisation, default: []].append(person)
            }
        }
        let recorded = rows.values.reduce(0) { $0 + $1.count }
        rows["Freedom Path"] = (0..<max(0, cases - recorded)).map { SyntheticCases.fields(index: $0, using: &rng) }
        for (name, list) in rows.sorted(by: { $0.key < $1.key }) where !list.isEmpty {
            let organisation = ids[name]!
            let loader = Principal(
                userID: UUID(), username: "demo-loader", organisationID: organisation.id!, role: .supervisor)
            _ = try await app.palermo.store.cases.importAll(
                list.enumerated().map { ImportRow(row: $0.offset + 1, fields: $0.element) },
                organisationCountry: organisation.country, by: loader, source: "demo data")
        }
        try await DemoCasework.load(into: app)
        try await DemoReferrals.load(into: app)
        try await DemoPlans.load(into: app)
        try await DemoPractices.load(into: app)
    }

    public static func accountTable() -> String {
        accounts.map {
            let name = $0.username.padding(toLength: 8, withPad: " ", startingAt: 0)
            let role = $0.role.rawValue.padding(toLength: 21, withPad: " ", startingAt: 0)
            return "  \(name) \(role) \($0.organisation)"
        }
        .joined(separator: "\n")
    }
}
