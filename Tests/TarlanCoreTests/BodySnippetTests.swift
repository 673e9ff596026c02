import Foundation
import XCTest

@testable import TarlanCore
import TarlanTestSupport

final class BodySnippetTests: XCTestCase {
    private func snippet(_ text: String) -> String { BodySnippet.of(Data(text.utf8)) }

    func testShortBodiesAreKeptWhole() {
        XCTAssertEqual(BodySnippet.of(Data()), "")
        XCTAssertEqual(snippet(#"{"status":false}"#), #"{"status":false}"#)
        XCTAssertEqual(snippet("Успешно обработано"), "Успешно обработано")
    }

    func testControlCharactersBecomeSpaces() {
        XCTAssertEqual(snippet("<html>\r\n\t<body>\u{0}x</body>\n</html>"), "<html>   <body> x</body> </html>")
    }

    func testExactlyTheLimitHasNoEllipsis() {
        let text = String(repeating: "a", count: BodySnippet.limit)
        XCTAssertEqual(snippet(text), text)
    }

    func testOneOverTheLimitIsCut() {
        let text = String(repeating: "a", count: BodySnippet.limit) + "b"
        XCTAssertEqual(snippet(text), String(repeating: "a", count: BodySnippet.limit) + "…")
    }

    func testLimitCountsCharactersNotBytes() {
        // Two-byte letters: 200 of them (400 bytes) fit; 201 do not.
        let fits = String(repeating: "ж", count: BodySnippet.limit)
        XCTAssertEqual(snippet(fits), fits)
        let over = String(repeating: "ж", count: BodySnippet.limit + 1)
        XCTAssertEqual(snippet(over), fits + "…")
        // Four-byte characters: exactly limit * 4 bytes still fit…
        let emoji = String(repeating: "😀", count: BodySnippet.limit)
        XCTAssertEqual(snippet(emoji), emoji)
        // …one more is cut.
        XCTAssertEqual(snippet(emoji + "😀"), emoji + "…")
    }

    func testHugeBodiesAreCut() {
        let result = snippet(String(repeating: "0123456789", count: 100_000))
        XCTAssertEqual(result.count, BodySnippet.limit + 1)
        XCTAssertTrue(result.hasPrefix("0123456789"))
        XCTAssertTrue(result.hasSuffix("…"))
    }

    func testInvalidUTF8DoesNotTrap() {
        let bytes: [UInt8] = [0x7B, 0xFF, 0xFE, 0xC3, 0x28, 0x7D]
        let result = BodySnippet.of(Data(bytes))
        XCTAssertTrue(result.hasPrefix("{"))
        XCTAssertTrue(result.hasSuffix("}"))
        XCTAssertTrue(result.contains("\u{FFFD}"))
    }

    func testMultibyteCharacterCutAtTheByteWindow() {
        // The byte window (limit * 4) ends in the middle of "é"; the result is still cut at `limit` characters.
        let text = String(repeating: "a", count: BodySnippet.limit * 4 - 1) + "é"
        XCTAssertEqual(snippet(text), String(repeating: "a", count: BodySnippet.limit) + "…")
    }
}
