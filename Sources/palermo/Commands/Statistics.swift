import ArgumentParser
import Foundation
import PalermoCore
import PalermoIO
import PalermoReport
import PalermoServer
import PalermoStats
import PalermoStore
import Vapor

extension Import {
    struct GLOTIP: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "glotip",
            abstract:
                "Import UNODC's published GLOTIP data (XLSX or CSV) as a statistics dataset. All or nothing; importing the same data again changes nothing."
        )
        @OptionGroup var store: StoreOptions
        @ArgumentParser.Argument(help: "The data file, e.g. ../shared/data/glotip/data_glotip.xlsx.") var file: String
        @ArgumentParser.Option(help: "Dataset name to store it under.") var dataset: String = "GLOTIP"

        func run() async throws {
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
                throw ValidationError("cannot read \(file)")
            }
            let bar = ProgressBar()
            say("Reading \(file)…")
            let parsed: GLOTIPFile
            do {
                parsed = try GLOTIPReader.read(try SheetFormat(sniffing: data).read(data)) {
                    bar.show("Checking", $0, $1)
                }
            } catch let error as GLOTIPReadError {
                bar.finish()
                throw ValidationError(error.description)
            } catch let error as TableReadError {
                bar.finish()
                throw ValidationError("\(file): \(error)")
            }
            bar.finish()
            for line in parsed.notes.lines { say("  " + line) }
            let outcome = try await store.makeApplication().run { app in
                try await app.palermo.store.statistics.importDataset(
                    dataset, kind: "published", observations: parsed.observations, rowsRead: parsed.rowsRead,
                    notes: parsed.notes.lines,
                    by: "palermo import glotip \(URL(fileURLWithPath: file).lastPathComponent)",
                    progress: { bar.show("Writing", $0, $1) })
            }
            bar.finish()
            switch outcome {
            case .unchanged: print("Dataset \(dataset) already holds exactly this data: nothing changed.")
            case .created(let n):
                print("Imported \(parsed.rowsRead) row(s) as \(n) cell(s) into new dataset \(dataset).")
            case .replaced(let n):
                print("Replaced dataset \(dataset) with \(n) cell(s) from \(parsed.rowsRead) row(s).")
            }
        }
    }
}

struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write reports.", subcommands: [PatternsAndFlows.self])

    struct PatternsAndFlows: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "patterns-and-flows",
            abstract:
                "Write the patterns-and-flows report: a self-contained index.html with SVG charts, and each table as CSV."
        )
        @OptionGroup var store: StoreOptions
        @ArgumentParser.Option(help: "First year (default: the dataset's first).") var from: Int?
        @ArgumentParser.Option(help: "Last year (default: the dataset's last).") var to: Int?
        @ArgumentParser.Option(help: "Output directory (created if missing).") var out: String
        @ArgumentParser.Option(help: "A region or subregion to limit the report to, e.g. Europe.") var region: String?
        @ArgumentParser.Option(
            help: "A statistics dataset name, 'cases' for Palermo's case records, or 'release:ID' for a release's.")
        var source: String = "GLOTIP"
        @ArgumentParser.Option(help: "The report's language: ar, zh, en, fr, ru or es.") var language: String = "en"
        @ArgumentParser.Flag(help: "Leave out countries that published only part of a figure (no open upper ends).")
        var completeOnly = false

        func validate() throws {
            let years = Observation.plausibleYears()
            for (name, year) in [("--from", from), ("--to", to)] {
                if let year, !years.contains(year) {
                    throw ValidationError("\(name) must be a year from \(years.lowerBound) to \(years.upperBound)")
                }
            }
            if let from, let to, from > to { throw ValidationError("--from must not be after --to") }
            guard Wording.languages.contains(language) else {
                throw ValidationError("--language must be one of \(Wording.languages.joined(separator: ", "))")
            }
        }

        func run() async throws {
            let started = Date()
            let source = ReportSource(source)
            let (from, to, region, completeOnly) = (self.from, self.to, self.region, self.completeOnly)
            let report = try await store.makeApplication().run { app in
                let store = app.palermo.store
                var years: ClosedRange<Int>?
                if case .dataset(let name) = source { years = try await store.statistics.years(in: name) }
                let first = from ?? years?.lowerBound ?? to ?? 2000, last = to ?? years?.upperBound ?? first
                guard first <= last, last - first <= 30 else {
                    throw ValidationError("the period \(first)–\(last) is not a range of at most 30 years")
                }
                let scope = PatternsAndFlowsReport.Scope(
                    from: first, to: last, region: region, source: source.name, completeOnly: completeOnly)
                return try await store.patternsAndFlows(from: source, scope)
            }
            let directory = URL(fileURLWithPath: out, isDirectory: true)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(PatternsAndFlowsDocument.document(report, wording: Wording(language)).utf8).write(
                to: directory.appendingPathComponent("index.html"))
            for table in report.tables {
                try CSVTable.write(table.csvRows).write(to: directory.appendingPathComponent("\(table.name).csv"))
            }
            let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
            print(
                "Wrote \(directory.appendingPathComponent("index.html").path) and \(report.tables.count) CSV tables in \(seconds) s."
            )
        }
    }
}

/// A one-line progress bar on a terminal; on a pipe, a line every tenth of the way.
final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private let terminal = isatty(STDERR_FILENO) != 0
    private var lastTenth = -1
    private var drawn = false

    func show(_ stage: String, _ done: Int, _ total: Int) {
        lock.lock(); defer { lock.unlock() }
        let fraction = total == 0 ? 1 : Double(done) / Double(total)
        if terminal {
            let filled = Int(fraction * 30)
            let line =
                "\r\(stage) [\(String(repeating: "#", count: filled))\(String(repeating: ".", count: 30 - filled))] \(Int(fraction * 100))% \(done)/\(total)"
            FileHandle.standardError.write(Data(line.utf8))
            drawn = true
        } else if Int(fraction * 10) != lastTenth {
            lastTenth = Int(fraction * 10)
            FileHandle.standardError.write(Data("\(stage): \(done)/\(total)\n".utf8))
        }
    }

    func finish() {
        lock.lock(); defer { lock.unlock() }
        if terminal && drawn { FileHandle.standardError.write(Data("\n".utf8)) }
        drawn = false
        lastTenth = -1
    }
}

/// The demo also loads UNODC's published GLOTIP data when the shared data folder is beside the checkout
/// (or `PALERMO_GLOTIP_FILE` names the file), so the statistics pages have something to show.
func loadDemoStatistics(_ app: Application) async throws {
    let path = ProcessInfo.processInfo.environment["PALERMO_GLOTIP_FILE"] ?? "../shared/data/glotip/data_glotip.xlsx"
    guard let data = FileManager.default.contents(atPath: path) else { return }
    let file = try GLOTIPReader.read(try SheetFormat(sniffing: data).read(data))
    _ = try await app.palermo.store.statistics.importDataset(
        "GLOTIP", kind: "published", observations: file.observations,
        rowsRead: file.rowsRead, notes: file.notes.lines, by: "palermo demo")
    say("Loaded UNODC's GLOTIP data from \(path) (\(file.rowsRead) rows) for the statistics pages.")
}
