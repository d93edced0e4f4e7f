import ArgumentParser
import Fluent
import Foundation
import PalermoCore
import PalermoIO
import PalermoReport
import PalermoServer
import PalermoStats
import PalermoStore

/// `palermo publish`: de-identified data from the case records (recorded as a release, as the publication page
/// does) or from a CSV file of records (written to a folder only).
struct Publish: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Publish de-identified data: a protected table, k-anonymous records or synthetic records.",
        discussion: """
            From the case records: --as names the analyst or national coordinator who publishes; the release is \
            recorded and audited like one made on the publication page, and --out also writes its files. \
            From a file: --input reads a CSV file of records (a header row of attribute names) and writes the \
            files to --out; nothing is recorded. --preview prints the risk and utility and writes nothing.
            """)

    @OptionGroup var store: StoreOptions
    @ArgumentParser.Option(help: "A CSV file of records to publish instead of the case records.") var input: String?
    @ArgumentParser.Option(name: .customLong("as"), help: "The publishing user (analyst or national coordinator).")
    var user: String?
    @ArgumentParser.Option(help: "table, k-anonymity, synthetic or synthetic-dp.") var method = "synthetic"
    @ArgumentParser.Option(help: "Attributes, comma-separated (default: every column of --input).")
    var attributes: String?
    @ArgumentParser.Option(help: "A country (ISO alpha-3) whose organisations' records are published.")
    var country: String?
    @ArgumentParser.Option(help: "First year of identification.") var from: String?
    @ArgumentParser.Option(help: "Last year of identification.") var to: String?
    @ArgumentParser.Option(help: "k: the fewest records any published class or combination rests on.") var k = "10"
    @ArgumentParser.Option(help: "Reporting length of a synthesis (1 to 4).") var length = "3"
    @ArgumentParser.Option(help: "A table's smallest shown count, or its rounding base.") var threshold = "5"
    @ArgumentParser.Flag(help: "Round a table's counts instead of withholding small ones.") var rounding = false
    @ArgumentParser.Option(help: "Privacy budget ε of synthetic-dp.") var epsilon: String?
    @ArgumentParser.Option(help: "δ of synthetic-dp (default 1e-6).") var delta: String?
    @ArgumentParser.Option(help: "An attribute whose l-diversity the risk audit reports.") var sensitive: String?
    @ArgumentParser.Option(help: "Seed of the synthesis's random stream.") var seed = "1"
    @ArgumentParser.Option(help: "The report's language: ar, zh, en, fr, ru or es.") var language = "en"
    @ArgumentParser.Option(help: "Folder to write the files to (created if missing).") var out: String?
    @ArgumentParser.Flag(help: "Print the risk and utility; write and record nothing.") var preview = false
    @ArgumentParser.Flag(help: "With --input: skip the risk audit and the utility report (to time the method alone).")
    var noAudit = false

    func validate() throws {
        guard Wording.languages.contains(language) else {
            throw ValidationError("--language must be one of \(Wording.languages.joined(separator: ", "))")
        }
        if input != nil, out == nil, !preview { throw ValidationError("--input needs --out (or --preview)") }
        if input == nil, user == nil { throw ValidationError("--as USER names who publishes the case records") }
    }

    var request: ReleaseRequest {
        get throws {
            var fields = [
                "method": method, "k": k, "length": length, "threshold": threshold, "seed": seed,
                "rounding": rounding ? "on" : "",
            ]
            for (name, value) in [
                ("country", country), ("from", from), ("to", to), ("epsilon", epsilon), ("delta", delta),
                ("sensitive", sensitive),
            ] {
                if let value { fields[name] = value }
            }
            let names = attributes?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } ?? []
            do { return try ReleaseRequest.parse(fields, attributes: names) } catch {
                throw ValidationError(Self.describe(error))
            }
        }
    }

    static func describe(_ failure: ValidationFailure) -> String {
        failure.issues.map { "--\($0.field): \($0.message)" }.joined(separator: "; ")
    }

    func run() async throws {
        let started = Date()
        var request = try self.request
        let outcome: ReleaseOutcome
        if let input {
            let data: Microdata
            do {
                data = try MicrodataReader.read(
                    URL(fileURLWithPath: input), attributes: attributes == nil ? nil : request.attributes)
            } catch let error as TableReadError {
                throw ValidationError("\(input): \(error)")
            }
            if request.attributes.isEmpty { request.attributes = data.attributes }
            say("Read \(data.count) records of \(data.width) attributes in \(Self.seconds(since: started)) s.")
            do {
                outcome = try ReleaseBuilder.run(request, on: data, known: data.attributes, audited: !noAudit)
            } catch let failure as ValidationFailure {
                throw ValidationError(Self.describe(failure))
            }
            try write(outcome)
        } else {
            outcome = try await fromCases(request)
        }
        print(Self.text(outcome))
        say("Done in \(Self.seconds(since: started)) s.")
    }

    /// Runs the request on the case records as `--as` would on the page; unless previewing, records the release.
    func fromCases(_ request: ReleaseRequest) async throws -> ReleaseOutcome {
        let (user, preview, language) = (self.user ?? "", self.preview, self.language)
        let (outcome, record) = try await store.makeApplication().run { app -> (ReleaseOutcome, ReleaseRecord?) in
            let store = app.palermo.store
            guard let id = try await UserModel.query(on: store.database).filter(\.$username == user).first()?.id,
                let principal = try await store.activePrincipal(of: id)
            else { throw ValidationError("--as: there is no active user '\(user)'") }
            guard Releases.mayPublish(principal.role) else {
                throw ValidationError(
                    "--as: \(user) is a \(principal.role.rawValue); analysts and national coordinators publish")
            }
            let outcome: ReleaseOutcome
            do {
                let (request, data) = try await store.releases.select(request, for: principal)
                outcome = try ReleaseBuilder.run(request, on: data)
            } catch let failure as ValidationFailure {
                throw ValidationError(Self.describe(failure))
            }
            guard !preview else { return (outcome, nil) }
            let record = try await ReleaseFiles.record(outcome, wording: Wording(language), in: store, by: principal)
            return (outcome, record)
        }
        if let record {
            print("Release \(record.id) recorded by \(record.creator):")
            for file in record.files { print("  \(file.name)  \(file.bytes) bytes  sha256 \(file.sha256)") }
        }
        try write(outcome)
        return outcome
    }

    /// Writes the release's files to `--out`, unless previewing.
    func write(_ outcome: ReleaseOutcome) throws {
        guard let out, !preview else { return }
        let folder = URL(fileURLWithPath: out, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for file in try ReleaseFiles.make(outcome, created: Date(), wording: Wording(language)) {
            try file.data.write(to: folder.appendingPathComponent(file.name))
        }
        say("Wrote the files to \(folder.path).")
    }

    static func text(_ outcome: ReleaseOutcome) -> String {
        var lines = ["Method: \(outcome.request.method.rawValue); records selected: \(outcome.records)"]
        if let before = outcome.before {
            lines.append(
                "Risk of the records (k = \(before.k)): \(before.classes) classes, smallest \(before.smallestClass), "
                    + "\(before.recordsAtRisk) records at risk, \(before.uniques) unique")
        }
        if let after = outcome.after {
            lines.append(
                "Risk of what is published: smallest class \(after.smallestClass), "
                    + "\(after.recordsAtRisk) records at risk")
        }
        if let table = outcome.table {
            lines.append(
                "Table: \(table.cells) cells, \(table.primary) small, \(table.suppressed) withheld; "
                    + "audit: \(table.audit)")
        }
        if let a = outcome.anonymity {
            let levels = a.levels.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
            lines.append(
                "Generalised to \(levels); \(a.suppressed) records suppressed; "
                    + "information loss \(String(format: "%.3f", a.loss))")
        }
        if let u = outcome.utility {
            lines.append(
                "Synthetic records: \(u.syntheticRecords); rare combinations leaked: \(u.rareCombinationsLeaked); "
                    + "made up: \(u.fabricatedCombinations)")
            for e in u.errors {
                lines.append(
                    "  mean error of \(e.length)-attribute counts: \(String(format: "%.2f", e.meanError)) "
                        + "(mean count \(String(format: "%.1f", e.meanSensitiveCount)), \(e.combinations) combinations)"
                )
            }
        }
        return lines.joined(separator: "\n")
    }

    static func seconds(since start: Date) -> String { String(format: "%.2f", Date().timeIntervalSince(start)) }
}
