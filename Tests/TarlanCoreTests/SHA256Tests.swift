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

    func testPortableMatchesNISTVectors() {
        for (message, digest) in vectors {
            XCTAssertEqual(TarlanSHA256.hex(PortableSHA256.hash(message)), digest, "length \(message.count)")
        }
    }

    func testPublicHashMatchesNISTVectors() {
        for (message, digest) in vectors {
            XCTAssertEqual(TarlanSHA256.hex(TarlanSHA256.hash(message)), digest, "length \(message.count)")
        }
    }

    /// Every padding boundary (55/56/63/64/119/120 … bytes), fed one byte at a time and at once.
    func testStreamingEqualsOneShotForLengthsUpTo200() {
        var combined = PortableSHA256()
        for length in 0...200 {
            let message = (0..<length).map { UInt8(($0 * 7 + length) % 256) }
            var streaming = PortableSHA256()
            for byte in message { streaming.update([byte]) }
            let digest = streaming.finalize()
            XCTAssertEqual(digest, PortableSHA256.hash(message), "length \(length)")
            combined.update(digest)
        }
        // SHA-256 over all 201 digests, computed independently (Python hashlib).
        XCTAssertEqual(
            TarlanSHA256.hex(combined.finalize()), "e673d33f6940a6d3856d0d305fd88363ae0ba3b96e2411d8ddd5e0dd443f4525")
    }

    func testUnevenChunksEqualOneShot() {
        let message = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var hasher = PortableSHA256()
        var start = 0
        for size in [1, 63, 64, 65, 0, 127, 200, 3] + Array(repeating: 100, count: 10) where start < message.count {
            let end = min(start + size, message.count)
            hasher.update(Array(message[start..<end]))
            start = end
        }
        hasher.update(Array(message[start...]))
        XCTAssertEqual(hasher.finalize(), PortableSHA256.hash(message))
    }

    func testHexIsLowercase() {
        XCTAssertEqual(TarlanSHA256.hex([0x00, 0x0F, 0xA0, 0xFF]), "000fa0ff")
        XCTAssertEqual(TarlanSHA256.hex([]), "")
    }
}
