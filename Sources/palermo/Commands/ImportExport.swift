import ArgumentParser
import Fluent
import Foundation
import PalermoCore
import PalermoIO
import PalermoServer
import PalermoStore
import Vapor

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import data files.", subcommands: [HTCDSCases.self, GLOTIP.self])

    struct HTCDSCases: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "htcds",
            abstract:
                "Import HTCDS cases from CSV or XLSX into the organisation of --user. All or nothing: a file with any bad row imports nothing."
        )
        @OptionGroup var store: StoreOptions
        @ArgumentParser.Argument(help: "The CSV or XLSX file, laid out like the HTCDS template.") var file: String
        @ArgumentParser.Option(
            help: "Username of the supervisor or organisation admin importing (the cases go to their organisation).")
        var user: String

        func run() async throws {
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
                throw ValidationError("cannot read \(file)")
            }
            let format = SheetFormat(sniffing: data)
            let rows = try HTCDSSheet.rows(from: try format.read(data))
            try await store.makeApplication().run { app in
                let principal = try await principal(user, app)
                guard
                    let organisation = try await OrganisationModel.find(
                        principal.organisationID, on: app.palermo.store.database)
                else {
                    throw ValidationError("the user's organisation is missing")
                }
                say("Checking \(rows.count) case(s) from \(file) for \(organisation.name)…")
                let plan = try await app.palermo.store.cases.importAll(
                    rows, organisationCountry: organisation.country, by: principal,
                    source: "\(format.rawValue) file \(URL(fileURLWithPath: file).lastPathComponent)",
                    writing: { say("Writing \(rows.count) case(s) in one transaction…") })
                print(
                    "Imported \(plan.created) new case(s); updated \(plan.updated), unchanged \(plan.unchanged)."
                        + (plan.duplicates.isEmpty
                            ? "" : " \(plan.duplicates.count) row(s) may be about a person who already has a case."))
            }
        }
    }
}

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Export data files.", subcommands: [HTCDSCases.self])

    struct HTCDSCases: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "htcds", abstract: "Export the cases of --user's organisation in the HTCDS template layout.")
        @OptionGroup var store: StoreOptions
        @ArgumentParser.Option(help: "Username of the supervisor or organisation admin exporting.") var user: String
        @ArgumentParser.Option(help: "Output file; .xlsx writes XLSX, anything else CSV.") var out: String

        func run() async throws {
            let format: SheetFormat = out.lowercased().hasSuffix(".xlsx") ? .xlsx : .csv
            try await store.makeApplication().run { app in
                let records = try await app.palermo.store.cases.exportAll(
                    by: try await principal(user, app), format: format.rawValue)
                try format.write(HTCDSSheet.table(for: records)).write(to: URL(fileURLWithPath: out))
                print("Exported \(records.count) case(s) to \(out).")
            }
        }
    }
}

func principal(_ username: String, _ app: Application) async throws -> Principal {
    guard
        let principal = try await UserModel.query(on: app.palermo.store.database).filter(
            \.$username == username.lowercased()
        ).first()?.principal
    else {
        throw ValidationError("no user '\(username)'")
    }
    return principal
}

struct Keys: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage the encryption keys of personal fields.", subcommands: [Rotate.self])

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Add a new data key, make it active, and re-encrypt every case with it. Old keys stay in the ring so backups remain readable."
        )
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let config = store.configuration
            let (ring, _) = try KeyRingFile.load(path: config.keyFile, createIfMissing: false)
            let next = ring.rotated()
            // The new ring is saved before any case is sealed with it, so no case can ever need a key that was not kept.
            try KeyRingFile.save(next, to: config.keyFile)
            let count = try await store.makeApplication(config).run { app in
                try await app.palermo.store.cases.resealAll(by: "palermo keys rotate")
            }
            print("Active key is now \(next.active); re-encrypted \(count) case(s).")
        }
    }
}
