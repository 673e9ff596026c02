import Foundation
import XCTest

@testable import TarlanCore
import TarlanTestSupport

/// The two canonical forms a section can sign in: Go's `encoding/json` and the Acquiring page's PHP
/// sample. Expected texts were produced by PHP 8.2's `json_encode` and Go 1.19's `json.Marshal`
/// (`Tests/Vectors`), not by this code.
final class CanonicalFormTests: XCTestCase {
    private func parse(_ text: String) throws -> JSONValue {
        try JSONParser.parse(Array(text.utf8))
    }

    private func php(_ value: JSONValue) -> String {
        String(decoding: CanonicalJSON.encode(value, form: .phpSample), as: UTF8.self)
    }

    func testPHPEscapesNonASCIIAndLeavesHTMLCharactersAndSlashesRaw() {
        XCTAssertEqual(
            php(["a": .string("é/<&>\u{2028}🙂\u{7F}\u{1}\"\\\u{8}\u{C}\n\r\t")]),
            #"{"a":"\u00e9/<&>\u2028\ud83d\ude42"# + "\u{7F}" + #"\u0001\"\\\b\f\n\r\t"}"#)
        XCTAssertEqual(CanonicalJSON.string(["a": "é/<&>"]), #"{"a":"é/\u003c\u0026\u003e"}"#, "Go, for contrast")
    }

    func testPHPNumbersFollowJsonEncode() throws {
        // Each right-hand side is what `php -r 'echo json_encode(json_decode(…, true));'` printed.
        let cases: [(String, String)] = [
            ("1000000000000000", "1000000000000000"), ("1e16", "10000000000000000"), ("1e17", "1.0e+17"),
            ("1e25", "1.0e+25"), ("0.0001", "0.0001"), ("0.00001", "1.0e-5"), ("100.0", "100"), ("10.42", "10.42"),
            ("0.30000000000000004", "0.30000000000000004"), ("-0.0", "-0"), ("-0", "0"), ("1.5e-7", "1.5e-7"),
            ("1000.00", "1000"), ("12345678901234567890", "1.2345678901234567e+19"), ("42", "42"), ("-7", "-7"),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(php(try parse(text)), expected, text)
        }
    }

    func testPHPSortsOnlyTheTopLevelAndWritesEmptyObjectsAsArrays() throws {
        let body = try parse(#"{"b": 1, "a": {"z": 1, "y": {}}, "c": []}"#)
        XCTAssertEqual(php(body), #"{"a":{"y":[],"z":1},"b":1,"c":[]}"#, "nested keys sorted when their order is unknown")
        let parsed = try JSONParser.parseWithLocations(Array(#"{"b": 1, "a": {"z": 1, "y": {}}}"#.utf8))
        XCTAssertEqual(
            String(decoding: CanonicalJSON.encode(parsed.value, form: .phpSample, keyOrder: parsed.locations), as: UTF8.self),
            #"{"a":{"z":1,"y":[]},"b":1}"#, "nested keys in the order they arrived, as PHP keeps them")
    }

    func testTheSectionsFormDecidesTheSignatureAndTheWireBody() throws {
        let go = SigningRules(headerName: "Authorization", valuePrefix: "Bearer ", excludedTopLevelFields: [], excludesEmptyStrings: true)
        var php = go
        php.canonicalForm = .phpSample
        let body: JSONValue = ["description": "Оплата & co", "amount": 10]
        XCTAssertEqual(String(decoding: Signer.signingBytes(body, rules: go), as: UTF8.self), #"{"amount":10,"description":"Оплата \u0026 co"}"#)
        XCTAssertEqual(
            String(decoding: Signer.signingBytes(body, rules: php), as: UTF8.self),
            #"{"amount":10,"description":"\u041e\u043f\u043b\u0430\u0442\u0430 & co"}"#)
        XCTAssertNotEqual(Signer.signature(for: body, secret: "12345", rules: go), Signer.signature(for: body, secret: "12345", rules: php))
        // ASCII with whole numbers reads the same in both: the documentation's own vectors hold in either.
        let ascii: JSONValue = ["agent": "daw"]
        XCTAssertEqual(Signer.signature(for: ascii, secret: "12345", rules: go), Signer.signature(for: ascii, secret: "12345", rules: php))
    }
}
