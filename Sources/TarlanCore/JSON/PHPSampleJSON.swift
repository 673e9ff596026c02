/// JSON laid out as the Acquiring signature page's PHP sample writes it: `ksort($data)` of the
/// top level, then `json_encode($data, JSON_UNESCAPED_SLASHES)` (reference §2.2).
///
/// That means: compact; only the top-level keys sorted (PHP's `ksort` of string keys, byte order
/// here); nested objects in the order their keys arrived when `keyOrder` knows it, otherwise sorted
/// (the order of everything TarlanKit sends); an empty object as `[]`, as PHP re-encodes a decoded
/// empty object; `"`, `\` escaped, `\b \f \n \r \t` and other controls as `\u00XX`; every
/// non-ASCII character as `\uXXXX` (lowercase hex, surrogate pairs above U+FFFF); `/`, `<`, `>`,
/// `&` raw. Integer literals that fit an `Int64` as integers; other numbers as PHP 7.1+ formats a
/// float (`serialize_precision = -1`: shortest round-trip digits, `1.0e+25` beyond 15 integer
/// digits, `1.0e-5` below 0.0001).
enum PHPSampleJSON {
    /// `keyOrder`: where each member of the original text started (`JSONParser.parseWithLocations`),
    /// by JSON pointer, so nested objects keep the order they arrived in.
    static func encode(_ value: JSONValue, keyOrder: [String: JSONSourceLocation]? = nil) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(value, pointer: "", isTopLevel: true, keyOrder: keyOrder, into: &out)
        return out
    }

    private static func write(
        _ value: JSONValue, pointer: String, isTopLevel: Bool, keyOrder: [String: JSONSourceLocation]?,
        into out: inout [UInt8]
    ) {
        switch value {
        case .null:
            out.append(contentsOf: "null".utf8)
        case .bool(let bool):
            out.append(contentsOf: (bool ? "true" : "false").utf8)
        case .number(let number):
            out.append(contentsOf: format(number).utf8)
        case .string(let string):
            writeString(string, into: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                write(element, pointer: pointer + "/\(position)", isTopLevel: false, keyOrder: keyOrder, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members) where members.isEmpty:
            out.append(contentsOf: "[]".utf8)
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (position, key) in orderedKeys(members, pointer: pointer, sorted: isTopLevel, keyOrder).enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                write(
                    members[key]!, pointer: JSONPointer.append(pointer, key), isTopLevel: false, keyOrder: keyOrder,
                    into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func orderedKeys(
        _ members: [String: JSONValue], pointer: String, sorted: Bool, _ keyOrder: [String: JSONSourceLocation]?
    ) -> [String] {
        let byBytes = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        guard !sorted, let keyOrder else { return byBytes }
        return byBytes.sorted { lhs, rhs in
            let left = keyOrder[JSONPointer.append(pointer, lhs)]
            let right = keyOrder[JSONPointer.append(pointer, rhs)]
            guard let left, let right else { return false }
            return (left.line, left.column) < (right.line, right.column)
        }
    }

    /// An integer literal within `Int64` as PHP's `json_decode` keeps it; any other number as a float.
    static func format(_ number: JSONNumber) -> String {
        if number.isIntegerLiteral, let integer = Int64(number.text) { return String(integer) }
        return formatFloat(number.double)
    }

    /// PHP's `php_gcvt(value, 17, '.', 'e')` with `zend_dtoa` mode 0 (shortest round-trip digits).
    static func formatFloat(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        guard value != 0 else { return value.sign == .minus ? "-0" : "0" }
        let sign = value < 0 ? "-" : ""
        let (digits, pointPosition) = GoFloat.shortestDigits(of: value.magnitude)
        let text = digits.map { Character(Unicode.Scalar($0)) }
        if pointPosition < -3 || pointPosition > 17 {
            // 1.0e+25, 1.5e-7: one digit, the point, the rest (or 0), then a signed exponent.
            let exponent = pointPosition - 1
            let mantissa = String(text[0]) + "." + (text.count > 1 ? String(text[1...]) : "0")
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String(abs(exponent))
        }
        if pointPosition <= 0 {
            return sign + "0." + String(repeating: "0", count: -pointPosition) + String(text)
        }
        if text.count <= pointPosition {
            return sign + String(text) + String(repeating: "0", count: pointPosition - text.count)
        }
        return sign + String(text[..<pointPosition]) + "." + String(text[pointPosition...])
    }

    private static func writeString(_ string: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for unit in string.utf16 {
            switch unit {
            case 0x22: out.append(contentsOf: #"\""#.utf8)
            case 0x5C: out.append(contentsOf: #"\\"#.utf8)
            case 0x08: out.append(contentsOf: #"\b"#.utf8)
            case 0x0C: out.append(contentsOf: #"\f"#.utf8)
            case 0x0A: out.append(contentsOf: #"\n"#.utf8)
            case 0x0D: out.append(contentsOf: #"\r"#.utf8)
            case 0x09: out.append(contentsOf: #"\t"#.utf8)
            case 0x20..<0x80: out.append(UInt8(unit))
            default:
                out.append(contentsOf: #"\u"#.utf8)
                for shift in stride(from: 12, through: 0, by: -4) {
                    out.append(hexDigits[Int(unit >> UInt16(shift) & 0xF)])
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
