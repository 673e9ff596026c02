import Foundation
import XCTest

@testable import TarlanCore
import TarlanTestSupport

final class SHA256Tests: XCTestCase {
    /// FIPS 180-4 examples / NIST CAVP short and long messages.
    private let vectors: [(message: [UInt8], digest: String)] = [
        ([], "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (Array("abc".utf8), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (
            Array(("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
                + "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu").utf8),
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        ),
        (
            [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        ),
    ]

    /// The engines this CPU can run: always `.portable`, `.hardware` where the CPU has SHA instructions.
    private var engines: [SHA256Engine] {
        SHA256Engine.hardwareAvailable ? [.portable, .hardware] : [.portable]
    }

    private func requireHardware() throws {
        try XCTSkipUnless(SHA256Engine.hardwareAvailable, "this CPU has no SHA-256 instructions")
    }

    func testPortableMatchesNISTVectors() {
        for (message, digest) in vectors {
            XCTAssertEqual(TarlanSHA256.hex(SHA256Hasher.hash(message, engine: .portable)), digest, "length \(message.count)")
            XCTAssertEqual(TarlanSHA256.hex(TarlanSHA256.portableHash(message)), digest, "length \(message.count)")
        }
    }

    func testHardwareMatchesNISTVectors() throws {
        try requireHardware()
        for (message, digest) in vectors {
            XCTAssertEqual(TarlanSHA256.hex(SHA256Hasher.hash(message, engine: .hardware)), digest, "length \(message.count)")
        }
    }

    func testPublicHashMatchesNISTVectors() {
        for (message, digest) in vectors {
            XCTAssertEqual(TarlanSHA256.hex(TarlanSHA256.hash(message)), digest, "length \(message.count)")
        }
    }

    /// Every length from 0 to 300 bytes (every padding case, one to six blocks), the hardware
    /// engine against the portable one, then a digest over all of them against Python's hashlib.
    func testHardwareEqualsPortableForEveryLengthUpTo300() throws {
        try requireHardware()
        var combined = SHA256Hasher(engine: .hardware)
        for length in 0...300 {
            let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ length) }
            let digest = SHA256Hasher.hash(message, engine: .hardware)
            XCTAssertEqual(digest, SHA256Hasher.hash(message, engine: .portable), "length \(length)")
            combined.update(digest)
        }
        // SHA-256 over the 301 digests, computed independently (Python hashlib).
        XCTAssertEqual(
            TarlanSHA256.hex(combined.finalize()), "17bf44857a14f7ebcd2ccc695094c20957f578221dc8a96d6355ffa276df28c0")
    }

    /// 1 MiB in one call: 16 384 blocks through one call of the compression function.
    func testHardwareEqualsPortableForOneMebibyte() throws {
        try requireHardware()
        let message = (0..<1_048_576).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 11) }
        let digest = SHA256Hasher.hash(message, engine: .hardware)
        XCTAssertEqual(digest, SHA256Hasher.hash(message, engine: .portable))
        // Python hashlib over the same bytes.
        XCTAssertEqual(TarlanSHA256.hex(digest), "fe4abab428e3f5a9c88e3682c2c21c1857b089d71f09086585e4cdf2ec5b625b")
    }

    /// Chunks that end just before, at and after block and padding boundaries (55, 56, 63, 64, 65
    /// bytes and their combinations): the partial-block buffer fills, empties and overflows.
    func testChunksAcrossBlockBoundariesEqualOneShot() {
        let message = (0..<2_000).map { UInt8(truncatingIfNeeded: $0 &* 29 &+ 3) }
        let boundaries = [55, 56, 63, 64, 65]
        for engine in engines {
            for first in boundaries {
                for second in boundaries + [1, 9, 128, 129] {
                    var hasher = SHA256Hasher(engine: engine)
                    var start = 0
                    var sizes = [first, second]
                    while start < message.count {
                        let size = sizes.removeFirst()
                        sizes.append(size)
                        let end = min(start + size, message.count)
                        hasher.update(Array(message[start..<end]))
                        start = end
                    }
                    XCTAssertEqual(
                        hasher.finalize(), SHA256Hasher.hash(message, engine: .portable),
                        "\(engine.name), chunks of \(first) and \(second)")
                }
                // A message of exactly that length, and one block more.
                for length in [first, first + 64] {
                    let prefix = Array(message.prefix(length))
                    XCTAssertEqual(
                        SHA256Hasher.hash(prefix, engine: engine), SHA256Hasher.hash(prefix, engine: .portable),
                        "\(engine.name), length \(length)")
                }
            }
        }
    }

    /// Whole blocks are read straight from the caller's memory, at any alignment.
    func testUnalignedInputEqualsAligned() {
        let storage = (0..<(4_096 + 16)).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        for engine in engines {
            for offset in [1, 3, 4, 7, 8, 15] {
                let message = Array(storage[offset..<(offset + 4_096)])
                var hasher = SHA256Hasher(engine: engine)
                storage.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[offset..<(offset + 4_096)])) }
                XCTAssertEqual(hasher.finalize(), SHA256Hasher.hash(message, engine: .portable), "\(engine.name), offset \(offset)")
            }
        }
    }

    /// Every padding boundary (55/56/63/64/119/120 … bytes), fed one byte at a time and at once.
    func testStreamingEqualsOneShotForLengthsUpTo200() {
        for engine in engines {
            var combined = SHA256Hasher(engine: engine)
            for length in 0...200 {
                let message = (0..<length).map { UInt8(($0 * 7 + length) % 256) }
                var streaming = SHA256Hasher(engine: engine)
                for byte in message { streaming.update([byte]) }
                let digest = streaming.finalize()
                XCTAssertEqual(digest, SHA256Hasher.hash(message, engine: engine), "\(engine.name), length \(length)")
                combined.update(digest)
            }
            // SHA-256 over all 201 digests, computed independently (Python hashlib).
            XCTAssertEqual(
                TarlanSHA256.hex(combined.finalize()), "e673d33f6940a6d3856d0d305fd88363ae0ba3b96e2411d8ddd5e0dd443f4525",
                engine.name)
        }
    }

    func testUnevenChunksEqualOneShot() {
        let message = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        for engine in engines {
            var hasher = SHA256Hasher(engine: engine)
            var start = 0
            for size in [1, 63, 64, 65, 0, 127, 200, 3] + Array(repeating: 100, count: 10) where start < message.count {
                let end = min(start + size, message.count)
                hasher.update(Array(message[start..<end]))
                start = end
            }
            hasher.update(Array(message[start...]))
            XCTAssertEqual(hasher.finalize(), SHA256Hasher.hash(message, engine: .portable), engine.name)
        }
    }

    /// Without SHA instructions the choice falls back to plain Swift, which still hashes right.
    func testForcedPortableEngine() {
        let engine = SHA256Engine.select(hardwareAvailable: false)
        XCTAssertEqual(engine, .portable)
        XCTAssertEqual(engine.name, "portable")
        XCTAssertEqual(SHA256Engine.select(hardwareAvailable: true), .hardware)
        for (message, digest) in vectors.prefix(4) {
            var hasher = SHA256Hasher(engine: engine)
            hasher.update(message)
            XCTAssertEqual(TarlanSHA256.hex(hasher.finalize()), digest, "length \(message.count)")
        }
    }

    /// `hash` runs what `implementation` names: CryptoKit on Apple platforms, else the fastest engine.
    func testImplementationNamesTheEngineInUse() {
        #if canImport(CryptoKit)
        XCTAssertEqual(TarlanSHA256.implementation, "CryptoKit")
        #else
        XCTAssertEqual(TarlanSHA256.implementation, SHA256Engine.fastest.name)
        XCTAssertEqual(SHA256Engine.fastest, SHA256Engine.hardwareAvailable ? .hardware : .portable)
        #endif
        #if arch(x86_64)
        XCTAssertEqual(SHA256Engine.hardware.name, "SHA-NI")
        #endif
    }

    /// The C target's CPUID / auxiliary-vector detection agrees with the flags the Linux kernel lists.
    func testDetectionAgreesWithProcCPUInfo() throws {
        #if os(Linux) && (arch(x86_64) || arch(arm64))
        guard let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
            let line = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") || $0.hasPrefix("Features") })
        else { throw XCTSkip("no /proc/cpuinfo flags") }
        let flags = Set(line.split(separator: ":").last!.split(separator: " ").map(String.init))
        #if arch(x86_64)
        let expected = flags.isSuperset(of: ["sha_ni", "ssse3", "sse4_1"])
        #else
        let expected = flags.contains("sha2")
        #endif
        XCTAssertEqual(SHA256Engine.hardwareAvailable, expected, "cpuinfo flags: \(flags.sorted())")
        #else
        throw XCTSkip("Linux on x86_64 or AArch64 only")
        #endif
    }

    func testHexIsLowercase() {
        XCTAssertEqual(TarlanSHA256.hex([0x00, 0x0F, 0xA0, 0xFF]), "000fa0ff")
        XCTAssertEqual(TarlanSHA256.hex([]), "")
    }
}
