import FluentKit
import Foundation
import PalermoCore
import PalermoStats
import SQLKit

/// A country's figures in GLOTIP shape, built from Palermo's own case records (detected victims) and from
/// the criminal-justice counts a national authority enters (dataset `national:<ISO3>`).
///
/// From a case: the country is the recording organisation's, the year that of `cas_IncomingReferralDate`
/// (cases without it are counted as undated and left out), sex from `prs_Gender` (transgender and
/// non-conforming identities under "Other"), age band at identification, the form of exploitation from the
/// first type recorded, citizenship from `prs_Citizenship`. Only facet columns are read, never a personal field.
public struct NationalStatistics: Sendable {
    let store: Store

    public static func justiceDataset(_ country: String) -> String { "national:\(country.uppercased())" }

    /// The countries `principal` may see national figures for: a coordinator their own, analysts all.
    public func allowedCountry(_ requested: String?, for principal: Principal) async throws -> String? {
        switch principal.role {
        case .analyst, .systemAdmin:
            return requested?.uppercased()
        case .nationalCoordinator:
            let own = try await OrganisationModel.find(principal.organisationID, on: store.database)?.country
            if let requested, requested.uppercased() != own {
                throw StoreError.forbidden("a national coordinator sees the figures of their own country only")
            }
            return own
        default:
            throw StoreError.forbidden("the \(principal.role.rawValue) role has no access to national statistics")
        }
    }

    public struct FromCases: Sendable {
        public let observations: [Observation]
        /// Case records read, and how many of them were about a person already counted (see `fromCases`).
        public let cases: Int
        public let merged: Int
        /// People left out for want of an identification date.
        public let undated: Int
        /// When small counts are withheld (for a reader not entitled to exact figures): the threshold.
        public var threshold: Int? = nil

        /// A count as the reader may see it: nil when it is withheld.
        public func shown(_ count: Int) -> Int? {
            guard let threshold, count > 0, count < threshold else { return count }
            return nil
        }

        /// The figures for a reader who is not entitled to exact ones: the cells protected by suppression
        /// (`CaseFigureProtection`), and small counts of records withheld.
        public func withholding(below threshold: Int) -> FromCases {
            FromCases(
                observations: CaseFigureProtection.protect(observations, threshold: threshold), cases: cases,
                merged: merged, undated: undated, threshold: threshold)
        }
    }

    /// Detected victims from case records, for one country or all, grouped in the database. People are
    /// counted, not records: the records of one country's organisations with the same linkage key (a keyed
    /// hash of name and birth date) are one person, counted once with the earliest identified record.
    public func fromCases(country: String?, years: ClosedRange<Int>? = nil) async throws -> FromCases {
        let sql = try store.sql
        let place: SQLQueryString = country.map { "AND o.country = \(bind: $0.uppercased())" } ?? ""
        var counts: [Facets: Int] = [:]
        for row in try await sql.raw(
            """
            SELECT o.country AS country, substr(c.identified_on, 1, 4) AS year, c.gender AS gender,
                   c.age_group AS age_group, c.citizenship AS citizenship, c.exploitation AS exploitation, COUNT(*) AS n
            FROM cases c JOIN organisations o ON o.id = c.organisation_id WHERE 1 = 1 \(place)
            GROUP BY o.country, substr(c.identified_on, 1, 4), c.gender, c.age_group, c.citizenship, c.exploitation
            """
        ).all() {
            counts[try row.decode(model: Facets.self), default: 0] += try row.decode(column: "n", as: Int.self)
        }
        let records = counts.values.reduce(0, +)
        // Records sharing a linkage key are few: read them alone (the key is indexed) and take all but each
        // person's earliest out of the counts, rather than ranking every record.
        struct Record: Decodable {
            let person: String; let identified_on: String?; let case_code: String
            /// The earliest identified first, undated last.
            var order: (Int, String, String) { (identified_on == nil ? 1 : 0, identified_on ?? "", case_code) }
        }
        let shared = try await sql.raw(
            """
            SELECT c.linkage_key AS person, c.identified_on AS identified_on, c.case_code AS case_code,
                   o.country AS country, substr(c.identified_on, 1, 4) AS year, c.gender AS gender,
                   c.age_group AS age_group, c.citizenship AS citizenship, c.exploitation AS exploitation
            FROM cases c JOIN organisations o ON o.id = c.organisation_id
            WHERE c.linkage_key IN (
                SELECT linkage_key FROM cases WHERE linkage_key IS NOT NULL GROUP BY linkage_key HAVING COUNT(*) > 1
            ) \(place)
            """
        ).all().map { row in (record: try row.decode(model: Record.self), facets: try row.decode(model: Facets.self)) }
        for (_, same) in Dictionary(grouping: shared, by: { [$0.facets.country, $0.record.person] }) {
            for later in same.sorted(by: { $0.record.order < $1.record.order }).dropFirst() {
                counts[later.facets, default: 0] -= 1
            }
        }
        let groups = counts.filter { $0.value > 0 }.map { (facets: $0.key, n: $0.value) }
        let (observations, undated, total) = Self.detectedVictims(groups, years: years)
        return FromCases(observations: observations, cases: records, merged: records - total, undated: undated)
    }

