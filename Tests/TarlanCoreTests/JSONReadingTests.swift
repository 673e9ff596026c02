import Foundation
import XCTest

@testable import TarlanCore
import TarlanTestSupport

/// The reading rules every generated model goes through: scalars and what they tolerate, aliases,
/// `null`, required fields, error paths, and the lenient mode verified callbacks are read in.
final class JSONReadingTests: XCTestCase {
    private func parse(_ text: String) throws -> JSONValue {
        try JSONParser.parse(Array(text.utf8))
    }

    private struct Refund: JSONReadable, Equatable {
        var amount: Decimal?
        var date: String?

        init(json: JSONValue, context: JSONReadContext) throws(JSONReadError) {
            let object = try JSONObjectReader(json, model: "Refund", context: context)
            amount = try object.decimal("amount")
            date = try object.string("date")
        }
    }

    private struct Status: JSONReadable {
        var id: Int
        var externalID: String?
        var isSuccess: TarlanFlag?
        var ok: Bool?
        var refunds: [Refund]?
        var extra: JSONValue?

        init(json: JSONValue, context: JSONReadContext) throws(JSONReadError) {
            let object = try JSONObjectReader(json, model: "Status", context: context)
            id = try object.require(object.int("id", accepting: [.string]), "id")
            externalID = try object.string("external_id", aliases: ["transaction_id"])
            isSuccess = object.flag("is_success")
            ok = try object.bool("ok")
            refunds = try object.array(Refund.self, "refunds")
            extra = object.json("extra")
        }
    }

    func testScalarConversionsAreOneTable() {
        let number = JSONValue.number(JSONNumber(text: "100.50")!)
        XCTAssertEqual(number.readString(accepting: []), nil, "a number is not a string unless accepted")
        XCTAssertEqual(number.readString(accepting: .number), "100.50", "the number's own text")
        XCTAssertEqual(number.readString(accepting: .integer), nil, "a fraction is not an integer")
        XCTAssertEqual(JSONValue.number(7).readString(accepting: .integer), "7")
        XCTAssertEqual(JSONValue.string("12").readInt(accepting: []), nil)
        XCTAssertEqual(JSONValue.string("12").readInt(accepting: .string), 12)
        XCTAssertEqual(JSONValue.string("1.5").readInt(accepting: .string), nil)
        XCTAssertEqual(JSONValue.number(1.5).readInt(accepting: .all), nil)
        XCTAssertEqual(JSONValue.string("100.50").readDecimal(accepting: .string), Decimal(string: "100.5"))
        XCTAssertEqual(JSONValue.string(" 1").readDecimal(accepting: .string), nil, "only JSON number text")
        for (value, expected) in [("true", true), ("false", false), ("1", true), ("0", false)] {
            XCTAssertEqual(JSONValue.string(value).readBool(accepting: .string), expected, value)
        }
        XCTAssertEqual(JSONValue.string("yes").readBool(accepting: .all), nil)
        XCTAssertEqual(JSONValue.number(1).readBool(accepting: .integer), true)
        XCTAssertEqual(JSONValue.number(2).readBool(accepting: .integer), nil)
        XCTAssertEqual(JSONValue.number(1).readBool(accepting: []), nil)
    }

