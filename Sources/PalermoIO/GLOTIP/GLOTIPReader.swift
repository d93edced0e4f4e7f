import Foundation
import PalermoCore

/// Reads UNODC's published GLOTIP data (XLSX or CSV, header row first) into observations.
///
/// The published file has traps, each handled here on purpose:
/// - `<5` is a suppressed count, kept as the range 0–4 (`CountRange.suppressed`).
/// - Values over 999 carry thousands separators ("1,173").
/// - Rows without a region are groups of countries UNODC reports together (codes such as SAM, CAS, EEU)
///   or, once, "Aruba/Curacao": they are kept, marked as groups, and left out of country and regional figures.
/// - Sark has a region but no code: an area without a code is identified by its name.
/// - A few hundred rows share every key column with another row. Identical copies are kept once; copies
///   that disagree become one cell whose range spans them (low = smallest low, high = largest high), so
///   no figure silently prefers one copy. `GLOTIPFile.notes` counts both kinds.
public enum GLOTIPReader {
    public enum Column: String, CaseIterable, Sendable {
        case code = "Iso3_code", country = "Country", region = "Region", subregion = "Subregion"
        case indicator = "Indicator", dimension = "Dimension", category = "Category", sex = "Sex", age = "Age"
        case year = "Year", unit = "Unit of measurement", value = "txtVALUE", source = "Source"

        /// Columns without which a row means nothing.
        static let required: [Column] = [
            .code, .country, .region, .subregion, .indicator, .dimension, .category, .sex, .age, .year, .value,
        ]
    }

    public static func read(_ table: Table, progress: ((Int, Int) -> Void)? = nil) throws -> GLOTIPFile {
        guard let header = table.rows.first else {
            throw GLOTIPReadError([.init(row: 1, column: nil, message: "the file is empty")])
        }
        var position: [Column: Int] = [:]
        for (index, name) in header.cells.enumerated() {
            if let column = Column.allCases.first(where: {
                $0.rawValue.caseInsensitiveCompare(name.trimmingCharacters(in: .whitespaces)) == .orderedSame
            }) {
                position[column] = index
            }
        }
        let missing = Column.required.filter { position[$0] == nil }
        guard missing.isEmpty else {
            throw GLOTIPReadError(
                missing.map {
                    .init(row: header.number, column: $0.rawValue, message: "the header has no column '\($0.rawValue)'")
                })
        }

        var names = CountryNames.standard
        var pairs: Set<[String]> = []
        for row in table.rows.dropFirst() {
            let pair = [row.cell(position[.code]), row.cell(position[.country])]
            guard pairs.insert(pair).inserted, pair[0].count == 3, !pair[1].isEmpty,
                let country = Countries.find(pair[0])
            else { continue }
            names.learn(name: pair[1], alpha3: country.alpha3)
        }
        // A file repeats a few hundred distinct codes and categories tens of thousands of times.
        var areas: [[String]: Result<Area, Message>] = [:]
        var categoryAreas: [String: String?] = [:]

        let years = Observation.plausibleYears()
        var problems: [GLOTIPReadError.Problem] = []
        var cells: [Observation.Key: Observation] = [:]
        var order: [Observation.Key] = []
        var notes = GLOTIPFile.Notes()
        let total = table.rows.count - 1
        for (offset, row) in table.rows.dropFirst().enumerated() {
            if offset % 2_000 == 0 { progress?(offset, total) }
            if row.cells.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            func cell(_ column: Column) -> String { row.cell(position[column]) }
            func problem(_ column: Column, _ message: String) {
                problems.append(.init(row: row.number, column: column.rawValue, message: message))
            }
            let before = problems.count

            let indicator = Indicator(label: cell(.indicator))
            if indicator == nil {
                problem(
                    .indicator,
                    "unknown indicator '\(cell(.indicator))' (expected one of: \(Indicator.allCases.map(\.rawValue).joined(separator: "; ")))"
                )
            }
            let dimension = Disaggregation(label: cell(.dimension))
            if dimension == nil {
                problem(
                    .dimension,
                    "unknown dimension '\(cell(.dimension))' (expected one of: \(Disaggregation.allCases.map(\.rawValue).joined(separator: "; ")))"
                )
            }
            let sex = Sex(label: cell(.sex))
            if sex == nil {
                problem(.sex, "unknown sex '\(cell(.sex))' (expected Total, Female, Male, Other or Unknown)")
            }
            let age = AgeBand(label: cell(.age))
            if age == nil {
                problem(
                    .age, "unknown age '\(cell(.age))' (expected Total, 0 to 17 years, 18 years or over or Unknown)")
            }
            let yearText = cell(.year)
            let year = Int(yearText.hasSuffix(".0") ? String(yearText.dropLast(2)) : yearText)
            if let year, !years.contains(year) {
                problem(.year, "year \(year) is outside \(years.lowerBound)–\(years.upperBound)")
            }
            if year == nil { problem(.year, "'\(yearText)' is not a year") }
            let value = CountRange(published: cell(.value))
            if value == nil {
                problem(
                    .value,
                    "'\(cell(.value))' is not a count (a whole number, \"1,173\" style separators allowed, or <5 for a suppressed count)"
                )
            }
            if position[.unit] != nil, !cell(.unit).isEmpty,
                cell(.unit).caseInsensitiveCompare("Counts") != .orderedSame
            {
                problem(.unit, "unit '\(cell(.unit))' is not supported (only Counts)")
            }
            if cell(.value).contains(",") && value != nil { notes.thousandsSeparators += 1 }
            let category = cell(.category)
            if category.isEmpty && dimension != nil && dimension != .total { notes.emptyCategories += 1 }

            let areaKey = [cell(.code), cell(.country), cell(.region)]
            let area =
                areas[areaKey] ?? resolveArea(code: areaKey[0], name: areaKey[1], region: areaKey[2], names: names)
            areas[areaKey] = area
            switch area {
            case .failure(let message): problem(.code, message.text)
            case .success(let area):
                guard problems.count == before, let indicator, let dimension, let sex, let age, let year, let value
                else { continue }
                if area.region.isEmpty { notes.groupRows += 1; notes.groups.insert(area.code) }
                var categoryArea: String?
                if dimension == .citizenship || dimension == .countryOfRepatriation {
                    if let known = categoryAreas[category] {
                        categoryArea = known
                    } else {
                        categoryArea = names.alpha3(for: category)
                        categoryAreas[category] = categoryArea
                    }
                }
                let observation = Observation(
                    area: area.code, areaName: area.name, region: area.region, subregion: cell(.subregion),
                    indicator: indicator, dimension: dimension, category: category, categoryArea: categoryArea,
                    sex: sex, age: age, year: year, value: value, sourceRow: row.number)
                let key = observation.key
                if var existing = cells[key] {
                    if existing.value == value {
                        notes.identicalDuplicates += 1
                    } else {
                        notes.conflictingDuplicates += 1
                        existing.value = CountRange(
                            low: min(existing.value.low, value.low), high: max(existing.value.high, value.high))
                        cells[key] = existing
                    }
                } else {
                    cells[key] = observation
                    order.append(key)
                }
            }
        }
        progress?(total, total)
        guard problems.isEmpty else { throw GLOTIPReadError(problems) }
        return GLOTIPFile(observations: order.compactMap { cells[$0] }, rowsRead: total, notes: notes)
    }

