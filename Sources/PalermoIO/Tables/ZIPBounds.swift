import Foundation

/// Checks, before ZIPFoundation opens an archive held in memory, that every record the archive points at lies
/// inside it: ZIPFoundation's in-memory reader traps when a forged central directory points past the end (found
/// by fuzzing). Only the structure is read here; inflating stays with ZIPFoundation.
enum ZIPBounds {
    static func check(_ data: Data) throws {
        let bytes = [UInt8](data)
        let broken = TableReadError("not an XLSX file (the ZIP container is unreadable or truncated)")
        func u16(_ at: Int) -> Int? { at >= 0 && at + 2 <= bytes.count ? Int(bytes[at]) | Int(bytes[at + 1]) << 8 : nil }
        func u32(_ at: Int) -> Int? {
            guard let low = u16(at), let high = u16(at + 2) else { return nil }
            return low | high << 16
        }
        // The end-of-central-directory record: within the last 22 + 65,535 bytes (its comment is at most that long).
        let earliest = max(0, bytes.count - 22 - 65_535)
        var end: Int?
        var at = bytes.count - 22
        while at >= earliest {
            if u32(at) == 0x0605_4b50 { end = at; break }
            at -= 1
        }
        guard let end, let entries = u16(end + 10), let size = u32(end + 12), let start = u32(end + 16),
              start + size <= end else { throw broken }
        var record = start
        for _ in 0..<entries {
            guard u32(record) == 0x0201_4b50, let compressed = u32(record + 20), let nameLength = u16(record + 28),
                  let extraLength = u16(record + 30), let commentLength = u16(record + 32), let local = u32(record + 42),
                  u32(local) == 0x0403_4b50, let localName = u16(local + 26), let localExtra = u16(local + 28),
                  local + 30 + localName + localExtra + compressed <= start
            else { throw broken }
            record += 46 + nameLength + extraLength + commentLength
            guard record <= start + size else { throw broken }
        }
    }
}
