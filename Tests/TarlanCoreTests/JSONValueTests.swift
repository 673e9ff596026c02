import XCTest

@testable import TarlanCore
import TarlanTestSupport

final class JSONValueTests: XCTestCase {
    func testLiterals() {
        let value: JSONValue = ["n": nil, "b": true, "i": 3, "d": 2.5, "s": "x", "a": [1, "two"], "o": ["k": false]]
        XCTAssertEqual(
            value,
            .object([
                "n": .null, "b": .bool(true), "i": .number(3), "d": .number(2.5), "s": .string("x"),
                "a": .array([.number(1), .string("two")]), "o": .object(["k": .bool(false)]),
            ]))
        let repeated: JSONValue = ["k": 1, "k": 2]
        XCTAssertEqual(repeated, ["k": 2], "last value wins")
    }

    func testAccessors() {
        let value: JSONValue = ["s": "x", "d": 1.5, "b": true, "a": [1], "o": [:], "n": nil]
        XCTAssertEqual(value["s"]?.stringValue, "x")
        XCTAssertEqual(value["d"]?.doubleValue, 1.5)
        XCTAssertEqual(value["b"]?.boolValue, true)
        XCTAssertEqual(value["a"]?.arrayValue, [1])
        XCTAssertEqual(value["o"]?.objectValue, [:])
        XCTAssertEqual(value["n"]?.isNull, true)
        XCTAssertNil(value["missing"])
        XCTAssertNil(value["s"]?["x"], "subscript on a non-object")
        XCTAssertNil(value["b"]?.doubleValue, "a boolean is not a number")
        XCTAssertNil(value["d"]?.boolValue)
        XCTAssertNil(value["s"]?.arrayValue)
        XCTAssertEqual(value.objectValue?.count, 6)
        XCTAssertFalse(value.isNull)
    }

    func testTypeNames() {
        let values: [JSONValue] = [nil, true, 1, "s", [], [:]]
        XCTAssertEqual(values.map(\.jsonTypeName), ["null", "boolean", "number", "string", "array", "object"])
    }

    func testIsIntegral() {
        XCTAssertTrue(JSONValue.number(3).isIntegral)
        XCTAssertTrue(JSONValue.number(JSONNumber(-0.0)).isIntegral)
        XCTAssertTrue(JSONValue.number(1e300).isIntegral)
        XCTAssertFalse(JSONValue.number(3.5).isIntegral)
        XCTAssertFalse(JSONValue.number(JSONNumber(.infinity)).isIntegral)
        XCTAssertFalse(JSONValue.number(JSONNumber(.nan)).isIntegral)
        XCTAssertFalse(JSONValue.string("3").isIntegral)
    }

    func testCodableRoundTripKeepsTypes() throws {
        let text = #"[true, 1, 0, 1.5, "x", null, {"a": [false]}, []]"#
        let decoded = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        XCTAssertEqual(decoded, [true, 1, 0, 1.5, "x", nil, ["a": [false]], []])
        let encoded = try JSONEncoder().encode(decoded)
        XCTAssertEqual(try JSONDecoder().decode(JSONValue.self, from: encoded), decoded)
        XCTAssertEqual(try JSONParser.parse(encoded), decoded)
    }

    func testCodableAsAFieldOfAModel() throws {
        struct Model: Codable, Equatable {
            var id: Int
            var extra: JSONValue
        }
        let model = Model(id: 7, extra: ["flag": true, "list": [1, "a", nil]])
        let data = try JSONEncoder().encode(model)
        XCTAssertEqual(try JSONDecoder().decode(Model.self, from: data), model)
    }
}
