/// A list-overlap table: for each capture history (which lists a person appears on) the number of
/// distinct people with exactly that history. The all-zero history is the unknown "dark figure".
public struct CaptureTable: Sendable, Equatable {
    public let lists: [String]
    /// Capture histories as bit masks: bit i set = on list i.
    public let histories: [UInt32]
    public let counts: [Int]

    public init(lists: [String], histories: [UInt32], counts: [Int]) {
        self.lists = lists
        self.histories = histories
        self.counts = counts
    }

    public var observed: Int { counts.reduce(0, +) }

    /// Number of people on both lists i and j, whatever their other lists.
    public func overlap(_ i: Int, _ j: Int) -> Int {
        let mask = UInt32(1) << i | UInt32(1) << j
        return zip(histories, counts).reduce(0) { $0 + ($1.0 & mask == mask ? $1.1 : 0) }
    }

    public func total(onList i: Int) -> Int {
        zip(histories, counts).reduce(0) { $0 + ($1.0 & (1 << i) != 0 ? $1.1 : 0) }
    }

    /// The same histories with other counts (bootstrap and jackknife samples).
    public func with(counts: [Int]) -> CaptureTable { CaptureTable(lists: lists, histories: histories, counts: counts) }

    /// Whether lists i and j hold exactly the same people.
    func sameCases(_ i: Int, _ j: Int) -> Bool {
        for (history, count) in zip(histories, counts) where count > 0 {
            if (history >> UInt32(i)) & 1 != (history >> UInt32(j)) & 1 { return false }
        }
        return true
    }

    /// Drops lists that carry no information: empty lists, lists that hold every observed case, and
    /// lists identical to an earlier one. Returns the reduced table and a note for each list dropped.
    public func removingNonInformativeLists() -> (table: CaptureTable, notes: [String]) {
        var keep: [Int] = []
        var notes: [String] = []
        let total = observed
        for i in lists.indices {
            let onList = self.total(onList: i)
            if onList == 0 { notes.append("list \(lists[i]) is empty and was left out"); continue }
            if onList == total { notes.append("list \(lists[i]) holds every observed case and was left out"); continue }
            if let twin = keep.first(where: { sameCases(i, $0) }) {
                notes.append("list \(lists[i]) duplicates list \(lists[twin]) and was left out")
                continue
            }
            keep.append(i)
        }
        guard keep.count < lists.count else { return (self, []) }
        var merged: [UInt32: Int] = [:]
        var order: [UInt32] = []
        for (history, count) in zip(histories, counts) {
            var reduced: UInt32 = 0
            for (newIndex, oldIndex) in keep.enumerated() where history & (1 << oldIndex) != 0 {
                reduced |= 1 << newIndex
            }
            guard reduced != 0 else { continue }
            if merged[reduced] == nil { order.append(reduced) }
            merged[reduced, default: 0] += count
        }
        return (
            CaptureTable(lists: keep.map { lists[$0] }, histories: order, counts: order.map { merged[$0, default: 0] }),
            notes
        )
    }
}
