import Foundation
import PalermoCore
import PalermoStats
import Synchronization

/// What a reader reads, in their language: strings from `Strings/<language>.json`, and numbers, percentages,
/// dates and country names formatted by the locale's own data. A string missing in a language falls back to
/// English (a test keeps every language complete); HTCDS field labels and picklist values fall back to the
/// standard's English.
public struct Wording: Sendable {
    /// The six official languages of the United Nations.
    public static let languages = ["ar", "zh", "en", "fr", "ru", "es"]

    private static let tables: [String: [String: String]] = Dictionary(
        uniqueKeysWithValues: languages.map { code in
            let url = Bundle.module.url(forResource: code, withExtension: "json", subdirectory: "Strings")
            let table = url.flatMap { try? Data(contentsOf: $0) }
                .flatMap { try? JSONDecoder().decode([String: String].self, from: $0) }
            return (code, table ?? [:])
        })

    public let language: String
    public let locale: Locale
    /// The reader's time zone, for times of day (the server's own when the reader's is not known).
    public let timeZone: TimeZone

    public init(_ language: String, timeZone: TimeZone = .current) {
        self.language = Self.languages.contains(language) ? language : "en"
        locale = Locale(identifier: self.language)
        self.timeZone = timeZone
    }

    public static let english = Wording("en")

    /// The keys a language defines, for the completeness test.
    public static func keys(of language: String) -> Set<String> { Set(tables[language]?.keys ?? [:].keys) }

    public var isRightToLeft: Bool { language == "ar" }
    public var direction: String { isRightToLeft ? "rtl" : "ltr" }

    public func callAsFunction(_ key: String, _ values: [String: String] = [:]) -> String {
        let text = Self.tables[language]?[key] ?? Self.tables["en"]?[key] ?? key
        return values.isEmpty ? text : Self.filling(text, with: values)
    }

    /// Puts each value in place of its `{name}`, in one pass: Foundation's `replacingOccurrences`, once per
    /// value, was a tenth of the case list's view model. A `{name}` without a value is left as it is.
    static func filling(_ template: String, with values: [String: String]) -> String {
        var out = "", rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "}") else {
                rest = rest[open...]
                break
            }
            let name = rest[afterOpen..<close]
            if let value = values[String(name)] { out += value } else { out += rest[open...close] }
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// The string for `key` if this language or English has one.
    public func optional(_ key: String) -> String? { Self.tables[language]?[key] ?? Self.tables["en"]?[key] }

    // MARK: The standard's vocabulary

    public func label(_ field: HTCDSField) -> String { optional("field.\(field.name)") ?? field.label }

    public func picklist(_ list: String, _ code: String) -> String {
        optional("picklist.\(list).\(code)") ?? Picklists.named(list).label(for: code)
    }

    /// A country's name from the locale's data, for an ISO 3166 alpha-3 or alpha-2 code.
    public func country(_ code: String) -> String {
        guard let country = Countries.find(code) else { return code }
        return locale.localizedString(forRegionCode: country.alpha2) ?? country.name
    }

    /// A UN M49 region or subregion name, or a form of exploitation, by its English name.
    public func region(_ name: String) -> String { optional("region.\(name)") ?? name }

    // MARK: Numbers and dates

    public func number(_ value: Int) -> String { value.formatted(.number.locale(locale)) }

    /// A chart's tick: "50K" in English, "50 k" in French, "5万" in Chinese.
    public func compact(_ value: Double) -> String {
        guard value.isFinite else { return "∞" }
        return value.formatted(.number.notation(.compactName).locale(locale))
    }

    public func decimal(_ value: Double, digits: Int = 1) -> String {
        guard value.isFinite else { return "∞" }
        return value.formatted(.number.precision(.fractionLength(digits)).locale(locale))
    }

    /// A value as entered: up to two decimals, none shown when it is whole ("1,200", "12.5").
    public func amount(_ value: Double) -> String {
        guard value.isFinite else { return "∞" }
        return value.formatted(.number.precision(.fractionLength(0...2)).locale(locale))
    }

    /// An amount of money with its ISO 4217 code, in this language's way ("KES 1,200,000", "1 200 000 KES").
    public func money(_ value: Double, currency: String) -> String {
        guard value.isFinite else { return "∞ " + currency }
        return value.formatted(.currency(code: currency).precision(.fractionLength(0...2)).locale(locale))
    }

    /// A share (0.428) as a percentage ("42.8 %", "42,8 %", "‎42.8‎%‎").
    public func percent(_ share: Double, digits: Int = 1) -> String {
        guard share.isFinite else { return "∞" }
        return share.formatted(.percent.precision(.fractionLength(digits)).locale(locale))
    }

    /// A count that may be a range because of suppressed cells: "1,173" or "1,170–1,178".
    public func count(_ range: CountRange) -> String {
        range.low == range.high ? number(range.low) : isolated("\(number(range.low))–\(number(range.high))")
    }

    /// A sum over countries: "–" without data, "≥ 1,328" when some countries gave only part of it.
    public func covered(_ count: PatternsAndFlowsReport.CoveredCount) -> String {
        guard count.hasData else { return "–" }
        // Kept left to right as a whole, as ranges are: in Arabic a bare "≥" would be mirrored and reordered.
        return count.upperOpen
            ? isolated(self("report.atLeast", ["n": number(count.value.low)])) : self.count(count.value)
    }

    /// A span of years, "2017–2020", in the right order in either direction of writing.
    public func years(_ from: Int, _ to: Int) -> String { isolated("\(from)–\(to)") }

    /// A range of numbers read left to right inside right-to-left text ("0–8", not "8–0").
    func isolated(_ text: String) -> String { isRightToLeft ? "\u{2066}\(text)\u{2069}" : text }

    /// A share that may be a range: "62.1 %" or "61.8 % (61.5–62.4 %)".
    public func share(_ range: ShareRange) -> String {
        let point = percent(range.point), low = percent(range.low), high = percent(range.high)
        return low == high ? point : "\(point) (\(isolated("\(low)–\(high)")))"
    }

    public func date(_ date: Date) -> String {
        // A day reads the same all day: lists show dozens a page, and formatting one costs more than a row's
        // other cells, so each day is formatted once per language and time zone.
        let local = (date.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: date))) / 86_400
        guard local.isFinite, abs(local) < 1e9 else { return formatDay(date) }
        let key = DayKey(language: language, timeZone: timeZone.identifier, day: Int(local.rounded(.down)))
        if let known = Self.formattedDays.withLock({ $0[key] }) { return known }
        let text = formatDay(date)
        Self.formattedDays.withLock { days in
            if days.count >= 20_000 { days.removeAll(keepingCapacity: true) }
            days[key] = text
        }
        return text
    }

    private func formatDay(_ date: Date) -> String {
        var style = Date.FormatStyle(date: .abbreviated, time: .omitted).locale(locale)
        style.timeZone = timeZone
        return date.formatted(style)
    }

    private struct DayKey: Hashable {
        let language: String
        let timeZone: String
        let day: Int
    }
    private static let formattedDays = Mutex<[DayKey: String]>([:])

    public func dateTime(_ date: Date) -> String {
        var style = Date.FormatStyle(date: .abbreviated, time: .shortened).locale(locale)
        style.timeZone = timeZone
        return date.formatted(style)
    }
}
