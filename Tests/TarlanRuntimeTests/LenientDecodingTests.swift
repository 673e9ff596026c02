import Foundation
import XCTest

@testable import TarlanRuntime

/// `TarlanCodingKey`, the alias/`accepts` helpers on `KeyedDecodingContainer`, and `TarlanEnvelope`.
final class LenientDecodingTests: XCTestCase {
    func testCodingKey() {
        let key = TarlanCodingKey("external_id")
        XCTAssertEqual(key.stringValue, "external_id")
        XCTAssertNil(key.intValue)
        XCTAssertEqual(TarlanCodingKey(stringValue: "x"), TarlanCodingKey("x"))
        XCTAssertNil(TarlanCodingKey(intValue: 3))
    }

    /// A model written the way the generator writes them, with each helper in use.
    private struct Model: Decodable, Equatable {
        var id: String?
        var flag: Bool?
        var count: Int?
        var ratio: Double?
        var label: String?
        var whole: String?
        var required: String

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: TarlanCodingKey.self)
            id = try container.decodeField(String.self, keys: ["external_id", "transaction_id"])
            flag = try container.decodeField(Bool.self, keys: ["flag"], accepting: [.string])
            count = try container.decodeField(Int.self, keys: ["count"], accepting: [.string])
            ratio = try container.decodeField(Double.self, keys: ["ratio"], accepting: [.string])
            label = try container.decodeField(String.self, keys: ["label"], accepting: [.number, .boolean])
            whole = try container.decodeField(String.self, keys: ["whole"], accepting: [.integer])
            required = try container.decodeRequiredField(String.self, keys: ["required", "req"])
        }
    }

    private func decode(_ json: String) throws -> Model {
        try JSONDecoder().decode(Model.self, from: Data(json.utf8))
    }

    private func decodingError(_ json: String, file: StaticString = #filePath, line: UInt = #line) -> DecodingError? {
        do {
            let model = try decode(json)
            XCTFail("expected a DecodingError, got \(model)", file: file, line: line)
        } catch let error as DecodingError {
            return error
        } catch {
            XCTFail("expected a DecodingError, got \(error)", file: file, line: line)
        }
        return nil
    }

    private func path(_ error: DecodingError?) -> [String] {
        switch error {
        case .typeMismatch(_, let context)?, .valueNotFound(_, let context)?, .dataCorrupted(let context)?:
            context.codingPath.map(\.stringValue)
        case .keyNotFound(let key, let context)?:
            context.codingPath.map(\.stringValue) + [key.stringValue]
        default:
            []
        }
    }

    func testAliasesAreTriedInOrder() throws {
        XCTAssertEqual(try decode(#"{"external_id":"a","required":""}"#).id, "a")
        XCTAssertEqual(try decode(#"{"transaction_id":"b","required":""}"#).id, "b")
        XCTAssertEqual(try decode(#"{"transaction_id":"b","external_id":"a","required":""}"#).id, "a")
        XCTAssertEqual(try decode(#"{"req":"r"}"#).required, "r")
    }

    func testNullAndAbsenceAreNil() throws {
        let model = try decode(#"{"external_id":null,"flag":null,"count":null,"label":null,"required":"x"}"#)
        XCTAssertNil(model.id)
        XCTAssertNil(model.flag)
        XCTAssertNil(model.count)
        XCTAssertNil(model.label)
        XCTAssertNil(try decode(#"{"required":"x"}"#).ratio)
    }

    func testRequiredFieldMissingOrNull() {
        let missing = decodingError(#"{"external_id":"a"}"#)
        guard case .keyNotFound(let key, _)? = missing else { return XCTFail("expected keyNotFound, got \(String(describing: missing))") }
        XCTAssertEqual(key.stringValue, "required", "the first name is reported")
        let null = decodingError(#"{"required":null}"#)
        guard case .keyNotFound? = null else { return XCTFail("expected keyNotFound, got \(String(describing: null))") }
    }

    func testAcceptedKindsAreConverted() throws {
        let model = try decode(#"{"flag":"true","count":"42","ratio":"2.5","label":12.5,"whole":3,"required":"x"}"#)
        XCTAssertEqual(model.flag, true)
        XCTAssertEqual(model.count, 42)
        XCTAssertEqual(model.ratio, 2.5)
        XCTAssertEqual(model.label, "12.5")
        XCTAssertEqual(model.whole, "3")
        XCTAssertEqual(try decode(#"{"flag":"false","label":true,"required":"x"}"#).flag, false)
        XCTAssertEqual(try decode(#"{"label":false,"required":"x"}"#).label, "false")
        XCTAssertEqual(try decode(#"{"label":1e21,"required":"x"}"#).label, "1e+21", "numbers are spelled as Go does")
    }

    func testDocumentedKindStillDecodes() throws {
        let model = try decode(#"{"flag":true,"count":7,"ratio":1,"label":"text","whole":"w","required":"x"}"#)
        XCTAssertEqual(model.flag, true)
        XCTAssertEqual(model.count, 7)
        XCTAssertEqual(model.ratio, 1)
        XCTAssertEqual(model.label, "text")
        XCTAssertEqual(model.whole, "w")
    }

    func testUnconvertibleValuesFailWithTheOriginalError() {
        for json in [
            #"{"flag":"maybe","required":"x"}"#, #"{"flag":"TRUE","required":"x"}"#, #"{"flag":1,"required":"x"}"#,
            #"{"count":"4.5","required":"x"}"#, #"{"count":"","required":"x"}"#, #"{"ratio":"NaN","required":"x"}"#,
            #"{"ratio":"inf","required":"x"}"#, #"{"whole":2.5,"required":"x"}"#, #"{"whole":true,"required":"x"}"#,
            #"{"label":[1],"required":"x"}"#,
        ] {
            let error = decodingError(json)
            guard case .typeMismatch? = error else {
                XCTFail("\(json): expected typeMismatch, got \(String(describing: error))")
                continue
            }
            let field = String(json.dropFirst(2).prefix { $0 != "\"" })
            XCTAssertEqual(path(error), [field], json)
        }
    }

    func testScalarConversionRules() {
        XCTAssertEqual(Bool.fromString("true"), true)
        XCTAssertNil(Bool.fromString("1"))
        XCTAssertNil(Bool.fromNumber(1))
        XCTAssertEqual(Int.fromString("-12"), -12)
        XCTAssertNil(Int.fromString("12.0"))
        XCTAssertNil(Int.fromNumber(12))
        XCTAssertEqual(Double.fromString("1e3"), 1000)
        XCTAssertNil(Double.fromString("Infinity"))
        XCTAssertEqual(String.fromNumber(100), "100")
        XCTAssertEqual(String.fromNumber(0.000001), "0.000001")
        XCTAssertEqual(String.fromNumber(0.0000001), "1e-7", "Go trims e-07 to e-7")
        XCTAssertEqual(String.fromBool(true), "true")
        XCTAssertNil(String.fromString("x"), "a string is not converted from itself")
    }

    // MARK: The envelope

    func testEnvelopeToleratesStringStatusAndCode() throws {
        let envelope = try JSONDecoder().decode(
            TarlanEnvelope<JSONValue>.self, from: Data(#"{"status":"true","status_code":"0","message":"ok","result":{"a":1}}"#.utf8))
        XCTAssertEqual(envelope, TarlanEnvelope(status: true, statusCode: 0, message: "ok", result: ["a": 1]))
    }

    func testEnvelopeMembersAreAllOptional() throws {
        let empty = try JSONDecoder().decode(TarlanEnvelope<JSONValue>.self, from: Data("{}".utf8))
        XCTAssertEqual(empty, TarlanEnvelope<JSONValue>())
        let nullResult = try JSONDecoder().decode(TarlanEnvelope<JSONValue>.self, from: Data(#"{"result":null}"#.utf8))
        XCTAssertNil(nullResult.result)
    }

    func testEnvelopeRejectsAnUnreadableStatus() {
        XCTAssertThrowsError(try JSONDecoder().decode(TarlanEnvelope<JSONValue>.self, from: Data(#"{"status":"yes"}"#.utf8)))
        XCTAssertThrowsError(try JSONDecoder().decode(TarlanEnvelope<JSONValue>.self, from: Data(#"{"status_code":1.5}"#.utf8)))
    }
}
