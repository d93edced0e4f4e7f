/// Records of categorical attributes, as a disclosure method reads them: each value coded as a small number
/// per attribute, the records one after another. An empty value is a value like any other ("").
public struct Microdata: Sendable, Equatable {
    public enum Problem: Error, Equatable {
        case noAttribute
        case tooManyAttributes(Int)
        case duplicateAttribute(String)
        case wrongWidth(record: Int, expected: Int, got: Int)
        case tooManyValues(attribute: String)
    }

    /// At most 15 attributes, each with at most 65,535 values: a combination of three packs into 64 bits.
    public static let largestAttributes = 15
    public static let largestValues = 65_535

    public let attributes: [String]
    /// The values of each attribute, in the order they were first seen; a code is an index into these.
    public let values: [[String]]
    /// Row-major codes: record `r`, attribute `a` at `r * attributes.count + a`.
    public let codes: [UInt16]

    public var count: Int { attributes.isEmpty ? 0 : codes.count / attributes.count }
    public var width: Int { attributes.count }

    public init(attributes: [String], records: [[String]]) throws(Problem) {
        var builder = try Builder(attributes: attributes)
        for (r, record) in records.enumerated() { try builder.append(record, number: r) }
        self = builder.microdata
    }

    static func check(_ attributes: [String]) throws(Problem) {
        guard !attributes.isEmpty else { throw .noAttribute }
        guard attributes.count <= Self.largestAttributes else { throw .tooManyAttributes(attributes.count) }
        var names = Set<String>()
        for name in attributes where !names.insert(name).inserted { throw .duplicateAttribute(name) }
    }

    /// Builds microdata a record at a time, keeping only the codes: a large file is read without holding its
    /// text.
    public struct Builder {
        let attributes: [String]
        var values: [[String]]
        var index: [[String: UInt16]]
        var codes: [UInt16] = []

        public init(attributes: [String]) throws(Problem) {
            try Microdata.check(attributes)
            self.attributes = attributes
            values = [[String]](repeating: [], count: attributes.count)
            index = [[String: UInt16]](repeating: [:], count: attributes.count)
        }

        public var count: Int { codes.count / attributes.count }

        /// Adds a record; `number` names it in a problem (a file's line).
        public mutating func append(_ record: [String], number: Int) throws(Problem) {
            guard record.count == attributes.count else {
                throw .wrongWidth(record: number, expected: attributes.count, got: record.count)
            }
            for (a, value) in record.enumerated() {
                if let code = index[a][value] {
                    codes.append(code)
                } else {
                    guard values[a].count < Microdata.largestValues else {
                        throw .tooManyValues(attribute: attributes[a])
                    }
                    let code = UInt16(values[a].count)
                    index[a][value] = code
                    values[a].append(value)
                    codes.append(code)
                }
            }
        }

        public var microdata: Microdata { Microdata(attributes: attributes, values: values, codes: codes) }
    }

    init(attributes: [String], values: [[String]], codes: [UInt16]) {
        self.attributes = attributes
        self.values = values
        self.codes = codes
    }

    public func value(_ record: Int, _ attribute: Int) -> String {
        values[attribute][Int(codes[record * width + attribute])]
    }

    public func code(_ record: Int, _ attribute: Int) -> UInt16 { codes[record * width + attribute] }

    public func record(_ r: Int) -> [String] { (0..<width).map { value(r, $0) } }

    public var records: [[String]] { (0..<count).map(record) }

    /// The index of each named attribute, or the first name that is not one.
    public func indices(of names: [String]) -> Result<[Int], UnknownAttribute> {
        var result: [Int] = []
        for name in names {
            guard let i = attributes.firstIndex(of: name) else { return .failure(UnknownAttribute(name: name)) }
            result.append(i)
        }
        return .success(result)
    }

    public struct UnknownAttribute: Error, Equatable { public let name: String }

    /// Records grouped by their values on some attributes: the equivalence classes, as record numbers.
    public func classes(on attributes: [Int]) -> [[Int]] {
        var groups: [[UInt16]: [Int]] = [:]
        var key = [UInt16](repeating: 0, count: attributes.count)
        for r in 0..<count {
            for (i, a) in attributes.enumerated() { key[i] = codes[r * width + a] }
            groups[key, default: []].append(r)
        }
        return Array(groups.values)
    }
}