    func testDecimalIsReadFromTheNumbersOwnText() throws {
        let refund = try Refund(json: parse(#"{"amount": 0.1, "date": "d"}"#), context: .strict)
        XCTAssertEqual(refund.amount, Decimal(string: "0.1"))
        XCTAssertEqual(refund.amount?.description, "0.1")
        let big = try Refund(json: parse(#"{"amount": 12345678901234567.89}"#), context: .strict)
        XCTAssertEqual(big.amount?.description, "12345678901234567.89", "more digits than a Double has")
    }

    func testAliasesNullAndAbsence() throws {
        let viaAlias = try Status(json: parse(#"{"id": 1, "external_id": null, "transaction_id": "T"}"#), context: .strict)
        XCTAssertEqual(viaAlias.externalID, "T", "a null main key falls back to its alias")
        let absent = try Status(json: parse(#"{"id": "2", "ok": null}"#), context: .strict)
        XCTAssertEqual(absent.id, 2, "accepted as a string")
        XCTAssertNil(absent.externalID)
        XCTAssertNil(absent.ok)
        XCTAssertNil(absent.isSuccess)
    }

    func testStrictFailuresNameThePath() throws {
        func failure(_ text: String) throws -> JSONReadError? {
            let json = try parse(text)
            do {
                _ = try Status(json: json, context: .strict)
                return nil
            } catch {
                return error
            }
        }
        let missing = try failure(#"{"external_id": "x"}"#)
        XCTAssertEqual(missing?.path(under: "result"), "result.id")
        XCTAssertEqual(missing?.reason, #"required field "id" of Status is missing or null"#)
        let wrong = try failure(#"{"id": 1, "refunds": [{"amount": 1}, {"amount": "one"}]}"#)
        XCTAssertEqual(wrong?.path(under: "result"), "result.refunds[1].amount")
        XCTAssertEqual(wrong?.reason, "expected a number, found string")
        let notObject = try failure("[1]")
        XCTAssertEqual(notObject?.path(), "")
        XCTAssertEqual(notObject?.reason, "expected an object of Status, found array")
        let flag = try failure(#"{"id": 1, "ok": "true"}"#)
        XCTAssertEqual(flag?.path(), "ok", "bool accepts no string unless the schema says so")
    }

    func testLenientReadingKeepsGoingAndLogsWhatItPassedOver() throws {
        let log = LenientReadLog()
        let json = try parse(#"{"id": "3", "ok": "1", "is_success": "maybe", "refunds": [{"amount": "12.5"}, {"amount": {}}, 7]}"#)
        let status = try Status(json: json, context: .lenient(log))
        XCTAssertEqual(status.id, 3)
        XCTAssertEqual(status.ok, true, "drift is converted when lenient")
        XCTAssertEqual(status.isSuccess?.boolValue, nil)
        XCTAssertEqual(status.isSuccess?.rawValue, "maybe", "an unrecognised flag keeps its raw value")
        XCTAssertEqual(status.refunds?.count, 2, "an element that is not an object is passed over")
        XCTAssertEqual(status.refunds?[0].amount, Decimal(string: "12.5"))
        XCTAssertNil(status.refunds?[1].amount)
        XCTAssertEqual(log.unreadable, ["refunds[1].amount", "refunds[2]"])
    }

    func testFlagSpellings() {
        let recognised: [(JSONValue, Bool)] = [(true, true), ("false", false), ("1", true), (0, false)]
        for (raw, expected) in recognised {
            XCTAssertEqual(TarlanFlag(rawValue: raw).boolValue, expected, "\(raw)")
        }
        let odd = TarlanFlag(rawValue: "success")
        XCTAssertNil(odd.boolValue)
        XCTAssertFalse(odd.isTrue)
        XCTAssertEqual(odd.description, #"unrecognised "success""#)
        XCTAssertEqual(TarlanFlag(rawValue: "1"), TarlanFlag(true), "recognised flags compare by meaning")
        XCTAssertNotEqual(odd, TarlanFlag(rawValue: "other"))
        XCTAssertEqual(Set([TarlanFlag(rawValue: "true"), true]).count, 1)
    }

    func testCodableGoesThroughTheSameRules() throws {
        struct Wrapper: Codable, JSONReadable, JSONWritable {
            var flag: TarlanFlag?
            var amount: Decimal?

            init(json: JSONValue, context: JSONReadContext) throws(JSONReadError) {
                let object = try JSONObjectReader(json, model: "Wrapper", context: context)
                flag = object.flag("flag")
                amount = try object.decimal("amount", accepting: [.string])
            }

            init(from decoder: any Decoder) throws { self = try JSONCoding.decode(Self.self, from: decoder) }
            func encode(to encoder: any Encoder) throws { try JSONCoding.encode(self, to: encoder) }

            func json() throws(JSONWriteError) -> JSONValue {
                var object = JSONObjectWriter()
                object.set("flag", flag)
                try object.set("amount", amount)
                return object.value
            }
        }
        let decoded = try JSONDecoder().decode(Wrapper.self, from: Data(#"{"flag": "0", "amount": "7.25"}"#.utf8))
        XCTAssertEqual(decoded.flag?.boolValue, false)
        XCTAssertEqual(decoded.amount, Decimal(string: "7.25"))
        XCTAssertThrowsError(try JSONDecoder().decode(Wrapper.self, from: Data(#"{"amount": true}"#.utf8))) { error in
            guard case DecodingError.dataCorrupted(let context) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(context.debugDescription, "`amount`: expected a number, found boolean")
        }
        let encoded = try JSONEncoder().encode(decoded)
        XCTAssertEqual(try JSONParser.parse(encoded), ["flag": "0", "amount": 7.25])
    }
}
