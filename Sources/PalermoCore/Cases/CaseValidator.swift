import Foundation

/// Checks raw field input against the HTCDS catalogue and returns it in canonical form:
/// canonical field names, picklist codes instead of labels, alpha-3 country codes, ISO dates.
public struct CaseValidator: Sendable {
    public var today: Date

    public init(today: Date = Date()) { self.today = today }

    /// Validates every field; a nil value (or an empty string) clears the field.
    public func validate(
        _ input: [String: FieldValue?], row: Int? = nil
    ) -> Result<[String: FieldValue?], ValidationFailure> {
        var output: [String: FieldValue?] = [:]
        var issues: [ValidationIssue] = []
        for (name, value) in input.sorted(by: { $0.key < $1.key }) {
            guard let field = HTCDS.field(named: name) else {
                issues.append(
                    .init(row: row, field: name, message: "is not a field of HTCDS 2.0", code: "unknownField"))
                continue
            }
            guard let value, !value.values.allSatisfy({ $0.trimmed.isEmpty }) else {
                output[field.name] = .some(nil)
                continue
            }
            switch canonical(value, for: field) {
            case .success(let clean): output[field.name] = clean
            case .failure(let message):
                issues.append(
                    .init(
                        row: row, field: field.name, message: message.text, code: message.code, values: message.values))
            }
        }
        return issues.isEmpty ? .success(output) : .failure(ValidationFailure(issues))
    }

    struct Message: Error {
        let text: String
        let code: String
        var values: [String: String] = [:]
    }

    func canonical(_ value: FieldValue, for field: HTCDSField) -> Result<FieldValue, Message> {
        switch field.kind {
        case .text(let maxLength):
            guard case .text(let text) = value else {
                return .failure(Message(text: "expected text, got a list", code: "expectedText"))
            }
            let trimmed = text.trimmed
            guard trimmed.count <= maxLength else {
                return .failure(
                    Message(
                        text: "is longer than \(maxLength) characters", code: "tooLong",
                        values: ["max": String(maxLength)]))
            }
            return ContactFormats.check(trimmed, field.format).map { .text($0) }
        case .date:
            guard case .text(let text) = value, let date = Self.parseDate(text) else {
                return .failure(
                    Message(
                        text: "'\(value)' is not a date in the form YYYY-MM-DD", code: "notADate",
                        values: ["value": value.description]))
            }
            guard date <= today else {
                return .failure(
                    Message(text: "'\(value)' is in the future", code: "future", values: ["value": value.description]))
            }
            guard date >= Self.earliestDay else {
                return .failure(
                    Message(
                        text: "'\(value)' is before 1900", code: "before1900", values: ["value": value.description]))
            }
            return .success(.text(Self.isoDay.format(date)))
        case .boolean:
            switch value.description.trimmed.lowercased() {
            case "true", "yes", "1": return .success(.text("TRUE"))
            case "false", "no", "0": return .success(.text("FALSE"))
            default:
                return .failure(
                    Message(
                        text: "'\(value)' is not TRUE or FALSE", code: "notBoolean",
                        values: ["value": value.description]))
            }
        case .country:
            guard case .text(let text) = value,
                let country = Countries.find(text) ?? CountryNames.anyLanguage.alpha3(for: text).flatMap(Countries.find)
            else {
                return .failure(
                    Message(
                        text: "'\(value)' is not a country code (ISO 3166-1) or name", code: "notACountry",
                        values: ["value": value.description]))
            }
            return .success(.text(country.alpha3))
        case .one(let name):
            guard case .text(let text) = value else {
                return .failure(Message(text: "expected one value, got a list", code: "expectedOne"))
            }
            guard let code = Picklists.named(name).code(for: text) else {
                return .failure(
                    Message(
                        text: "'\(text)' is not in the picklist \(name)", code: "notInList", values: ["value": text]))
            }
            return .success(.text(code))
        case .many(let name):
            let list = Picklists.named(name)
            let items: [String] =
                switch value {
                case .list(let values): values
                // A spreadsheet holds a list in one cell: codes separated by spaces (as XLSForm writes them),
                // or codes or labels separated by semicolons or commas.
                case .text(let text): text.split(whereSeparator: { $0 == ";" || $0 == "," }).map(String.init)
                }
            var codes: [String] = []
            for item in items where !item.trimmed.isEmpty {
                // One code or label ("Debt bondage"), else codes separated by spaces.
                let words = list.code(for: item) != nil ? [item] : item.split(separator: " ").map(String.init)
                for word in words {
                    guard let code = list.code(for: word) else {
                        let shown = item.trimmed
                        return .failure(
                            Message(
                                text: "'\(shown)' is not in the picklist \(name)", code: "notInList",
                                values: ["value": shown]))
                    }
                    if !codes.contains(code) { codes.append(code) }
                }
            }
            return .success(.list(codes))
        }
    }

    /// Days as YYYY-MM-DD in UTC. A format style rather than a DateFormatter: it is a value, safe to share
    /// between threads, and parses some fifty times faster, which counts on every case written.
    static let isoDay = Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!).year().month().day()

    /// No case record is about anyone born, identified or referred before 1900: such a date is a slip
    /// ("0000-01-01", "1880") and would distort ages and durations.
    static let earliestDay = Date(timeIntervalSince1970: -2_208_988_800)  // 1900-01-01T00:00:00Z

    /// A day as YYYY-MM-DD.
    public static func day(_ date: Date) -> String { isoDay.format(date) }

    /// Accepts ISO days and ISO timestamps (XForms write both); rejects impossible dates such as 2021-02-30.
    public static func parseDate(_ text: String) -> Date? {
        ISODay.midnight(text.trimmed)
    }
}
