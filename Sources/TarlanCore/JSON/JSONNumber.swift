import Foundation

/// A JSON number: its text exactly as written, and the `Double` a Go server reads from it.
///
/// The text is what a `Decimal` amount is read from, so `0.1` stays exactly `0.1`; the `Double` is
/// what signatures are computed over (`CanonicalJSON` formats it) and what two numbers are compared
/// by, so `1`, `1.0` and `1e0` are equal, as they are to Go.
///
/// No float literals: a `Double` cannot hold most decimal amounts, so a number with a fraction is
/// made from a `Decimal` (``init(_:)``) and keeps its digits.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    /// The number as JSON text (RFC 8259 grammar), e.g. `100`, `-0.5`, `1e-7`.
    public let text: String
    /// The nearest `Double` (what Go's `encoding/json` decodes into a `float64`).
    package let double: Double

    /// A number whose text the caller already checked against the JSON grammar (the parser).
    package init(uncheckedText text: String, double: Double) {
        self.text = text
        self.double = double
    }

    package init(_ value: Int) {
        text = String(value)
        double = Double(value)
    }

    /// The shortest text that reads back as `value` (Go's spelling). A non-finite value has no JSON
    /// text; it is kept as `NaN`/`+Inf`/`-Inf` and written as `null`, as the writers document.
    package init(_ value: Double) {
        text = GoFloat.format(value)
        double = value
    }

    /// The decimal's own digits; nil for `Decimal.nan`.
    public init?(_ value: Decimal) {
        guard !value.isNaN else { return nil }
        if let (text, double) = Self.fastText(value) {
            self.text = text
            self.double = double
        } else {
            text = value.description
            double = Double(text) ?? 0
        }
    }

    /// Text that follows the JSON number grammar and is finite as a `Double`; nil otherwise.
    package init?(text: String) {
        guard Self.isNumberLiteral(text), let value = Double(text), value.isFinite else { return nil }
        self.text = text
        double = value
    }

    public init(integerLiteral value: Int) {
        self.init(value)
    }

    public var description: String { text }

    /// True when the text has no fraction and no exponent (`12`, `-3`), as a PHP or Go integer reads it.
    package var isIntegerLiteral: Bool {
        !text.utf8.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
    }

    /// An integer literal of at most 15 digits, without a leading zero or a sign on zero: Go writes
    /// its float64 as this very text.
    var isShortInteger: Bool {
        let utf8 = text.utf8
        guard let first = utf8.first, utf8.count <= 16 else { return false }
        let digits = first == UInt8(ascii: "-") ? utf8.dropFirst() : utf8[...]
        guard let lead = digits.first, digits.count <= 15,
            lead != UInt8(ascii: "0") || digits.count == 1 && first != UInt8(ascii: "-")
        else { return false }
        return digits.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    /// The exact value of the text, never rounded through `Double`.
    public var decimal: Decimal {
        Self.fastDecimal(text) ?? Decimal(string: text, locale: Self.posix) ?? Decimal(double)
    }

    /// The value as an `Int` when it is a whole number that fits; nil otherwise.
    package var int: Int? {
        // Below 2^53 every integer is exact in the Double; above, read the text itself.
        if double.magnitude < 9_007_199_254_740_992 { return Int(exactly: double) }
        return isIntegerLiteral ? Int(text) : Int(exactly: double)
    }

    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        lhs.double == rhs.double
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(double)
    }

    private static let posix = Locale(identifier: "en_US_POSIX")

    // MARK: Decimal without Foundation's slow text conversions (about 1 µs each way)

    /// Up to 19 significant digits read straight from the text: `Decimal(sign:exponent:significand:)`.
    static func fastDecimal(_ text: String) -> Decimal? {
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        var negative = false
        var seenPoint = false
        var utf8 = text.utf8.makeIterator()
        while let byte = utf8.next() {
            switch byte {
            case UInt8(ascii: "-"): negative = true
            case UInt8(ascii: "."): seenPoint = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard digits < 19 else { return nil }
                mantissa = mantissa * 10 + UInt64(byte - UInt8(ascii: "0"))
                if mantissa > 0 { digits += 1 }
                if seenPoint { exponent -= 1 }
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                var rest = ""
                while let next = utf8.next() { rest.unicodeScalars.append(Unicode.Scalar(next)) }
                guard let power = Int(rest.hasPrefix("+") ? String(rest.dropFirst()) : rest) else { return nil }
                exponent += power
            default: return nil
            }
        }
        guard (-100...100).contains(exponent) else { return nil }
        return Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: Decimal(mantissa))
    }

    private static let largestFastSignificand = Decimal(UInt64.max)

    /// The decimal's digits as JSON text, and its nearest Double, when its significand fits 64 bits.
    static func fastText(_ value: Decimal) -> (String, Double)? {
        let significand = value.significand.magnitude
        guard significand <= Self.largestFastSignificand, (-40...40).contains(value.exponent) else { return nil }
        let mantissa = NSDecimalNumber(decimal: significand).uint64Value
        var digits = String(mantissa)
        var exponent = value.exponent
        // Trailing zeros of a fraction say nothing: 100.50 is written 100.5.
        while exponent < 0, digits.count > 1, digits.last == "0" {
            digits.removeLast()
            exponent += 1
        }
        var text: String
        if mantissa == 0 {
            text = "0"
        } else if exponent >= 0 {
            text = digits + String(repeating: "0", count: exponent)
        } else if -exponent < digits.count {
            let point = digits.index(digits.endIndex, offsetBy: exponent)
            text = digits[..<point] + "." + digits[point...]
        } else {
            text = "0." + String(repeating: "0", count: -exponent - digits.count) + digits
        }
        if value.sign == .minus, mantissa != 0 { text = "-" + text }
        // Below 2^53 and with a power of ten up to 22, both are exact Doubles: one operation rounds correctly.
        let double: Double
        if mantissa < 9_007_199_254_740_992, (-22...22).contains(exponent) {
            let magnitude =
                exponent < 0
                ? Double(mantissa) / pow(10, Double(-exponent)) : Double(mantissa) * pow(10, Double(exponent))
            double = value.sign == .minus ? -magnitude : magnitude
        } else {
            double = Double(text) ?? 0
        }
        return (text, double)
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    static func isNumberLiteral(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var index = 0
        func digits() -> Int {
            let start = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            return index - start
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count else { return false }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else if digits() == 0 {
            return false
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return false }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard digits() > 0 else { return false }
        }
        return index == bytes.count
    }
}
