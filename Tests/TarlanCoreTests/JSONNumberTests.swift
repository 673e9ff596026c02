import Foundation
import XCTest

@testable import TarlanCore
import TarlanTestSupport

/// `JSONNumber`'s own Decimal conversions, checked against Foundation's slow text-based ones.
final class JSONNumberTests: XCTestCase {
    private let posix = Locale(identifier: "en_US_POSIX")

    func testReadingADecimalFromTextAgreesWithFoundation() {
        var rng = SystemRandomNumberGenerator()
        var texts = ["0", "-0", "0.1", "100.50", "1250.75", "1e5", "-2.5E-3", "123456789012345678", "0.000000123", "9999999999999999999"]
        for _ in 0..<2_000 {
            let digits = String(UInt64.random(in: 0...UInt64(999_999_999_999), using: &rng))
            let point = Int.random(in: 0...digits.count, using: &rng)
            var text = point == digits.count ? digits : String(digits.prefix(point).isEmpty ? "0" : digits.prefix(point)) + "." + digits.dropFirst(point)
            if Bool.random(using: &rng) { text = "-" + text }
            texts.append(text)
        }
        for text in texts {
            let number = JSONNumber(text: text)
            XCTAssertNotNil(number, text)
            XCTAssertEqual(number?.decimal, Decimal(string: text, locale: posix), text)
        }
        XCTAssertNil(JSONNumber.fastDecimal("12345678901234567890"), "20 digits take the slow path")
        XCTAssertEqual(JSONNumber(text: "12345678901234567890.5")?.decimal.description, "12345678901234567890.5")
    }

    func testWritingADecimalAgreesWithFoundation() {
        var rng = SystemRandomNumberGenerator()
        var values = ["0", "0.1", "100.5", "4.35", "13.05", "-7", "1000000", "0.000001", "123456789012.34", "1e-30"]
            .map { Decimal(string: $0, locale: posix)! }
        values.append(Decimal(string: "4.35")! * 3)
        for _ in 0..<2_000 {
            let mantissa = Decimal(UInt64.random(in: 0...999_999_999_999_999, using: &rng))
            values.append(Decimal(sign: Bool.random(using: &rng) ? .minus : .plus, exponent: Int.random(in: -12...6, using: &rng), significand: mantissa))
        }
        for value in values {
            let number = JSONNumber(value)!
            XCTAssertEqual(Decimal(string: number.text, locale: posix), value, "\(value) → \(number.text)")
            XCTAssertEqual(number.double, Double(value.description), "\(value)")
            XCTAssertTrue(JSONNumber.isNumberLiteral(number.text), number.text)
        }
        XCTAssertEqual(JSONNumber(Decimal(string: "100.50")!)?.text, "100.5")
        XCTAssertEqual(JSONNumber(Decimal(string: "-0.05")!)?.text, "-0.05")
        XCTAssertEqual(JSONNumber(Decimal(string: "2e3")!)?.text, "2000")
        XCTAssertNil(JSONNumber(Decimal.nan))
    }
}
