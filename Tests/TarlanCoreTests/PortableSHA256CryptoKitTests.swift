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
                PortableSHA256.hash(message), Array(CryptoKit.SHA256.hash(data: message)), "length \(length)")
        }
    }
}
#endif
