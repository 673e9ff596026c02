/// Formats a `Double` exactly as Go's `encoding/json` writes a `float64`.
///
/// Signatures are computed by Go servers over `json.Marshal` of the body decoded into
/// `map[string]interface{}`, so every number must be spelled the way Go spells it:
/// shortest round-trip digits, plain decimal notation for 1e-6 <= |x| < 1e21 (so `100`, not
/// `100.0` or `1e+02`), otherwise exponent notation with a signed exponent (`1e+21`, `1e-7`).
package enum GoFloat {
    package static func format(_ value: Double) -> String {
        // Go's json.Marshal refuses these; this mirrors strconv's spelling for completeness.
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-Inf" : "+Inf") }
        guard value != 0 else { return value.sign == .minus ? "-0" : "0" }
        let magnitude = value.magnitude
        let (digits, pointPosition) = shortestDigits(of: magnitude)
        let sign = value < 0 ? "-" : ""
        if magnitude < 1e-6 || magnitude >= 1e21 {
            return sign + exponentNotation(digits, pointPosition)
        }
        return sign + decimalNotation(digits, pointPosition)
    }

    /// The shortest round-trip significant digits of a positive finite value, and where the
    /// decimal point goes: value = 0.d₁d₂…dₙ × 10^pointPosition.
    ///
    /// Swift's `description` already yields the shortest digits that round-trip (as Go's
    /// `strconv` does), so this only re-reads them out of its "1.25e-07" / "100.0" layout.
    static func shortestDigits(of magnitude: Double) -> (digits: [UInt8], pointPosition: Int) {
        let text = magnitude.description.utf8
        let exponentMarker = text.firstIndex(of: UInt8(ascii: "e"))
        let exponent =
            exponentMarker.map { Int(String(decoding: text[text.index(after: $0)...], as: UTF8.self)) ?? 0 } ?? 0
        var digits: [UInt8] = []
        var integerDigits = 0
        var seenPoint = false
        for byte in text[..<(exponentMarker ?? text.endIndex)] {
            if byte == UInt8(ascii: ".") {
                seenPoint = true
            } else {
                digits.append(byte)
                if !seenPoint { integerDigits += 1 }
            }
        }
        let leadingZeros = digits.prefix(while: { $0 == UInt8(ascii: "0") }).count
        digits.removeFirst(leadingZeros)
        while digits.last == UInt8(ascii: "0") { digits.removeLast() }
        return (digits, integerDigits - leadingZeros + exponent)
    }

    /// Go's `%f` with the shortest precision: "123.45", "0.000001", "100000000000000000000".
    private static func decimalNotation(_ digits: [UInt8], _ pointPosition: Int) -> String {
        var out: [UInt8] = []
        if pointPosition <= 0 {
            out.append(UInt8(ascii: "0"))
        } else {
            for position in 0..<pointPosition {
                out.append(position < digits.count ? digits[position] : UInt8(ascii: "0"))
            }
        }
        if digits.count > pointPosition {
            out.append(UInt8(ascii: "."))
            for position in pointPosition..<digits.count {
                out.append(position < 0 ? UInt8(ascii: "0") : digits[position])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Go's `%e` with the shortest precision, after `encoding/json` trims "e-07" to "e-7":
    /// "1e+21", "1.5e-7", "5e-324".
    private static func exponentNotation(_ digits: [UInt8], _ pointPosition: Int) -> String {
        var out: [UInt8] = [digits[0]]
        if digits.count > 1 {
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: digits[1...])
        }
        let exponent = pointPosition - 1
        if exponent < 0 {
            out.append(contentsOf: "e-\(-exponent)".utf8)
        } else {
            out.append(contentsOf: (exponent < 10 ? "e+0\(exponent)" : "e+\(exponent)").utf8)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