    struct Area { let code: String; let name: String; let region: String }

    static func resolveArea(
        code rawCode: String, name: String, region: String, names: CountryNames
    ) -> Result<Area, Message> {
        let code = rawCode.trimmingCharacters(in: .whitespaces)
        if code.count == 3, let country = Countries.find(code) {
            return .success(Area(code: country.alpha3, name: name.isEmpty ? country.name : name, region: region))
        }
        if code.isEmpty {
            guard !name.isEmpty else { return .failure(Message("the row has neither an Iso3_code nor a Country")) }
            return .success(Area(code: names.alpha3(for: name) ?? name, name: name, region: region))
        }
        // UNODC's groups of countries have codes of their own and no country name or region.
        if region.isEmpty && name.isEmpty { return .success(Area(code: code, name: code, region: "")) }
        return .failure(Message("unknown country code '\(code)' (not ISO 3166-1 alpha-3)"))
    }

    struct Message: Error { let text: String; init(_ text: String) { self.text = text } }
}

extension GLOTIPReader.Message: CustomStringConvertible { var description: String { text } }

/// What a GLOTIP file held, after the traps were dealt with.
public struct GLOTIPFile: Sendable {
    public struct Notes: Sendable, Codable, Equatable {
        public var thousandsSeparators = 0
        public var groupRows = 0
        public var groups: Set<String> = []
        public var identicalDuplicates = 0
        public var conflictingDuplicates = 0
        public var emptyCategories = 0

        public var lines: [String] {
            [
                "\(thousandsSeparators) value(s) written with thousands separators (\"1,173\") read as whole numbers",
                "\(groupRows) row(s) without a region, for groups of countries reported together (\(groups.sorted().joined(separator: ", "))): kept, left out of country and regional figures",
                "\(identicalDuplicates) row(s) repeating another row exactly: kept once",
                "\(conflictingDuplicates) row(s) sharing every key column with another row but not its value: merged into one cell whose range spans the copies",
                "\(emptyCategories) breakdown row(s) with an empty category: kept, counted as unspecified",
            ]
        }
    }

    public let observations: [Observation]
    public let rowsRead: Int
    public let notes: Notes
}

/// Every row and column that could not be read. Nothing from such a file is stored.
public struct GLOTIPReadError: Error, Sendable, CustomStringConvertible {
    public struct Problem: Sendable, Codable, Equatable {
        public let row: Int
        public let column: String?
        public let message: String
        public init(row: Int, column: String?, message: String) {
            self.row = row
            self.column = column
            self.message = message
        }
        public var description: String { "row \(row)" + (column.map { ", column \($0)" } ?? "") + ": \(message)" }
    }

    public let problems: [Problem]
    public init(_ problems: [Problem]) { self.problems = problems }

    public var description: String {
        let shown = problems.prefix(50).map(\.description)
        let more = problems.count > 50 ? ["… and \(problems.count - 50) more"] : []
        return "\(problems.count) problem(s) in the file; nothing was imported:\n"
            + (shown + more).joined(separator: "\n")
    }
}

extension Table.Row {
    func cell(_ index: Int?) -> String {
        guard let index, cells.indices.contains(index) else { return "" }
        let text = cells[index]
        guard let first = text.first, let last = text.last, first.isWhitespace || last.isWhitespace else { return text }
        return text.trimmingCharacters(in: .whitespaces)
    }
}
