// Kept apart from SHA256Tests: a file importing CryptoKit cannot name `SHA256` unqualified.
#if canImport(CryptoKit)
import CryptoKit
import XCTest

@testable import TarlanCore
import TarlanTestSupport

final class PortableSHA256CryptoKitTests: XCTestCase {
    func testPortableMatchesCryptoKit() {
        for length in 0...300 {
            let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ length) }
            XCTAssertEqual(
                SHA256Hasher.hash(message, engine: .portable), Array(CryptoKit.SHA256.hash(data: message)),
                "length \(length)")
        }
    }

    /// An Intel Mac with SHA extensions runs the C target too, though `TarlanSHA256.hash` uses CryptoKit.
    func testHardwareMatchesCryptoKit() throws {
        try XCTSkipUnless(SHA256Engine.hardwareAvailable, "this CPU has no SHA-256 instructions")
        for length in 0...300 {
            let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ length) }
            XCTAssertEqual(
                SHA256Hasher.hash(message, engine: .hardware), Array(CryptoKit.SHA256.hash(data: message)),
                "length \(length)")
        }
    }
}
#endif
