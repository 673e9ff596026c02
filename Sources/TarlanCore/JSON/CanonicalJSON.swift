/// JSON laid out exactly as Go's `json.Marshal` writes a value that was decoded into
/// `map[string]interface{}`: the `go` canonical form, the default signed bytes (the documentation
/// does not say which form the servers use; see ``CanonicalForm``), and the text TarlanKit prints.
///
/// That means: compact; object keys sorted by their UTF-8 bytes at every level; numbers as
/// `GoFloat` spells a `float64`; `"`, `\` and control characters escaped (`\n`, `\r`, `\t`, the
/// rest as `\u00XX` in lowercase hex); `<`, `>`, `&`, U+2028 and U+2029 escaped as `\u003c`,
/// `\u003e`, `\u0026`, `\u2028`, `\u2029` (Go's HTML-safe default); `/` and all other
/// characters written as raw UTF-8.
///
/// Backspace and form feed come out as `\u0008` and `\u000c`, as Go wrote them before 1.22;
/// Go 1.22 and later write `\b` and `\f` instead. Only strings holding those characters differ.
package enum CanonicalJSON {
    package static func encode(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(value, into: &out)
        return out
    }

    package static func string(_ value: JSONValue) -> String {
        String(decoding: encode(value), as: UTF8.self)
    }

    /// `value` in `form`. `keyOrder` (the parser's locations) keeps nested keys in the order they
    /// arrived where the form does not sort them (``CanonicalForm/phpSample``).
    package static func encode(
        _ value: JSONValue, form: CanonicalForm, keyOrder: [String: JSONSourceLocation]? = nil
    ) -> [UInt8] {
        switch form {
        case .go: encode(value)
        case .phpSample: PHPSampleJSON.encode(value, keyOrder: keyOrder)
        }
    }

    private static func write(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null:
            out.append(contentsOf: "null".utf8)
        case .bool(let bool):
            out.append(contentsOf: (bool ? "true" : "false").utf8)
        case .number(let number):
            // Non-finite numbers cannot come from JSON text (the parser rejects them) and Go
            // cannot marshal them; writing null keeps the output valid JSON rather than trapping.
            if number.isShortInteger {
                out.append(contentsOf: number.text.utf8)  // what Go prints for a whole float64 below 1e15
            } else {
                out.append(contentsOf: (number.double.isFinite ? GoFloat.format(number.double) : "null").utf8)
            }
        case .string(let string):
            writeString(string, into: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                write(element, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (position, key) in keys.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                write(members[key]!, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func writeString(_ string: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                    out.append(UInt8(ascii: "\\"))
                    out.append(byte)
                case UInt8(ascii: "\n"):
                    out.append(contentsOf: #"\n"#.utf8)
                case UInt8(ascii: "\r"):
                    out.append(contentsOf: #"\r"#.utf8)
                case UInt8(ascii: "\t"):
                    out.append(contentsOf: #"\t"#.utf8)
                case 0..<0x20, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"):
                    out.append(contentsOf: #"\u00"#.utf8)
                    out.append(hexDigits[Int(byte >> 4)])
                    out.append(hexDigits[Int(byte & 0x0F)])
                case 0xE2
                where index + 2 < bytes.count && bytes[index + 1] == 0x80
                    && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    // U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR.
                    out.append(contentsOf: (bytes[index + 2] == 0xA8 ? #"\u2028"# : #"\u2029"#).utf8)
                    index += 2
                default:
                    out.append(byte)
                }
                index += 1
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
