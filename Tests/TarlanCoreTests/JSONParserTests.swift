import XCTest

@testable import TarlanCore
import TarlanTestSupport

final class JSONParserTests: XCTestCase {
    private func parse(_ text: String, options: JSONParser.Options = .init()) throws -> JSONValue {
        try JSONParser.parse(Array(text.utf8), options: options)
    }

    /// Asserts that `bytes` is rejected, with a message containing `message` when given.
    private func assertRejects(
        _ bytes: [UInt8], _ message: String? = nil, options: JSONParser.Options = .init(),
        file: StaticString = #filePath, line: UInt = #line
    ) {
        do {
            let value = try JSONParser.parse(bytes, options: options)
            XCTFail("accepted \(String(decoding: bytes, as: UTF8.self).debugDescription) as \(value)", file: file, line: line)
        } catch {
            if let message {
                XCTAssertTrue(error.message.contains(message), "\"\(error.message)\" lacks \"\(message)\"", file: file, line: line)
            }
        }
    }

    private func assertRejects(
        _ text: String, _ message: String? = nil, options: JSONParser.Options = .init(),
        file: StaticString = #filePath, line: UInt = #line
    ) {
        assertRejects(Array(text.utf8), message, options: options, file: file, line: line)
    }

    // MARK: Valid documents

