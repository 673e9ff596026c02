import Foundation
import XCTest

@testable import TarlanCore
import TarlanTestSupport

final class JSONPrettyPrinterTests: XCTestCase {
    func testScalarsAreWrittenAsCanonicalJSON() {
        XCTAssertEqual(JSONPrettyPrinter.string(nil), "null")
        XCTAssertEqual(JSONPrettyPrinter.string(true), "true")
        XCTAssertEqual(JSONPrettyPrinter.string(false), "false")
        XCTAssertEqual(JSONPrettyPrinter.string(100), "100")
        XCTAssertEqual(JSONPrettyPrinter.string(-0.5), "-0.5")
        XCTAssertEqual(JSONPrettyPrinter.string(1e21), "1e+21")
        XCTAssertEqual(JSONPrettyPrinter.string("a\"b\\c\n<&>\u{2028}/é"), #""a\"b\\c\n\u003c\u0026\u003e\u2028/é""#)
    }

    func testEmptyContainersStayOnOneLine() {
        XCTAssertEqual(JSONPrettyPrinter.string([:]), "{}")
        XCTAssertEqual(JSONPrettyPrinter.string([]), "[]")
        XCTAssertEqual(JSONPrettyPrinter.string(["a": [:], "b": []]), "{\n  \"a\": {},\n  \"b\": []\n}")
    }

    func testNestedLayout() {
        let value: JSONValue = [
            "status": true,
            "result": ["showcase_code": "daw", "balance": 0, "refunds": [["amount": 1.5], 2, nil]],
            "message": "Success",
        ]
        let expected = """
            {
              "message": "Success",
              "result": {
                "balance": 0,
                "refunds": [
                  {
                    "amount": 1.5
                  },
                  2,
                  null
                ],
                "showcase_code": "daw"
              },
              "status": true
            }
            """
        XCTAssertEqual(JSONPrettyPrinter.string(value), expected)
    }

    func testKeysAreSortedByUTF8Bytes() {
        // Uppercase before lowercase, "é" (0xC3…) after "z", "_" (0x5F) between them.
        let value: JSONValue = ["z": 1, "é": 2, "A": 3, "a": 4, "_": 5, "B": 6]
        XCTAssertEqual(
            JSONPrettyPrinter.string(value),
            "{\n  \"A\": 3,\n  \"B\": 6,\n  \"_\": 5,\n  \"a\": 4,\n  \"z\": 1,\n  \"é\": 2\n}")
    }

    func testKeysAreEscapedLikeValues() {
        XCTAssertEqual(JSONPrettyPrinter.string(["a<b\"": 1]), "{\n  \"a\\u003cb\\\"\": 1\n}")
    }

    func testRoundTripsThroughTheParser() throws {
        let value: JSONValue = [
            "a": [1, [2, [3, ["deep": "x\ty"]]]], "b": ["c": nil, "d": [true, false]], "e": "Успешно", "f": 0.1,
        ]
        let text = JSONPrettyPrinter.string(value)
        XCTAssertEqual(try JSONParser.parse(Array(text.utf8)), value)
        // Compacting the pretty text gives the canonical text.
        XCTAssertEqual(CanonicalJSON.string(try JSONParser.parse(Array(text.utf8))), CanonicalJSON.string(value))
        XCTAssertFalse(text.hasSuffix("\n"), "no trailing newline")
    }
}
