import Foundation
import PalermoCore

/// Detected victims counted from case records, as a reader who is not entitled to exact figures sees them.
///
/// For each country, year and indicator the cells form two tables released together: form of exploitation by
/// sex by age (the `Total` dimension is the margin over forms, `Total` sex and age the other margins), and
/// citizenship with the same grand total. Each is protected by `CellSuppression` and audited; a withheld cell
/// becomes the range a reader could narrow it to from everything released (the audit's interval), so reports
/// computed from the cells carry it forward as they carry GLOTIP's `<5`. Cases with no form of exploitation
/// recorded count in the totals but in no form: they are a row of their own that is never released.
public enum CaseFigureProtection {
    public static func protect(_ observations: [Observation], threshold: Int) -> [Observation] {
        let groups = Dictionary(grouping: observations) { "\($0.area)|\($0.year)|\($0.indicator.rawValue)" }
        return groups.keys.sorted().flatMap { key in
            Group(groups[key] ?? [], threshold: threshold).protected()
        }
    }

    /// A cell within a group: what the observation says besides place, year and indicator.
    struct Cell: Hashable {
        let dimension: Disaggregation
        let category: String
        let sex: Sex
        let age: AgeBand
    }

    struct Group {
        let template: Observation
        let values: [Cell: Int]
        let originals: [Cell: Observation]
        let threshold: Int

        init(_ observations: [Observation], threshold: Int) {
            template = observations[0]
            var values: [Cell: Int] = [:]
            var originals: [Cell: Observation] = [:]
            for o in observations {
                let cell = Cell(dimension: o.dimension, category: o.category, sex: o.sex, age: o.age)
                values[cell] = o.value.low
                originals[cell] = o
            }
            self.values = values
            self.originals = originals
            self.threshold = threshold
        }

        static let total = Cell(dimension: .total, category: "Total", sex: .total, age: .total)

        func protected() -> [Observation] {
            let rule = CellSuppression(threshold: threshold)
            let grand = values[Self.total] ?? 0
            let keepTotal = !rule.isSensitive(grand)
            var out = breakdownByForm(rule, keepTotal: keepTotal)
            out += citizenship(rule, keepTotal: keepTotal)
            // Cells of no table known here pass with primary suppression alone.
            let handled = Set(
                out.map { Cell(dimension: $0.dimension, category: $0.category, sex: $0.sex, age: $0.age) })
            for (cell, o) in originals where !handled.contains(cell) && !Self.inTables(cell) {
                out.append(rule.isSensitive(o.value.low) ? with(cell, CountRange(low: 0, high: threshold - 1)) : o)
            }
            return out
        }

        static func inTables(_ cell: Cell) -> Bool {
            cell.dimension == .total || cell.dimension == .formOfExploitation
                || (cell.dimension == .citizenship && cell.sex == .total && cell.age == .total)
        }

        func with(_ cell: Cell, _ value: CountRange) -> Observation {
            var o = originals[cell] ?? template
            o.dimension = cell.dimension
            o.category = cell.category
            o.sex = cell.sex
            o.age = cell.age
            o.value = value
            if cell.dimension != .citizenship { o.categoryArea = nil }
            o.sourceRow = nil
            return o
        }

        /// Form × sex × age with its margins.
        func breakdownByForm(_ rule: CellSuppression, keepTotal: Bool) -> [Observation] {
            let inTable = values.keys.filter { $0.dimension == .total || $0.dimension == .formOfExploitation }
            let forms = Set(inTable.filter { $0.dimension == .formOfExploitation }.map(\.category)).sorted()
            let sexes = Set(inTable.map(\.sex)).subtracting([.total]).sorted { $0.rawValue < $1.rawValue }
            let ages = Set(inTable.map(\.age)).subtracting([.total]).sorted { $0.rawValue < $1.rawValue }
            // Along each dimension: its categories, and whether cases fall outside them (a row never released).
            var dimensions: [[Cell?]] = []
            func axis(_ cells: [Cell?]) { if !cells.isEmpty { dimensions.append(cells) } }
            let noForm = !forms.isEmpty && hasCasesWithoutForm(forms)
            axis(
                forms.map { Cell(dimension: .formOfExploitation, category: $0, sex: .total, age: .total) }
                    + (noForm ? [nil] : []))
            let formAxis = forms.isEmpty ? nil : 0
            axis(sexes.map { Cell(dimension: .total, category: "Total", sex: $0, age: .total) })
            let sexAxis = sexes.isEmpty ? nil : (formAxis == nil ? 0 : 1)
            axis(ages.map { Cell(dimension: .total, category: "Total", sex: .total, age: $0) })
            guard !dimensions.isEmpty else { return single(rule) }
            /// The cell at given coordinates (a category per axis, or the axis's count for its margin); nil in the
            /// unreleased row of cases without a form.
            func cell(_ coordinates: [Int]) -> Cell? {
                var dimension = Disaggregation.total, category = "Total", sex = Sex.total, age = AgeBand.total
                for (axis, index) in coordinates.enumerated() where index < dimensions[axis].count {
                    guard let pick = dimensions[axis][index] else { return nil }
                    if axis == formAxis {
                        dimension = .formOfExploitation
                        category = pick.category
                    } else if axis == sexAxis {
                        sex = pick.sex
                    } else {
                        age = pick.age
                    }
                }
                return Cell(dimension: dimension, category: category, sex: sex, age: age)
            }
            let shape = dimensions.map(\.count)
            var inner: [Int] = []
            var coordinates = [Int](repeating: 0, count: shape.count)
            for _ in 0..<shape.reduce(1, *) {
                inner.append(cell(coordinates).map { values[$0] ?? 0 } ?? remainder(coordinates, cell, shape))
                for d in stride(from: shape.count - 1, through: 0, by: -1) {
                    coordinates[d] += 1
                    if coordinates[d] < shape[d] { break }
                    coordinates[d] = 0
                }
            }
            guard let table = try? MarginalTable(shape: shape, cells: inner) else { return withholdAll(keepTotal) }
            let withheld = Set(table.values.indices.filter { cell(table.coordinates(of: $0)) == nil })
            return release(rule, table, keep: keepTotal, withheld: withheld) { cell(table.coordinates(of: $0)) }
        }

