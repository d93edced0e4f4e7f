import Foundation
import PalermoCore
import PalermoIO
import PalermoStats

/// libFuzzer's entry point for every reader of outside files. Which reader runs is named by
/// `PALERMO_FUZZ_TARGET` (csv, xlsx, htcds, glotip, overlap, microdata); see `scripts/fuzz.sh`. Errors are the readers'
/// normal answer to a bad file; only a trap, an overflow or a memory error is a finding.
enum FuzzTarget: String, CaseIterable {
    case csv, xlsx, htcds, glotip, overlap, microdata

    static let current: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["PALERMO_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            FileHandle.standardError.write(
                Data("set PALERMO_FUZZ_TARGET to one of: \(allCases.map(\.rawValue))\n".utf8))
            exit(2)
        }
        return target
    }()

    func run(_ data: Data) {
        switch self {
        case .csv: _ = try? CSVTable.read(data)
        case .xlsx: _ = try? XLSXTable.read(data)
        case .htcds:
            // The case importer: the sheet in either format, then every row validated as the server does.
            guard let table = try? SheetFormat(sniffing: data).read(data),
                let rows = try? HTCDSSheet.rows(from: table)
            else { return }
            for row in rows { _ = CaseValidator().validate(row.fields, row: row.row) }
        case .glotip:
            // GLOTIP's own rules on a CSV table; the XLSX container is the xlsx target's.
            guard let table = try? CSVTable.read(data) else { return }
            _ = try? GLOTIPReader.read(table)
        case .overlap: _ = try? CaptureTableReader.read(data)
        case .microdata:
            // `palermo publish --input`: the records, then what a release does with them, on small inputs (the
            // synthesis and the audit are measured elsewhere; here only a trap or a memory error counts).
            guard let records = try? MicrodataReader.read(data), records.count <= 100 else { return }
            let all = Array(0..<records.width)
            _ = RiskAudit(k: 3).audit(records, quasiIdentifiers: all, sensitive: records.width > 1 ? 0 : nil)
            var rng = SystemRandomNumberGenerator()
            if let synthesis = try? KSynthesis(k: 2, length: 3) {
                _ = synthesis.synthesise(CombinationCounts(records, length: 3), template: records, using: &rng)
            }
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let data = start.map { Data(bytes: $0, count: count) } ?? Data()
    FuzzTarget.current.run(data)
    return 0
}

/// SwiftPM links an executable's entry point as `main = palermo_fuzz_main`; libFuzzer's own `main` is then
/// never pulled from its archive, so this entry point hands over to libFuzzer's driver itself.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafeRawPointer?, Int) -> CInt
) -> CInt

@_cdecl("palermo_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc, arguments = argv
    return runFuzzerDriver(&count, &arguments) { start, size in fuzzOneInput(start, size) }
}
