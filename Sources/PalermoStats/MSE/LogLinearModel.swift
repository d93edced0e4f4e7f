import Foundation

/// A Poisson log-linear model of a capture table: intercept, one main effect per list and the chosen
/// two-list interactions. An interaction between lists with no case in common has its parameter at
/// minus infinity: the cells holding both lists are removed instead of estimated (Chan, Silverman and
/// Vincent 2019), and the AIC counts the parameter all the same.
public struct LogLinearModel: Sendable, Equatable {
    public struct Pair: Sendable, Hashable, Comparable {
        public let first: Int
        public let second: Int
        public init(_ a: Int, _ b: Int) { first = min(a, b); second = max(a, b) }
        public static func < (l: Pair, r: Pair) -> Bool { (l.first, l.second) < (r.first, r.second) }
    }

    public let pairs: [Pair]
    public init(pairs: [Pair]) { self.pairs = pairs }
    public static let mainEffects = LogLinearModel(pairs: [])

    public func adding(_ pair: Pair) -> LogLinearModel { LogLinearModel(pairs: pairs + [pair]) }

    /// Names such as "A:C".
    public func terms(_ lists: [String]) -> [String] { pairs.sorted().map { "\(lists[$0.first]):\(lists[$0.second])" } }
}

/// The cells and design matrix of a model on a table.
struct Design {
    let model: LogLinearModel
    let observed: Int
    let cells: [UInt32]
    let counts: [Double]
    /// Column-major: intercept, main effects, overlapping interactions.
    let columns: [[Double]]
    let emptyPairs: [LogLinearModel.Pair]

    init(_ table: CaptureTable, _ model: LogLinearModel) {
        let t = table.lists.count
        var byHistory = [Int](repeating: 0, count: 1 << t)
        for (history, count) in zip(table.histories, table.counts) { byHistory[Int(history)] += count }
        let empty = model.pairs.filter { table.overlap($0.first, $0.second) == 0 }
        let full = model.pairs.filter { table.overlap($0.first, $0.second) > 0 }
        self.model = model
        observed = table.observed
        let emptyMasks = empty.map { UInt32(1) << $0.first | UInt32(1) << $0.second }
        cells = (1..<UInt32(1 << t)).filter { cell in !emptyMasks.contains { cell & $0 == $0 } }
        counts = cells.map { Double(byHistory[Int($0)]) }
        var columns = [cells.map { _ in 1.0 }]
        for i in 0..<t { columns.append(cells.map { $0 & (1 << i) != 0 ? 1 : 0 }) }
        for pair in full {
            let mask = UInt32(1) << pair.first | UInt32(1) << pair.second
            columns.append(cells.map { $0 & mask == mask ? 1 : 0 })
        }
        self.columns = columns
        emptyPairs = empty
    }

    var parameters: Int { columns.count }
}

/// A fitted model.
public struct ModelFit: Sendable {
    public let model: LogLinearModel
    public let intercept: Double
    public let deviance: Double
    public let aic: Double
    public let bic: Double
    public let rank: Int
    public let converged: Bool
    public let emptyPairs: [LogLinearModel.Pair]
    let cells: [UInt32]
    let fitted: [Double]

    /// The estimated number of people on no list.
    public var darkFigure: Double { exp(intercept) }
}

enum PoissonGLM {
    /// Iteratively reweighted least squares, as R's `glm.fit` for the Poisson family with log link:
    /// start at y + 0.1, stop when the relative change of deviance is below 1e-8, at most 25 iterations.
    static func fit(_ table: CaptureTable, _ model: LogLinearModel) -> ModelFit { fit(Design(table, model)) }

    static func fit(_ design: Design) -> ModelFit {
        let y = design.counts
        var mu = y.map { $0 + 0.1 }
        var eta = mu.map { log($0) }
        var deviance = devianceOf(y, mu)
        var beta = [Double](repeating: 0, count: design.parameters)
        var rank = 0
        var converged = false
        for _ in 0..<25 {
            let z = (0..<y.count).map { eta[$0] + (y[$0] - mu[$0]) / mu[$0] }
            (beta, rank) = LeastSquares.solve(columns: design.columns, z: z, weights: mu)
            eta = [Double](repeating: 0, count: y.count)
            for (column, coefficient) in zip(design.columns, beta) where coefficient != 0 {
                for i in 0..<y.count { eta[i] += column[i] * coefficient }
            }
            mu = eta.map { exp($0) }
            let next = devianceOf(y, mu)
            if abs(next - deviance) / (abs(next) + 0.1) < 1e-8 { deviance = next; converged = true; break }
            deviance = next
        }
        var logLikelihood = 0.0
        for i in 0..<y.count { logLikelihood += y[i] * log(mu[i]) - mu[i] - lgamma(y[i] + 1) }
        let parameters = Double(rank + design.emptyPairs.count)
        return ModelFit(
            model: design.model, intercept: beta[0], deviance: deviance, aic: -2 * logLikelihood + 2 * parameters,
            bic: -2 * logLikelihood + log(Double(max(design.observed, 1))) * parameters, rank: rank,
            converged: converged, emptyPairs: design.emptyPairs, cells: design.cells, fitted: mu)
    }

    static func devianceOf(_ y: [Double], _ mu: [Double]) -> Double {
        var total = 0.0
        for i in 0..<y.count {
            if y[i] > 0 { total += y[i] * log(y[i] / mu[i]) }
            total -= y[i] - mu[i]
        }
        return 2 * total
    }
}

/// Whether the extended maximum likelihood estimate of a model exists and is identifiable: the
/// Fienberg–Rinaldo linear program (is there a strictly positive table with the observed sufficient
/// statistics?) and the rank of the design matrix.
enum Admissibility {
    struct Result: Equatable {
        let exists: Bool
        let identifiable: Bool
        var ok: Bool { exists && identifiable }
    }

    static func check(_ table: CaptureTable, _ model: LogLinearModel) -> Result { check(Design(table, model)) }

    static func check(_ design: Design) -> Result {
        let cellCount = design.cells.count
        let rank = LeastSquares.solve(
            columns: design.columns, z: [Double](repeating: 0, count: cellCount),
            weights: [Double](repeating: 1, count: cellCount), tolerance: 1e-7
        ).rank
        let identifiable = rank == design.parameters
        // Every observed cell positive: the observed table itself is strictly positive.
        if design.counts.allSatisfy({ $0 > 0 }) { return Result(exists: true, identifiable: identifiable) }
        // y = s·1 + u with u ≥ 0, s ≥ 0, Aᵀy = Aᵀn; maximise s. The estimate exists iff the optimum is positive.
        let rows = design.columns.map { column -> [Double] in column + [column.reduce(0, +)] }
        let rhs = design.columns.map { column in zip(column, design.counts).reduce(0.0) { $0 + $1.0 * $1.1 } }
        let objective = [Double](repeating: 0, count: cellCount) + [1]
        let exists: Bool
        switch Simplex.maximise(c: objective, a: rows, b: rhs) {
        case .optimal(let value): exists = value > 1e-9 * max(1, Double(design.observed))
        case .unbounded: exists = true
        case .infeasible: exists = false
        }
        return Result(exists: exists, identifiable: identifiable)
    }
}
