import CZlib
import Foundation

/// Checks, before ZIPFoundation opens an archive held in memory, what fuzzing found it does not: that every
/// record the archive points at lies inside it (its in-memory reader traps on a central directory that points
/// past the end, or on a stored part whose sizes disagree), and that every deflated part ends within its
/// compressed bytes (its inflate loop never ends on a truncated stream). The parts are inflated here into a
/// scratch buffer, output discarded, so a part that inflates past `maxInflated` is refused too, without
/// holding any of it in memory.
enum ZIPBounds {
    static func check(_ data: Data, maxInflated: (Int) -> Int) throws {
        let bytes = [UInt8](data)
        let broken = TableReadError("not an XLSX file (the ZIP container is unreadable or truncated)")
        func u16(_ at: Int) -> Int? {
            at >= 0 && at + 2 <= bytes.count ? Int(bytes[at]) | Int(bytes[at + 1]) << 8 : nil
        }
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
            start + size <= end
        else { throw broken }
        var record = start
        for _ in 0..<entries {
            guard u32(record) == 0x0201_4b50, let compressed = u32(record + 20), let nameLength = u16(record + 28),
                let extraLength = u16(record + 30), let commentLength = u16(record + 32), let local = u32(record + 42),
                u32(local) == 0x0403_4b50, let localName = u16(local + 26), let localExtra = u16(local + 28),
                local + 30 + localName + localExtra + compressed <= start, let method = u16(record + 10),
                let uncompressed = u32(record + 24), let flags = u16(record + 8),
                // A stored part is copied by its uncompressed size: it must be its compressed size, or the
                // reader runs past the end (found by fuzzing). A data descriptor after the part must fit too.
                method != 0 || uncompressed == compressed,
                flags & 0x8 == 0 || local + 30 + localName + localExtra + compressed + 16 <= start
            else { throw broken }
            if method == 8 {
                let begin = local + 30 + localName + localExtra
                try bytes.withUnsafeBufferPointer { buffer in
                    guard let base = buffer.baseAddress else { throw broken }
                    try inflatesCompletely(
                        UnsafeBufferPointer(start: base + begin, count: compressed),
                        limit: maxInflated(compressed), broken: broken)
                }
            }
            record += 46 + nameLength + extraLength + commentLength
            guard record <= start + size else { throw broken }
        }
    }

    /// Runs raw inflate over `input`, discarding the output; throws unless the stream ends within `input` and
    /// within `limit` bytes of output.
    private static func inflatesCompletely(
        _ input: UnsafeBufferPointer<UInt8>, limit: Int, broken: TableReadError
    ) throws {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw broken
        }
        defer { inflateEnd(&stream) }
        var scratch = [UInt8](repeating: 0, count: 64 * 1024)
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
        stream.avail_in = UInt32(clamping: input.count)
        var produced = 0
        while true {
            let result: Int32 = scratch.withUnsafeMutableBufferPointer { out in
                stream.next_out = out.baseAddress
                stream.avail_out = UInt32(out.count)
                return inflate(&stream, Z_NO_FLUSH)
            }
            produced += scratch.count - Int(stream.avail_out)
            if produced > limit {
                throw TableReadError(
                    "a part of the file inflates past \(limit / (1024 * 1024)) MB: the file is refused")
            }
            if result == Z_STREAM_END { return }
            // No progress possible: the input ran out before the stream ended, or the data is not deflate.
            guard result == Z_OK, stream.avail_in > 0 || stream.avail_out == 0 else { throw broken }
        }
    }
}
