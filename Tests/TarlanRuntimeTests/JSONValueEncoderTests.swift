import XCTest

@testable import TarlanRuntime

final class JSONValueEncoderTests: XCTestCase {
    private struct Address: Codable, Equatable {
        var city: String
        var zip: String?
    }

    private enum Kind: String, Codable {
        case card, wallet
    }

    private struct Payment: Codable, Equatable {
        var amount: Double
        var count: Int
        var small: Int8
        var big: UInt64
        var ratio: Float
        var confirmed: Bool
        var description: String?
        var kind: Kind
        var tags: [String]
        var address: Address
        var history: [Address]
        var extra: JSONValue?
    }

    private let payment = Payment(
        amount: 10.5, count: 3, small: -2, big: 42, ratio: 0.5, confirmed: true, description: nil, kind: .wallet,
        tags: ["a", "b"], address: Address(city: "Almaty", zip: nil),
        history: [Address(city: "Astana", zip: "010000")], extra: ["raw": [1, true, nil], "s": ""])

    func testNestedStructsArraysAndOmittedOptionals() throws {
        let value = try JSONValueEncoder().encode(payment)
        XCTAssertEqual(
            value,
            [
                "amount": 10.5, "count": 3, "small": -2, "big": 42, "ratio": 0.5, "confirmed": true, "kind": "wallet",
                "tags": ["a", "b"], "address": ["city": "Almaty"], "history": [["city": "Astana", "zip": "010000"]],
                "extra": ["raw": [1, true, nil], "s": ""],
            ])
        XCTAssertNil(value["description"], "nil optionals are left out, not written as null")
    }

    func testRoundTripThroughJSONDecoder() throws {
        let value = try JSONValueEncoder().encode(payment)
        let data = Data(CanonicalJSON.encode(value))
        XCTAssertEqual(try JSONDecoder().decode(Payment.self, from: data), payment)
        XCTAssertEqual(try JSONDecoder().decode(Payment.self, from: try JSONEncoder().encode(value)), payment)
    }

    func testMatchesJSONEncoder() throws {
        let viaFoundation = try JSONParser.parse(try JSONEncoder().encode(payment))
        XCTAssertEqual(try JSONValueEncoder().encode(payment), viaFoundation)
    }

    func testTopLevelValues() throws {
        let encoder = JSONValueEncoder()
        XCTAssertEqual(try encoder.encode(5), 5)
        XCTAssertEqual(try encoder.encode("s"), "s")
        XCTAssertEqual(try encoder.encode(false), false)
        XCTAssertEqual(try encoder.encode([1, 2]), [1, 2])
        XCTAssertEqual(try encoder.encode(["k": 1]), ["k": 1])
        XCTAssertEqual(try encoder.encode(Int?.none), nil)
        XCTAssertEqual(try encoder.encode([Int?.none, 1]), [nil, 1])
        XCTAssertEqual(try encoder.encode(URL(string: "https://a.kz/x?y=1")!), "https://a.kz/x?y=1")
        XCTAssertEqual(try encoder.encode(Decimal(string: "10.42")!), 10.42)
    }

    func testJSONValuePassesThroughUnchanged() throws {
        let value: JSONValue = ["a": [1, nil, ["b": true]], "c": ""]
        XCTAssertEqual(try JSONValueEncoder().encode(value), value)
        XCTAssertEqual(try JSONValueEncoder().encode(["x": value]), ["x": value])
        XCTAssertEqual(try JSONValueEncoder().encode(JSONValue.null), .null)
    }

    func testNonFiniteNumbersThrow() {
        XCTAssertThrowsError(try JSONValueEncoder().encode(["x": Double.nan])) { error in
            guard case EncodingError.invalidValue(_, let context) = error else {
                return XCTFail("unexpected \(error)")
            }
            XCTAssertEqual(context.codingPath.map(\.stringValue), ["x"])
        }
        XCTAssertThrowsError(try JSONValueEncoder().encode([Float.infinity]))
    }

    /// A hand-written `encode(to:)` using every container kind, nil, and super encoders.
    private struct Custom: Encodable {
        enum Keys: String, CodingKey {
            case name, nested, list, nothing, parent
        }
        enum InnerKeys: String, CodingKey {
            case flag
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode("custom", forKey: .name)
            try container.encodeNil(forKey: .nothing)
            var nested = container.nestedContainer(keyedBy: InnerKeys.self, forKey: .nested)
            try nested.encode(true, forKey: .flag)
            var list = container.nestedUnkeyedContainer(forKey: .list)
            try list.encode(1)
            try list.encodeNil()
            var inner = list.nestedContainer(keyedBy: InnerKeys.self)
            try inner.encode(false, forKey: .flag)
            var innerList = list.nestedUnkeyedContainer()
            try innerList.encode("deep")
            XCTAssertEqual(list.count, 4)
            var parent = container.superEncoder(forKey: .parent).singleValueContainer()
            try parent.encode(UInt8(7))
            var base = container.superEncoder().singleValueContainer()
            try base.encode("base")
        }
    }

    func testAllContainerKinds() throws {
        XCTAssertEqual(
            try JSONValueEncoder().encode(Custom()),
            [
                "name": "custom", "nothing": nil, "nested": ["flag": true], "list": [1, nil, ["flag": false], ["deep"]],
                "parent": 7, "super": "base",
            ])
    }

    func testEmptyEncodableIsAnEmptyObject() throws {
        struct Empty: Encodable {}
        XCTAssertEqual(try JSONValueEncoder().encode(Empty()), [:])
    }

    func testSigningAnEncodedModelMatchesTheVector() throws {
        struct Cards: Encodable {
            var merchantID: Int
            var projectClientID: String
            var projectID: Int
            var callbackURL: String?

            enum CodingKeys: String, CodingKey {
                case merchantID = "merchant_id", projectClientID = "project_client_id", projectID = "project_id"
                case callbackURL = "callback_url"
            }
        }
        let rules = SigningRules(
            headerName: "Authorization", valuePrefix: "Bearer ", excludedTopLevelFields: ["additional_data"],
            excludesEmptyStrings: true)
        let body = try JSONValueEncoder().encode(
            Cards(merchantID: 123, projectClientID: "999", projectID: 124, callbackURL: ""))
        XCTAssertEqual(
            Signer.signature(for: body, secret: "12345", rules: rules),
            "a7c55a418c96ea6d94d768854925ae504f65aac8bf76ff56e86c0a39cb52fee5")
    }
}
