import Foundation
import XCTest

@testable import TarlanCore
import TarlanTestSupport

/// Writing models into the JSON tree that is signed and sent: nil members, non-finite numbers, and
/// the amount rules that stop a value the server would read differently from leaving the machine.
final class JSONWritingTests: XCTestCase {
    func testNilMembersAreLeftOutAndOthersKeepTheirType() throws {
        var object = JSONObjectWriter()
        object.set("a", "x")
        object.set("b", nil as String?)
        object.set("c", 3)
        object.set("d", true)
        object.set("e", TarlanTimestamp("2024-01-01T00:00:00Z"))
        object.set("f", TarlanFlag(rawValue: "1"))
        try object.set("g", [1, 2])
        XCTAssertEqual(object.value, ["a": "x", "c": 3, "d": true, "e": "2024-01-01T00:00:00Z", "f": "1", "g": [1, 2]])
    }

    func testNonFiniteNumbersAreRefusedWithTheirPath() {
        var object = JSONObjectWriter()
        XCTAssertThrowsError(try object.set("rate", Double.nan)) { error in
            XCTAssertEqual((error as? JSONWriteError)?.description, "`rate`: nan is not a JSON number")
        }
        XCTAssertThrowsError(try object.set("list", [1.0, .infinity])) { error in
            XCTAssertEqual((error as? JSONWriteError)?.path, "list[1]")
        }
    }

    func testAmountsKeepTheirDigitsAndSignAsGoWould() throws {
        var object = JSONObjectWriter()
        let arithmetic = Decimal(string: "4.35")! * 3
        try object.set("amount", arithmetic, rules: [.nonNegative, .exactInFloat64])
        XCTAssertEqual(object.value["amount"]?.numberValue?.text, "13.05")
        XCTAssertEqual(CanonicalJSON.string(object.value), #"{"amount":13.05}"#)
        try object.set("big", Decimal(string: "123456789012345")!)
        XCTAssertEqual(CanonicalJSON.string(object.value["big"]!), "123456789012345")
        try object.set("tiny", Decimal(string: "0.000000123")!)
        XCTAssertEqual(CanonicalJSON.string(object.value["tiny"]!), "1.23e-7", "Go's spelling of the same float64")
    }

    func testAmountsAFloat64CannotCarryAreRefused() {
        var object = JSONObjectWriter()
        XCTAssertNoThrow(try object.set("received", Decimal(string: "1234567890123.456")!), "a received amount is written back as it came")
        XCTAssertThrowsError(try object.set("amount", Decimal(string: "1234567890123.456")!, rules: .exactInFloat64)) { error in
            let error = error as? JSONWriteError
            XCTAssertEqual(error?.path, "amount")
            XCTAssertEqual(
                error?.reason,
                "1234567890123.456 has 16 significant digits; the server reads amounts as a float64, which keeps at most 15 exactly")
        }
        XCTAssertThrowsError(try object.set("amount", Decimal(string: "-1")!, rules: .nonNegative)) { error in
            XCTAssertEqual((error as? JSONWriteError)?.reason, "-1 is negative; the documentation allows no negative amount here")
        }
        XCTAssertThrowsError(try object.set("amount", Decimal(string: "10.5")!, rules: .wholeNumber)) { error in
            XCTAssertEqual(
                (error as? JSONWriteError)?.reason, "10.5 has a fraction; the documentation types this amount as Integer")
        }
        XCTAssertThrowsError(try object.set("amount", Decimal.nan))
        XCTAssertNoThrow(try object.set("amount", Decimal(string: "-1")!))
        XCTAssertNoThrow(try object.set("amount", Decimal(string: "1000")!, rules: [.wholeNumber, .nonNegative]))
    }

    func testSignificantDigits() {
        let cases = [("100", 1), ("0.0105", 3), ("12.50", 3), ("0", 0), ("-120.003", 6), ("1e-7", 1), ("100000000000000000001", 21)]
        for (text, digits) in cases {
            XCTAssertEqual(AmountRules.significantDigits(text), digits, text)
        }
    }
}
