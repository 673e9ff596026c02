import Foundation

/// A JSON number: its text exactly as written, and the `Double` a Go server reads from it.
///
/// The text is what a `Decimal` amount is read from, so `0.1` stays exactly `0.1`; the `Double` is
/// what signatures are computed over (`CanonicalJSON` formats it) and what two numbers are compared
/// by, so `1`, `1.0` and `1e0` are equal, as they are to Go.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral
{
    /// The number as JSON text (RFC 8259 grammar), e.g. `100`, `-0.5`, `1e-7`.
    public let text: String
    /// The nearest `Double` (what Go's `encoding/json` decodes into a `float64`).
    public let double: Double

    /// A number whose text the caller already checked against the JSON grammar (the parser).
    package init(uncheckedText text: String, double: Double) {
        self.text = text
        self.double = double
    }

    public init(_ value: Int) {
        text = String(value)
        double = Double(value)
    }

    /// The shortest text that reads back as `value` (Go's spelling). A non-finite value has no JSON
    /// text; it is kept as `NaN`/`+Inf`/`-Inf` and written as `null`, as the writers document.
    public init(_ value: Double) {
        text = GoFloat.format(value)
        double = value
    }

    /// The decimal's own digits; nil for `Decimal.nan`.
    public init?(_ value: Decimal) {
        guard !value.isNaN else { return nil }
        text = value.description
        double = Double(text) ?? 0
    }

    /// Text that follows the JSON number grammar and is finite as a `Double`; nil otherwise.
    public init?(text: String) {
        guard Self.isNumberLiteral(text), let value = Double(text), value.isFinite else { return nil }
        self.text = text
        double = value
    }

    public init(integerLiteral value: Int) {
        self.init(value)
    }

    public init(floatLiteral value: Double) {
        self.init(value)
    }

    public var description: String { text }

    /// True when the text has no fraction and no exponent (`12`, `-3`), as a PHP or Go integer reads it.
    public var isIntegerLiteral: Bool {
        !text.utf8.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
    }

    /// The exact value of the text, never rounded through `Double`.
    public var decimal: Decimal {
        Decimal(string: text, locale: Self.posix) ?? Decimal(double)
    }

    /// The value as an `Int` when it is a whole number that fits; nil otherwise.
    public var int: Int? {
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
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { return false }
        }
        return index == bytes.count
    }
}
