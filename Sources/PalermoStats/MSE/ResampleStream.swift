import Crypto
import Foundation

/// The random stream of one bootstrap resample: xoshiro256** (Blackman and Vigna 2018), its 256-bit state
/// taken from SHA-256 of the seed and the resample's number.
///
/// Why a hash: streams started at nearby states of one additive generator are the same stream shifted (with
/// SplitMix64 started at seed·γ + i, seed s + 1 replayed seed s one draw later), so neighbouring seeds gave
/// nearly the same replicates. Through a cryptographic hash, every (seed, resample) pair starts at an
/// unrelated point of a generator whose period (2²⁵⁶ − 1) leaves no room for two streams to meet, and the
/// result still does not depend on how many threads share the work.
struct ResampleStream: RandomNumberGenerator {
    private var s0, s1, s2, s3: UInt64

    init(seed: UInt64, resample: Int) {
        var material = Data("palermo mse bootstrap".utf8)
        withUnsafeBytes(of: seed.bigEndian) { material.append(contentsOf: $0) }
        withUnsafeBytes(of: UInt64(truncatingIfNeeded: resample).bigEndian) { material.append(contentsOf: $0) }
        let words = SHA256.hash(data: material).withUnsafeBytes { digest in
            (0..<4).map { UInt64(bigEndian: digest.loadUnaligned(fromByteOffset: 8 * $0, as: UInt64.self)) }
        }
        (s0, s1, s2, s3) = (words[0], words[1], words[2], words[3])
        // An all-zero state would stay zero; SHA-256 gives it with probability 2⁻²⁵⁶, but the guard is free.
        if s0 | s1 | s2 | s3 == 0 { s0 = 0x9E37_79B9_7F4A_7C15 }
    }

    mutating func next() -> UInt64 {
        let result = rotate(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotate(s3, 45)
        return result
    }

    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
