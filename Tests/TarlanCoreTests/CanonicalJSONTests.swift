import XCTest

@testable import TarlanCore
import TarlanTestSupport

final class CanonicalJSONTests: XCTestCase {
    // MARK: GoFloat

    /// What Go's json.Marshal writes for these float64 values.
    func testGoFloatTable() {
        let table: [(Double, String)] = [
            (0, "0"),
            (-0.0, "-0"),
            (1, "1"),
            (-1, "-1"),
            (100, "100"),
            (100.5, "100.5"),
            (0.1, "0.1"),
            (0.5, "0.5"),
            (-123.456, "-123.456"),
            (10.42, "10.42"),
            (11.84, "11.84"),
            (12_345_678.9, "12345678.9"),
            (123_456.789, "123456.789"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1.0000000000000002, "1.0000000000000002"),
            (3.141592653589793, "3.141592653589793"),
            (100_000, "100000"),
            (1e15, "1000000000000000"),
            (1e16, "10000000000000000"),
            (9_007_199_254_740_992, "9007199254740992"),
            (Double("9007199254740993")!, "9007199254740992"),
            (1e20, "100000000000000000000"),
            (1.2345678901234568e20, "123456789012345680000"),
            (9.999999999999999e20, "999999999999999900000"),
            (1e21, "1e+21"),
            (-1e21, "-1e+21"),
            (1.2345e22, "1.2345e+22"),
            (1e100, "1e+100"),
            (1e308, "1e+308"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (1e-6, "0.000001"),
            (-1e-6, "-0.000001"),
            (0.000001234, "0.000001234"),
            (0.00001, "0.00001"),
            (2.5e-5, "0.000025"),
            (9.99e-7, "9.99e-7"),
            (1e-7, "1e-7"),
            (1.5e-7, "1.5e-7"),
            (-5e-7, "-5e-7"),
            (1e-10, "1e-10"),
            (1.2345e-100, "1.2345e-100"),
            (2.2250738585072014e-308, "2.2250738585072014e-308"),
            (Double.leastNonzeroMagnitude, "5e-324"),
        ]
        XCTAssertGreaterThanOrEqual(table.count, 30)
        for (value, expected) in table {
            XCTAssertEqual(GoFloat.format(value), expected, "\(value)")
        }
    }

    func testGoFloatNonFinite() {
        XCTAssertEqual(GoFloat.format(.infinity), "+Inf")
        XCTAssertEqual(GoFloat.format(-.infinity), "-Inf")
        XCTAssertEqual(GoFloat.format(.nan), "NaN")
        XCTAssertEqual(CanonicalJSON.string([.number(JSONNumber(.infinity)), .number(JSONNumber(.nan))]), "[null,null]")
    }

    // MARK: Layout

    func testCompactSortedOutput() {
        let value: JSONValue = ["b": [1, true, nil, ["z": 1, "a": 2]], "a": "x", "c": [:], "d": []]
        XCTAssertEqual(CanonicalJSON.string(value), #"{"a":"x","b":[1,true,null,{"a":2,"z":1}],"c":{},"d":[]}"#)
        XCTAssertEqual(CanonicalJSON.string([:]), "{}")
        XCTAssertEqual(CanonicalJSON.string([]), "[]")
        XCTAssertEqual(CanonicalJSON.string(nil), "null")
        XCTAssertEqual(CanonicalJSON.string(false), "false")
        XCTAssertEqual(CanonicalJSON.string(2.50), "2.5")
    }

    /// Go sorts map keys as byte strings: uppercase before lowercase, "_" between them, and
    /// non-ASCII (multi-byte UTF-8) after ASCII, ordered by bytes, not by UTF-16 or collation.
    func testKeysSortByUTF8Bytes() {
        let value: JSONValue = [
            "b": 1, "B": 2, "_": 3, "a_b": 4, "ab": 5, "a": 6, "é": 7, "z": 8, "я": 9, "😀": 10, "\u{FF61}": 11,
            "": 12, "10": 13, "9": 14,
        ]
        XCTAssertEqual(
            CanonicalJSON.string(value),
            #"{"":12,"10":13,"9":14,"B":2,"_":3,"a":6,"a_b":4,"ab":5,"b":1,"z":8,"é":7,"я":9,"｡":11,"😀":10}"#)
        XCTAssertEqual(CanonicalJSON.string(["outer": ["b": 1, "a": ["d": 1, "c": 2]]]), #"{"outer":{"a":{"c":2,"d":1},"b":1}}"#)
    }

    // MARK: Escaping

    func testHTMLCharactersAreEscaped() {
        XCTAssertEqual(CanonicalJSON.string("<a href='x'>&</a>"), #""\u003ca href='x'\u003e\u0026\u003c/a\u003e""#)
    }

    func testLineAndParagraphSeparatorsAreEscaped() {
        XCTAssertEqual(CanonicalJSON.string("a\u{2028}b\u{2029}c\u{2027}"), "\"a\\u2028b\\u2029c\u{2027}\"")
    }

    func testControlCharacters() {
        XCTAssertEqual(CanonicalJSON.string("\n\r\t"), #""\n\r\t""#)
        XCTAssertEqual(CanonicalJSON.string("\u{0}\u{1}\u{8}\u{B}\u{C}\u{1F}"), #""\u0000\u0001\u0008\u000b\u000c\u001f""#)
        XCTAssertEqual(CanonicalJSON.string("\u{7F}"), "\"\u{7F}\"", "DEL is written raw, as Go does")
    }

    func testQuotesAndBackslashes() {
        XCTAssertEqual(CanonicalJSON.string(#"say "hi" \ bye"#), #""say \"hi\" \\ bye""#)
    }

    func testSlashAndNonASCIIAreRaw() {
        XCTAssertEqual(CanonicalJSON.string("https://a.kz/b"), #""https://a.kz/b""#)
        XCTAssertEqual(CanonicalJSON.string("Оплата заказа №5 — 中文 😀"), #""Оплата заказа №5 — 中文 😀""#)
        XCTAssertEqual(CanonicalJSON.string(["ключ": "значение"]), #"{"ключ":"значение"}"#)
    }

    func testEscapedKeys() {
        XCTAssertEqual(CanonicalJSON.string(["a<b": 1, "q\"": 2]), #"{"a\u003cb":1,"q\"":2}"#)
    }

    func testParsedInputIsNormalized() throws {
        let text = #"{ "amount" : 1.50e2, "z":"\u00e9\/", "neg": -0.0, "big": 1E21, "a":[ ] }"#
        XCTAssertEqual(
            CanonicalJSON.string(try JSONParser.parse(Array(text.utf8))),
            #"{"a":[],"amount":150,"big":1e+21,"neg":-0,"z":"é/"}"#)
    }

    func testEncodeMatchesString() {
        let value: JSONValue = ["é": "<", "n": 0.000001234]
        XCTAssertEqual(CanonicalJSON.encode(value), Array(CanonicalJSON.string(value).utf8))
    }
}