        /// Whether any total exceeds the sum of its forms: cases recorded with no form of exploitation.
        func hasCasesWithoutForm(_ forms: [String]) -> Bool {
            values.keys.contains { total in
                total.dimension == .total
                    && (values[total] ?? 0)
                        > forms.reduce(0) { sum, form in
                            sum
                                + (values[
                                    Cell(dimension: .formOfExploitation, category: form, sex: total.sex, age: total.age)
                                ] ?? 0)
                        }
            }
        }

        /// An inner cell of the unreleased row: its total less the forms' cells.
        func remainder(_ coordinates: [Int], _ cell: ([Int]) -> Cell?, _ shape: [Int]) -> Int {
            var total = coordinates
            total[0] = shape[0]
            let all = cell(total).flatMap { values[$0] } ?? 0
            let forms = (0..<(shape[0] - 1)).reduce(0) { sum, form in
                var c = coordinates
                c[0] = form
                return sum + (cell(c).flatMap { values[$0] } ?? 0)
            }
            return max(0, all - forms)
        }

        /// Citizenship: one way, its margin the grand total.
        func citizenship(_ rule: CellSuppression, keepTotal: Bool) -> [Observation] {
            let cells = values.keys.filter { $0.dimension == .citizenship && $0.sex == .total && $0.age == .total }
                .sorted { $0.category < $1.category }
            guard !cells.isEmpty,
                let table = try? MarginalTable(shape: [cells.count], cells: cells.map { values[$0] ?? 0 })
            else { return [] }
            // The grand total is released with the breakdown by form; here it is only a bound.
            return release(rule, table, keep: keepTotal, withheld: []) { $0 < cells.count ? cells[$0] : nil }
        }

        /// The released cells of a protected table: exact where released (zero cells stay absent, as before),
        /// the audit's interval where withheld.
        func release(
            _ rule: CellSuppression, _ table: MarginalTable, keep: Bool, withheld: Set<Int>, cell: (Int) -> Cell?
        ) -> [Observation] {
            let (result, intervals) = rule.protectAudited(
                table, keeping: keep ? [table.grandTotal] : [], withholding: withheld)
            let ranges = Dictionary(intervals.map { ($0.cell, $0) }, uniquingKeysWith: { a, _ in a })
            return table.values.indices.compactMap { index in
                guard let target = cell(index), !withheld.contains(index) else { return nil }
                guard result.suppressed[index] else {
                    return table.values[index] > 0 ? with(target, CountRange(exactly: table.values[index])) : nil
                }
                return with(target, range(ranges[index], grandTotal: table.values[table.grandTotal], keep: keep))
            }
        }

        /// A withheld cell as a reader could bound it. Unbounded above only when the grand total is withheld, and
        /// then it is below the threshold, as is every cell.
        func range(_ interval: SuppressionAudit.Interval?, grandTotal: Int, keep: Bool) -> CountRange {
            let ceiling = keep ? grandTotal : threshold - 1
            guard let interval else { return CountRange(low: 0, high: ceiling) }
            let low = Int((interval.low - 1e-6).rounded(.up))
            let high = interval.high.map { Int(($0 + 1e-6).rounded(.down)) } ?? ceiling
            return CountRange(low: max(0, min(low, high)), high: max(0, high))
        }

        /// Only a grand total: withheld when small.
        func single(_ rule: CellSuppression) -> [Observation] {
            guard let value = values[Self.total] else { return [] }
            return [
                rule.isSensitive(value)
                    ? with(Self.total, CountRange(low: 0, high: threshold - 1))
                    : with(
                        Self.total, CountRange(exactly: value))
            ]
        }

        /// Should a table not be built (it always is from case records), every cell is withheld, bounded only by
        /// the grand total when that is released.
        func withholdAll(_ keepTotal: Bool) -> [Observation] {
            let ceiling = keepTotal ? values[Self.total] ?? 0 : threshold - 1
            return originals.keys.filter { Self.inTables($0) && $0 != Self.total }.map {
                with($0, CountRange(low: 0, high: ceiling))
            } + single(CellSuppression(threshold: threshold))
        }
    }
}
