import Foundation
import PalermoCore
import PalermoStats

/// The publication form's fields, as a query string (a preview) or a posted form (a release) sends them: an
/// attribute is chosen by a checkbox of its own (`attribute-sex=on`), every other parameter by its name.
enum PublicationForm {
    static func field(_ attribute: String) -> String { "attribute-\(attribute)" }

    static func attributes(_ fields: [String: String]) -> [String] {
        ReleaseRequest.attributes.map(\.name).filter { fields[field($0)] != nil }
    }

    static func request(_ fields: [String: String]) throws(ValidationFailure) -> ReleaseRequest {
        try ReleaseRequest.parse(fields, attributes: attributes(fields))
    }

    /// The fields that ask for the same release again (the release form repeats the preview's).
    static func fields(of request: ReleaseRequest) -> [(String, String)] {
        var list = request.attributes.map { (field($0), "on") }
        list += [("method", request.method.rawValue), ("k", "\(request.k)"), ("length", "\(request.length)")]
        list += [("threshold", "\(request.threshold)"), ("seed", "\(request.seed)")]
        if let country = request.country { list.append(("country", country)) }
        if let from = request.from { list.append(("from", "\(from)")) }
        if let to = request.to { list.append(("to", "\(to)")) }
        if request.rounding { list.append(("rounding", "on")) }
        if let epsilon = request.epsilon { list.append(("epsilon", "\(epsilon)")) }
        if let delta = request.delta { list.append(("delta", "\(delta)")) }
        if let sensitive = request.sensitive { list.append(("sensitive", sensitive)) }
        return list
    }
}
