import Foundation
import PalermoCore
import PalermoStore
import Vapor

/// A directory entry as the API and the page's form send it.
struct ServiceOfferInput: Content {
    let kind: String
    let country: String
    let area: String?
    let forSexes: [String]?
    let forAges: [String]?
    let forNationalities: [String]?
    let forForms: [String]?
    let capacity: Int
    let available: Int
    let languages: [String]?
    let hours: String?
    let contact: String
    let lastChecked: String

    func offer(of organisation: UUID) throws -> ServiceOffer {
        var problems = Problems()
        let kind = problems.service(self.kind, field: "kind")
        let ages = problems.choices(AgeGroup.self, forAges ?? [], field: "forAges")
        for (field, list) in [
            ("forSexes", forSexes), ("forNationalities", forNationalities), ("forForms", forForms),
            ("languages", languages),
        ] where (list?.count ?? 0) > 300 {
            problems.issues.append(ValidationIssue(field: field, message: "names too many values", code: nil))
        }
        guard let kind, problems.issues.isEmpty else { throw ValidationFailure(problems.issues) }
        return ServiceOffer(
            organisationID: organisation, kind: kind, country: country, area: area ?? "", forSexes: forSexes ?? [],
            forAges: AgeGroup.allCases.filter(ages.contains), forNationalities: forNationalities ?? [],
            forForms: forForms ?? [], capacity: capacity, available: available, languages: languages ?? [],
            hours: hours ?? "", contact: contact, lastChecked: lastChecked)
    }
}

extension ServiceOffer: Content {}

extension Request {
    /// The directory's search from the query string; an unknown value is refused naming its parameter.
    func directorySearch() throws -> ServiceDirectory.Search {
        var problems = Problems()
        func text(_ name: String) -> String? { queryText(name).flatMap { $0.isEmpty ? nil : $0 } }
        let kind = text("kind").flatMap { problems.service($0, field: "kind") }
        let age = text("age").flatMap { problems.choice(AgeGroup.self, $0, field: "age") }
        let sex = text("sex")
        if let sex, !ServiceOffer.sexes.contains(sex) {
            problems.issues.append(
                ValidationIssue(
                    field: "sex", message: "must be female or male", code: "notInList", values: ["value": sex]))
        }
        let country = text("country")?.uppercased(), nationality = text("nationality")?.uppercased()
        for (field, code) in [("country", country), ("nationality", nationality)] {
            if let code, Countries.find(code) == nil {
                problems.issues.append(
                    ValidationIssue(
                        field: field, message: "is not a country code", code: "notACountry", values: ["value": code]))
            }
        }
        guard problems.issues.isEmpty else { throw ValidationFailure(problems.issues) }
        return ServiceDirectory.Search(
            country: country, kind: kind, sex: sex, age: age, nationality: nationality, form: text("form"))
    }
}
