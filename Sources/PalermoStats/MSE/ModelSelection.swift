import Foundation

/// How the two-list interactions are chosen.
public enum ModelSelection: String, Sendable, CaseIterable {
    /// Forward stepwise by one-sided Poisson p-values (Chan, Silverman and Vincent 2019).
    case stepwise
    /// Smallest AIC over all admissible models.
    case aic
    /// Smallest BIC over all admissible models.
    case bic

    func choose(_ table: CaptureTable, threshold: Double) -> ModelFit {
        switch self {
        case .stepwise: Self.stepwise(table, threshold: threshold)
        case .aic: Self.best(table) { $0.aic }
        case .bic: Self.best(table) { $0.bic }
        }
    }

    static func allPairs(_ lists: Int) -> [LogLinearModel.Pair] {
        (0..<lists).flatMap { i in ((i + 1)..<lists).map { LogLinearModel.Pair(i, $0) } }
    }

    /// Starts from main effects. Each round, every pair not yet in the model gets the p-value of its observed
    /// overlap under the current fit, min(P(X ≤ n*), P(X ≥ n*)) with X Poisson; the pair with the smallest
    /// p-value joins if that is below `threshold` and the larger model passes the admissibility checks.
    /// Ties go to the pair that comes first (A:B before A:C …).
    static func stepwise(_ table: CaptureTable, threshold: Double) -> ModelFit {
        var fit = PoissonGLM.fit(table, .mainEffects)
        guard threshold > 0 else { return fit }
        let candidates = allPairs(table.lists.count)
        let observed = candidates.map { table.overlap($0.first, $0.second) }
        var included = Set<LogLinearModel.Pair>()
        while included.count < candidates.count {
            var scored: [(p: Double, index: Int)] = []
            for (index, pair) in candidates.enumerated() where !included.contains(pair) {
                let mask = UInt32(1) << pair.first | UInt32(1) << pair.second
                let expected = zip(fit.cells, fit.fitted).reduce(0.0) { $0 + ($1.0 & mask == mask ? $1.1 : 0) }
                let p = min(Poisson.cdf(observed[index], expected), Poisson.survival(observed[index], expected))
                if p < threshold { scored.append((p, index)) }
            }
            // Checking admissibility only until the first admissible candidate gives the same choice as
            // checking every candidate, at a fraction of the linear programs.
            scored.sort { ($0.p, $0.index) < ($1.p, $1.index) }
            let current = fit.model
            guard
                let chosen = scored.lazy.map({
                    (index: $0.index, design: Design(table, current.adding(candidates[$0.index])))
                })
                .first(where: { Admissibility.check($0.design).ok })
            else { break }
            included.insert(candidates[chosen.index])
            fit = PoissonGLM.fit(chosen.design)
        }
        return fit
    }

    /// Every admissible model for up to 6 lists (2^15 models); beyond that, a greedy forward search on the criterion.
    static func best(_ table: CaptureTable, by criterion: (ModelFit) -> Double) -> ModelFit {
        let pairs = allPairs(table.lists.count)
        var best = PoissonGLM.fit(table, .mainEffects)
        if pairs.count <= 15 {
            for subset in 1..<(1 << pairs.count) {
                let model = LogLinearModel(pairs: pairs.indices.filter { subset & (1 << $0) != 0 }.map { pairs[$0] })
                let design = Design(table, model)
                guard Admissibility.check(design).ok else { continue }
                let fit = PoissonGLM.fit(design)
                if criterion(fit) < criterion(best) { best = fit }
            }
            return best
        }
        while true {
            let options = pairs.filter { !best.model.pairs.contains($0) }.map { best.model.adding($0) }
                .map { Design(table, $0) }.filter { Admissibility.check($0).ok }.map { PoissonGLM.fit($0) }
            guard let next = options.min(by: { criterion($0) < criterion($1) }), criterion(next) < criterion(best)
            else { return best }
            best = next
        }
    }
}
