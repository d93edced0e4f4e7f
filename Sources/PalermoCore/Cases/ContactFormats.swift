import Foundation

/// Email addresses and telephone numbers a caseworker can actually use to reach someone. The checks are
/// deliberately plain: one "@" with a dotted domain; a phone in international form (+, 7 to 15 digits,
/// ITU-T E.164), spaces, dashes, dots and brackets allowed between the digits and kept as typed.
enum ContactFormats {
    static func check(_ text: String, _ format: HTCDSField.TextFormat?) -> Result<String, CaseValidator.Message> {
        switch format {
        case nil: return .success(text)
        case .email:
            return isEmail(text)
                ? .success(text)
                : .failure(
                    .init(text: "'\(text)' is not an email address", code: "notAnEmail", values: ["value": text]))
        case .phone:
            // A CSV export guards "+254…" against spreadsheet formulas with an apostrophe; read back, it goes.
            let number = text.hasPrefix("'+") ? String(text.dropFirst()) : text
            return isPhone(number)
                ? .success(number)
                : .failure(
                    .init(
                        text: "'\(text)' is not a phone number in international form (+254 712 345678)",
                        code: "notAPhone", values: ["value": text]))
        }
    }

    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !text.contains(where: \.isWhitespace) else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }
            && parts[1].allSatisfy { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }
    }

    static func isPhone(_ text: String) -> Bool {
        guard text.first == "+" else { return false }
        let rest = text.dropFirst()
        guard rest.allSatisfy({ $0.isASCII && ($0.isNumber || " -.()".contains($0)) }) else { return false }
        let digits = rest.filter(\.isNumber).count
        return (7...15).contains(digits) && rest.first?.isNumber == true
    }
}
