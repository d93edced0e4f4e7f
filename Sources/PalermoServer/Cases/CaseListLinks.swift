import Foundation
import PalermoCore

/// The list's address for a query: every filter kept, one thing changed (the page, the sort, the size).
struct CaseListLinks {
    let query: CaseQuery
    let ownerParameter: String?

    func href(
        page: Int? = nil, sort: CaseQuery.Sort? = nil, descending: Bool? = nil, path: String = "/cases"
    )
        -> String
    {
        var components = URLComponents()
        components.path = path
        let sorting = sort ?? query.sort
        let items: [(String, String?)] = [
            ("q", query.text), ("status", query.status), ("traffickingStatus", query.traffickingStatus),
            ("exploitation", query.exploitation), ("gender", query.gender), ("ageGroup", query.ageGroup),
            ("citizenship", query.citizenship), ("owner", ownerParameter),
            ("sort", sorting == .updated ? nil : sorting.rawValue),
            ("dir", (descending ?? query.descending) ? nil : "asc"),
            ("perPage", query.perPage == 25 ? nil : String(query.perPage)),
            ("page", page.map(String.init)),
        ]
        components.queryItems = items.compactMap { pair in pair.1.map { URLQueryItem(name: pair.0, value: $0) } }
        if components.queryItems?.isEmpty == true { components.queryItems = nil }
        return components.string ?? path
    }
}