    /// Detected victims in GLOTIP cells from groups of people with the same facets: counted by sex and age, by
    /// form of exploitation (the first recorded; an HTCDS code, or already a form's name) and by citizenship. Groups
    /// without a year, or whose year is not a single year, are undated and left out.
    static func detectedVictims(
        _ groups: [(facets: Facets, n: Int)], years: ClosedRange<Int>?
    ) -> (observations: [Observation], undated: Int, total: Int) {
        var cells: [Observation.Key: Int] = [:]
        var undated = 0, total = 0
        for (group, n) in groups {
            total += n
            guard let year = group.year.flatMap(Int.init) else { undated += n; continue }
            if let years, !years.contains(year) { continue }
            let sex = Self.sex(group.gender), age = Self.age(group.age_group)
            func add(_ dimension: Disaggregation, _ category: String, breakdown: Bool) {
                let pairs: [(Sex, AgeBand)] =
                    breakdown ? [(.total, .total), (sex, .total), (.total, age), (sex, age)] : [(.total, .total)]
                for (s, a) in pairs {
                    cells[
                        Observation.Key(
                            area: group.country, indicator: .detectedVictims, dimension: dimension, category: category,
                            sex: s, age: a, year: year), default: 0] += n
                }
            }
            add(.total, "Total", breakdown: true)
            if let first = group.exploitation.split(separator: ";").first {
                let form = ExploitationForm(rawValue: String(first)) ?? ExploitationForm(htcdsType: String(first))
                add(.formOfExploitation, form.rawValue, breakdown: true)
            }
            add(.citizenship, group.citizenship.flatMap(Countries.find)?.name ?? "Unknown", breakdown: false)
        }
        let codeByName = Dictionary(Countries.all.map { ($0.name, $0.alpha3) }, uniquingKeysWith: { first, _ in first })
        let observations = cells.map { key, count in
            let country = Countries.find(key.area)
            return Observation(
                area: key.area, areaName: country?.name ?? key.area, region: country?.region ?? "",
                subregion: country?.subregion ?? "",
                indicator: key.indicator, dimension: key.dimension, category: key.category,
                categoryArea: key.dimension == .citizenship ? codeByName[key.category] : nil,
                sex: key.sex, age: key.age, year: key.year, value: CountRange(exactly: count))
        }
        return (observations, undated, total)
    }

    /// The facet columns a case is counted by, read from a row that may hold other columns too.
    struct Facets: Hashable, Decodable {
        let country: String; let year: String?; let gender, age_group, citizenship: String?; let exploitation: String
    }

