/// What every case of an organisation must record before it is saved. Without these a case cannot be
/// counted (UNODC disaggregates by sex, age and citizenship, and by the year of identification), so an
/// empty form is not a case. An organisation may ask for less or more; the standard core is the default.
public struct CaseCore: Sendable, Equatable, Codable {
    public enum Item: String, Sendable, Codable, CaseIterable {
        case gender
        /// A birth date or, when it is not known, an age group.
        case age
        case citizenship
        case identificationDate
    }

    public var items: [Item]

    public static let standard = CaseCore(items: Item.allCases)

    public init(items: [Item]) { self.items = Item.allCases.filter(items.contains) }

    /// The organisation's stored setting: nil means the standard core, "" none, else items by name.
    public init(stored: String?) {
        guard let stored else {
            self = .standard
            return
        }
        self.init(items: stored.split(separator: ",").compactMap { Item(rawValue: String($0)) })
    }

    public var stored: String { items.map(\.rawValue).joined(separator: ",") }
}