    func testScalars() throws {
        XCTAssertEqual(try parse("null"), .null)
        XCTAssertEqual(try parse("true"), .bool(true))
        XCTAssertEqual(try parse("false"), .bool(false))
        XCTAssertEqual(try parse(#""hi""#), .string("hi"))
        XCTAssertEqual(try parse(" \t\r\n 42 \n"), .number(42))
    }

    func testBooleansAreNotNumbers() throws {
        XCTAssertEqual(try parse("[true, 1, false, 0]"), [.bool(true), .number(1), .bool(false), .number(0)])
    }

    func testContainers() throws {
        XCTAssertEqual(try parse("{}"), .object([:]))
        XCTAssertEqual(try parse("[]"), .array([]))
        XCTAssertEqual(try parse("[ ]"), .array([]))
        XCTAssertEqual(
            try parse(#"{"a": [1, {"b": null}], "c": {"d": "e"}, "": 0}"#),
            ["a": [1, ["b": nil]], "c": ["d": "e"], "": 0])
    }

    func testNumbers() throws {
        let cases: [(String, Double)] = [
            ("0", 0), ("-1", -1), ("1.5", 1.5), ("-0.25", -0.25), ("1e3", 1000), ("1E3", 1000), ("1e+3", 1000),
            ("25e-1", 2.5), ("0.1", 0.1), ("123456789012345", 123_456_789_012_345),
            ("9007199254740993", 9_007_199_254_740_992), ("12345678901234567890", 1.2345678901234567e19),
            ("1.7976931348623157e308", .greatestFiniteMagnitude), ("5e-324", .leastNonzeroMagnitude),
            ("1e-400", 0), ("-999999999999999", -999_999_999_999_999),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(try parse(text).doubleValue, expected, text)
            XCTAssertEqual(try parse(text).numberValue?.text, text, "the text is kept as written")
        }
        XCTAssertEqual(try parse("-0").doubleValue?.sign, .minus)
        XCTAssertEqual(try parse("-0.0").doubleValue?.sign, .minus)
    }

    func testStringEscapes() throws {
        XCTAssertEqual(
            try parse(#""\" \\ \/ \b \f \n \r \t""#), .string("\" \\ / \u{8} \u{C} \n \r \t"))
        XCTAssertEqual(try parse(#""\u0041\u00e9\u4E2D\u0000""#), .string("Aé中\u{0}"))
        XCTAssertEqual(try parse(#""\ud83d\ude00 x""#), .string("😀 x"), "surrogate pair")
        XCTAssertEqual(try parse(#""a\nb" "#), .string("a\nb"))
        XCTAssertEqual(try parse("\"Привет, 世界 😀\""), .string("Привет, 世界 😀"), "raw UTF-8")
        XCTAssertEqual(try parse(#"{"k\u0065y": 1}"#), ["key": 1], "escaped keys")
        XCTAssertEqual(try parse("\"\u{7F}\""), .string("\u{7F}"), "DEL is not a control character in JSON")
    }

    func testAcceptsAnyCollectionOfBytes() throws {
        let text = #"{"a":[1,true]}"#
        let expected: JSONValue = ["a": [1, true]]
        XCTAssertEqual(try JSONParser.parse(Data(text.utf8)), expected)
        XCTAssertEqual(try JSONParser.parse(text.utf8), expected)
        XCTAssertEqual(try JSONParser.parse(Array(text.utf8)[...]), expected)
        XCTAssertEqual(try JSONParser.parse(text.utf8.lazy.map { $0 }), expected, "non-contiguous collection")
    }

    func testDuplicateKeys() throws {
        assertRejects(#"{"x": 1, "x": 2}"#, #"duplicate key "x""#)
        XCTAssertEqual(try parse(#"{"x": 1, "x": 2}"#, options: .init(duplicateKeys: .lastWins)), ["x": 2])
    }

    func testDepthLimit() throws {
        let deep = String(repeating: "[", count: 256) + String(repeating: "]", count: 256)
        XCTAssertNoThrow(try parse(deep))
        let tooDeep = String(repeating: "[", count: 257) + String(repeating: "]", count: 257)
        assertRejects(tooDeep, "nesting is deeper than 256 levels")
        assertRejects(String(repeating: #"{"a":"#, count: 3) + "1}}}", "deeper than 2", options: .init(maxDepth: 2))
        // Far beyond the limit, unbalanced: must fail cleanly, not overflow the stack.
        assertRejects(String(repeating: "[", count: 100_000), "nesting")
        assertRejects(String(repeating: #"{"a":"#, count: 100_000), "nesting")
    }

    /// Nesting is tracked on the heap, so even a small thread stack (512 KiB, as secondary
    /// threads get on Apple platforms) parses documents far deeper than the default limit.
    func testDeepNestingNeedsNoThreadStack() {
        final class Outcome: @unchecked Sendable {
            var parsed = false
        }
        let depth = 2_000
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let outcome = Outcome()
        let finished = DispatchSemaphore(value: 0)
        let thread = Thread {
            outcome.parsed = (try? JSONParser.parse(Array(text.utf8), options: .init(maxDepth: depth))) != nil
            finished.signal()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        finished.wait()
        XCTAssertTrue(outcome.parsed)
    }

    // MARK: Invalid documents

    func testRejectsStructuralErrors() {
        assertRejects("", "unexpected end of input")
        assertRejects("   ", "unexpected end of input")
        assertRejects("[1, 2", "unterminated array")
        assertRejects("[1 2]", "expected ',' or ']' after array element")
        assertRejects(#"{"a": 1"#, "unterminated object")
        assertRejects(#"{"a" 1}"#, "expected ':' after member name")
        assertRejects(#"{"a": 1 "b": 2}"#, "expected ',' or '}' after object member")
        assertRejects(#"{a: 1}"#, "expected a member name in double quotes")
        assertRejects(#"{"a": }"#, "expected a value but found '}'")
        assertRejects("[1,]", "trailing comma")
        assertRejects(#"{"a": 1,}"#, "trailing comma")
        assertRejects("[,1]", "expected a value")
        assertRejects("1 2", "after the JSON value")
        assertRejects("{} x", "after the JSON value")
        assertRejects("]", "expected a value")
        assertRejects(#"{"a":1}}"#, "after the JSON value")
        assertRejects("[1] // comment", "after the JSON value")
        assertRejects("/* c */ 1", "comments are not allowed")
        assertRejects("['a']", "double quotes")
        assertRejects("\u{FEFF}{}", "byte order mark")
        assertRejects("\u{A0}1", "byte 0xC2")
        assertRejects("\u{C}1", "control character U+000C")
        assertRejects("[1]\u{0}", "after the JSON value")
    }

    func testRejectsBadLiterals() {
        for text in ["tru", "True", "nul", "NULL", "falsey", "nan", "NaN", "Infinity", "-Infinity", "undefined", "t"] {
            assertRejects(text)
        }
        assertRejects("nul", "expected 'null'")
    }

    func testRejectsBadNumbers() {
        assertRejects("01", "leading zeros")
        assertRejects("-01", "leading zeros")
        assertRejects("00", "leading zeros")
        assertRejects("+1", "must not start with '+'")
        assertRejects(".5", "must start with a digit")
        assertRejects("1.", "after the decimal point")
        assertRejects("1.e5", "after the decimal point")
        assertRejects("-", "after '-'")
        assertRejects("-a", "after '-'")
        assertRejects("1e", "in the exponent")
        assertRejects("1e+", "in the exponent")
        assertRejects("0x10", "after the JSON value")
        assertRejects("1.5.3", "after the JSON value")
        assertRejects("1e400", "number out of range")
        assertRejects("-1e400", "number out of range")
        assertRejects("[" + String(repeating: "9", count: 400) + "]", "number out of range")
    }

    func testRejectsBadStrings() {
        assertRejects(#""abc"#, "unterminated string")
        assertRejects(#""abc\"#, "unterminated string")
        assertRejects(#""\x""#, #"invalid escape '\x'"#)
        assertRejects(#""\'""#, "invalid escape")
        assertRejects(#""\u12""#, "expected 4 hex digits")
        assertRejects(#""\u12G4""#, "expected 4 hex digits")
        assertRejects(#""\ud83d""#, "unpaired surrogate U+D83D")
        assertRejects(#""\ud83d x""#, "unpaired surrogate")
        assertRejects(#""\ud83d\u0041""#, "unpaired surrogate")
        assertRejects(#""\ude00""#, "unpaired surrogate U+DE00")
        assertRejects("\"a\nb\"", "control character U+000A must be escaped")
        assertRejects("\"a\tb\"", "control character U+0009")
        assertRejects([0x22, 0x00, 0x22], "control character U+0000")
    }

    func testRejectsInvalidUTF8() {
        let invalid: [[UInt8]] = [
            [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xC3], [0xE0, 0x80, 0x80], [0xE2, 0x82],
            [0xED, 0xA0, 0x80], [0xF0, 0x80, 0x80, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],
            [0xFF], [0xC3, 0x41],
        ]
        for sequence in invalid {
            assertRejects([0x22] + sequence + [0x22], "invalid UTF-8")
        }
        XCTAssertEqual(try JSONParser.parse([0x22, 0xF4, 0x8F, 0xBF, 0xBF, 0x22]), .string("\u{10FFFF}"))
    }

    // MARK: Positions

    func testErrorPositionAndPointer() {
        let text = "{\n  \"result\": {\n    \"a\": 1\n    \"b\": 2\n  }\n}"
        XCTAssertThrowsError(try parse(text)) { error in
            let error = error as! JSONParseError
            XCTAssertEqual(error.line, 4)
            XCTAssertEqual(error.column, 5)
            XCTAssertEqual(error.offset, 31)
            XCTAssertEqual(error.pointer, "/result")
            XCTAssertEqual(
                error.description, "line 4, column 5: expected ',' or '}' after object member (at /result)")
        }
        XCTAssertThrowsError(try parse("[1, 2,\n  [true, nope]]")) { error in
            let error = error as! JSONParseError
            XCTAssertEqual(error.pointer, "/2/1")
            XCTAssertEqual(error.description, "line 2, column 10: invalid literal; expected 'null' (at /2/1)")
        }
        XCTAssertThrowsError(try parse("[1 2]")) { error in
            XCTAssertEqual("\(error)", "line 1, column 4: expected ',' or ']' after array element")
        }
    }

    func testDuplicateKeyErrorPointsAtTheSecondKey() {
        XCTAssertThrowsError(try parse("{\"a\": {\n \"x\": 1,\n \"x\": 2}}")) { error in
            let error = error as! JSONParseError
            XCTAssertEqual(error.message, #"duplicate key "x""#)
            XCTAssertEqual(error.line, 3)
            XCTAssertEqual(error.column, 2)
            XCTAssertEqual(error.pointer, "/a")
        }
    }

    func testUnterminatedStringPointsAtItsStart() {
        XCTAssertThrowsError(try parse("{\"a\":\n  \"abc")) { error in
            let error = error as! JSONParseError
            XCTAssertEqual(error.message, "unterminated string")
            XCTAssertEqual(error.line, 2)
            XCTAssertEqual(error.column, 3)
        }
    }

    func testLocations() throws {
        let text = """
            {
              "a": [10, {"b/c": true}],
              "m~n": "é",
              "z": null
            }
            """
        let (value, locations) = try JSONParser.parseWithLocations(Array(text.utf8))
        XCTAssertEqual(value["m~n"], "é")
        XCTAssertEqual(
            locations,
            [
                "": .init(line: 1, column: 1),
                "/a": .init(line: 2, column: 8),
                "/a/0": .init(line: 2, column: 9),
                "/a/1": .init(line: 2, column: 13),
                "/a/1/b~1c": .init(line: 2, column: 21),
                "/m~0n": .init(line: 3, column: 10),
                "/z": .init(line: 4, column: 8),
            ])
    }

    func testLocationColumnsCountUTF8Bytes() throws {
        let (_, locations) = try JSONParser.parseWithLocations(Array(#"{"é": 1, "x": 2}"#.utf8))
        XCTAssertEqual(locations["/x"], JSONSourceLocation(line: 1, column: 16))
    }

    func testPointerEscaping() {
        XCTAssertEqual(JSONPointer.escape("a/b~c"), "a~1b~0c")
        XCTAssertEqual(JSONPointer.escape("~1"), "~01")
        XCTAssertEqual(JSONPointer.escape("plain"), "plain")
        XCTAssertEqual(JSONPointer.append("", "a"), "/a")
        XCTAssertEqual(JSONPointer.append("/a", ""), "/a/")
        XCTAssertEqual(JSONPointer.append("/a", "0"), "/a/0")
    }

    // MARK: Robustness

    /// Random bytes and random mutations of a valid document: every outcome must be a value or
    /// a JSONParseError, never a trap or hang.
    func testFuzzNeverTraps() {
        var generator = SplitMix64(seed: 0x7A41_A11)
        let seed = Array(#"{"a": [1, -2.5e3, true, false, null, "x\u00e9\ud83d\ude00\n"], "b": {"c": {}}, "d": []}"#.utf8)
        let alphabet = Array(#"{}[],:"\-+.eE0123456789 tfnul\/"#.utf8) + [0x00, 0x0A, 0x80, 0xC3, 0xED, 0xF4, 0xFF]
        var accepted = 0
        for iteration in 0..<5_000 {
            var bytes: [UInt8]
            if iteration % 2 == 0 {
                bytes = seed
                for _ in 0..<(1 + Int(generator.next() % 4)) {
                    let position = Int(generator.next() % UInt64(bytes.count + 1))
                    let byte = alphabet[Int(generator.next() % UInt64(alphabet.count))]
                    switch generator.next() % 3 {
                    case 0: bytes.insert(byte, at: position)
                    case 1: if position < bytes.count { bytes.remove(at: position) }
                    default: if position < bytes.count { bytes[position] = byte }
                    }
                }
            } else {
                bytes = (0..<Int(generator.next() % 24)).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            }
            if let value = try? JSONParser.parse(bytes) {
                accepted += 1
                // Whatever is accepted must survive a round trip through the canonical encoder.
                XCTAssertEqual(try? JSONParser.parse(CanonicalJSON.encode(value)), value)
            }
        }
        XCTAssertGreaterThan(accepted, 0)
    }

    func testTruncationsOfAValidDocumentAreRejected() {
        let document = Array(#"{"a":[1,-2.5e3,true,{"s":"\ud83d\ude00é"}],"b":null}"#.utf8)
        XCTAssertNoThrow(try JSONParser.parse(document))
        for length in 0..<document.count {
            assertRejects(Array(document[..<length]))
        }
    }
}