    /// Criminal-justice counts entered for a country.
    public func justiceCounts(country: String) async throws -> [Observation] {
        try await store.statistics.observations(in: Self.justiceDataset(country))
    }

    public struct JusticeCount: Sendable, Codable, Equatable {
        public let indicator: Indicator
        public let sex: Sex
        public let count: Int
        public init(indicator: Indicator, sex: Sex, count: Int) {
            self.indicator = indicator
            self.sex = sex
            self.count = count
        }
    }

    /// Replaces the criminal-justice counts of one year in the coordinator's own country (detected victims
    /// come from cases, not from here). Returns the country.
    @discardableResult
    public func saveJusticeCounts(
        country requested: String? = nil, year: Int, counts: [JusticeCount], by principal: Principal
    ) async throws -> String {
        guard principal.role == .nationalCoordinator else {
            throw StoreError.forbidden("only a national coordinator enters national counts")
        }
        var problems: [ValidationIssue] = []
        if !Observation.plausibleYears().contains(year) {
            problems.append(.init(field: "year", message: "\(year) is not a plausible year"))
        }
        for (i, c) in counts.enumerated() {
            if !(0...CountRange.largestCount).contains(c.count) {
                problems.append(
                    .init(field: "counts[\(i)].count", message: "must be from 0 to \(CountRange.largestCount)"))
            }
            if c.indicator == .detectedVictims {
                problems.append(
                    .init(field: "counts[\(i)].indicator", message: "detected victims come from case records"))
            }
        }
        // Counts are bounded by now, so their sums cannot overflow.
        if problems.isEmpty { problems += Self.partsWithinTotals(counts) }
        if !problems.isEmpty { throw ValidationFailure(problems) }
        guard let country = try await allowedCountry(requested, for: principal), let place = Countries.find(country)
        else {
            throw StoreError.forbidden("the coordinator's organisation has no known country")
        }
        let kept = try await justiceCounts(country: place.alpha3).filter { $0.year != year }
        let entered = counts.map {
            Observation(
                area: place.alpha3, areaName: place.name, region: place.region, subregion: place.subregion,
                indicator: $0.indicator,
                dimension: .total, category: "Total", sex: $0.sex, age: .total, year: year,
                value: CountRange(exactly: $0.count))
        }
        _ = try await store.statistics.importDataset(
            Self.justiceDataset(place.alpha3), kind: "national", observations: kept + entered,
            rowsRead: kept.count + entered.count, notes: ["entered in Palermo"], by: principal.username)
        return place.alpha3
    }

    /// Women and men together cannot be more than the total entered for the same indicator. The counts must
    /// already be within `0...CountRange.largestCount`.
    static func partsWithinTotals(_ counts: [JusticeCount]) -> [ValidationIssue] {
        Dictionary(grouping: counts, by: \.indicator).sorted { $0.key.slug < $1.key.slug }.compactMap {
            indicator, entered in
            func sum(_ sex: Sex) -> Int? {
                let values = entered.filter { $0.sex == sex }.map(\.count)
                return values.isEmpty ? nil : values.reduce(0, +)
            }
            guard let total = sum(.total) else { return nil }
            let female = sum(.female) ?? 0, male = sum(.male) ?? 0
            guard female + male > total else { return nil }
            return ValidationIssue(
                field: "counts.\(indicator.slug)",
                message:
                    "\(indicator.rawValue): female (\(female)) and male (\(male)) add up to more than the total "
                    + "(\(total))"
            )
        }
    }

    static func sex(_ gender: String?) -> Sex {
        switch gender {
        case "Feminine": .female
        case "Masculine": .male
        case "TransgenderFeminine", "TransgenderMasculine", "NonConforming": .other
        default: .unknown
        }
    }

    static func age(_ group: String?) -> AgeBand {
        switch group {
        case AgeGroup.child.rawValue: .children
        case AgeGroup.adult.rawValue: .adults
        default: .unknown
        }
    }
}

extension Store {
    public var national: NationalStatistics { NationalStatistics(store: self) }
}
