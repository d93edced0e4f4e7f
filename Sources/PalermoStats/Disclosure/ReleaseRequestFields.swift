import Foundation
import PalermoCore

extension ReleaseRequest {
    /// A request from text (a posted form, a query string, command-line options), every number parsed into its
    /// bounds and every problem named by its field. `attributes` is the list of chosen attribute names.
    public static func parse(
        _ fields: [String: String], attributes: [String]
    ) throws(ValidationFailure)
        -> ReleaseRequest
    {
        var problems: [ValidationIssue] = []
        func text(_ name: String) -> String? {
            guard let value = fields[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
            return value
        }
        func whole(_ name: String, _ range: ClosedRange<Int>) -> Int? {
            guard let value = text(name) else { return nil }
            guard let n = Int(value), range.contains(n) else {
                problems.append(
                    ValidationIssue(
                        field: name, message: "must be a whole number from \(range.lowerBound) to \(range.upperBound)",
                        code: "wholeRange",
                        values: ["min": "\(range.lowerBound)", "max": "\(range.upperBound)", "value": value]))
                return nil
            }
            return n
        }
        func real(_ name: String) -> Double? {
            guard let value = text(name) else { return nil }
            guard let x = Double(value), x.isFinite else {
                problems.append(
                    ValidationIssue(
                        field: name, message: "is not a number", code: "notANumber", values: ["value": value]))
                return nil
            }
            return x
        }
        var method = Method.synthetic
        if let name = text("method") {
            if let chosen = Method(rawValue: name) {
                method = chosen
            } else {
                problems.append(
                    ValidationIssue(
                        field: "method",
                        message: "must be one of \(Method.allCases.map(\.rawValue).joined(separator: ", "))",
                        code: "notInList", values: ["value": name]))
            }
        }
        var request = ReleaseRequest(attributes: attributes, method: method)
        request.country = text("country")?.uppercased()
        request.from = whole("from", 1_900...2_200)
        request.to = whole("to", 1_900...2_200)
        // Out-of-range values are kept as typed (clamped into Int), so that `problems` names them by field.
        request.k = whole("k", Int.min...Int.max) ?? request.k
        request.length = whole("length", Int.min...Int.max) ?? request.length
        request.threshold = whole("threshold", Int.min...Int.max) ?? request.threshold
        request.rounding = ["on", "true", "1", "yes"].contains(text("rounding")?.lowercased() ?? "")
        request.epsilon = real("epsilon")
        request.delta = real("delta")
        request.sensitive = text("sensitive")
        if let seed = text("seed") {
            if let n = UInt64(seed) {
                request.seed = n
            } else {
                problems.append(
                    ValidationIssue(
                        field: "seed", message: "must be a whole number from 0", code: "notACount",
                        values: ["value": seed]))
            }
        }
        guard problems.isEmpty else { throw ValidationFailure(problems) }
        return request
    }
}
