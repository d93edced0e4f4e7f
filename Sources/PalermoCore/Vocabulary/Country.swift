import Foundation

/// A country or area: ISO 3166-1 alpha-3 code with its UN M49 region, subregion and intermediate region.
public struct Country: Sendable, Codable, Equatable, Hashable {
    public let alpha3: String
    public let alpha2: String
    public let m49: String
    public let name: String
    public let region: String
    public let subregion: String
    public let intermediateRegion: String
}

/// The country table shipped in `Resources/countries.csv`.
public enum Countries {
    public static let all: [Country] = {
        guard let url = Bundle.module.url(forResource: "countries", withExtension: "csv"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { fatalError("countries.csv is missing from PalermoCore's resources") }
        return text.split(separator: "\n").dropFirst().map { line in
            let f = splitSimpleCSV(String(line))
            return Country(
                alpha3: f[0], alpha2: f[1], m49: f[2], name: f[3], region: f[4], subregion: f[5],
                intermediateRegion: f.count > 6 ? f[6] : "")
        }
    }()

    private static let byAlpha3 = Dictionary(uniqueKeysWithValues: all.map { ($0.alpha3, $0) })
    private static let byAlpha2 = Dictionary(uniqueKeysWithValues: all.map { ($0.alpha2, $0) })

    /// Looks a country up by alpha-3 (or, for forms that use it, alpha-2) code, ignoring case.
    public static func find(_ code: String) -> Country? {
        let key = code.trimmingCharacters(in: .whitespaces).uppercased()
        return byAlpha3[key] ?? (key.count == 2 ? byAlpha2[key] : nil)
    }

    /// The table is ours and has quoted names with commas, nothing more exotic.
    private static func splitSimpleCSV(_ line: String) -> [String] {
        var fields: [String] = [], current = "", quoted = false
        for ch in line {
            if ch == "\"" {
                quoted.toggle()
            } else if ch == "," && !quoted {
                fields.append(current); current = ""
            } else {
                current.append(ch)
            }
        }
        fields.append(current)
        return fields
    }
}
