import Foundation

/// A pseudonymous, human-friendly case reference such as `KEN-24-7QX3M9`: country of the organisation,
/// year, and random characters from an alphabet without look-alikes. It says nothing about the person.
public enum CaseCode {
    private static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")

    public static func make(country: String, year: Int, using generator: inout some RandomNumberGenerator) -> String {
        let suffix = String((0..<6).map { _ in alphabet.randomElement(using: &generator)! })
        return "\(country.uppercased())-\(String(format: "%02d", year % 100))-\(suffix)"
    }

    public static func make(country: String, year: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return make(country: country, year: year, using: &generator)
    }
}
