/// How string literals are spelled, on one line or, when too long for one, over several.
enum SwiftLiteral {
    /// A string literal for arbitrary text (escapes quotes, backslashes, control characters).
    static func string(_ text: String) -> String {
        if isPlain(text) { return "\"" + text + "\"" }
        var literal = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": literal += "\\\""
            case "\\": literal += "\\\\"
            case "\n": literal += "\\n"
            case "\r": literal += "\\r"
            case "\t": literal += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                literal += "\\u{\(String(scalar.value, radix: 16))}"
            default: literal.unicodeScalars.append(scalar)
            }
        }
        return literal + "\""
    }

    /// A raw string literal (`#"…"#`) with enough `#`s that the text never ends it early; text with
    /// control characters (which a raw literal cannot hold) gets an escaped literal instead.
    static func rawString(_ text: String) -> String {
        if text.utf8.contains(where: isControl) { return string(text) }
        let hashes = rawHashes(text)
        return hashes + "\"" + text + "\"" + hashes
    }

    /// `#`s enough that neither `"#…` nor `\#…` in the text ends the literal or starts an escape.
    static func rawHashes(_ text: String) -> String {
        // One `#` more than the longest run of them right after a quote or a backslash, in one pass
        // (`String.contains` resolved to Foundation's search and was a third of rendering fixture tests).
        var longest = 0
        var run: Int?
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "#"):
                if let count = run {
                    run = count + 1
                    longest = max(longest, count + 1)
                }
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): run = 0
            default: run = nil
            }
        }
        return String(repeating: "#", count: longest + 1)
    }

    /// Text a literal holds as it is: no quote, backslash or control character.
    static func isPlain(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            !bytes.contains { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || isControl($0) }
        }
    }

    private static func isControl(_ byte: UInt8) -> Bool { byte < 0x20 || byte == 0x7F }

    /// The lines of a multi-line raw literal holding `text` exactly, each at most `width` columns
    /// (counting the line continuation `\#` that joins it to the next). A line ends after a comma
    /// (and the space after it) in its second half, else after a space, else after a slash, hyphen
    /// or other punctuation, else anywhere. Control characters are escaped.
    static func rawLines(_ text: String, hashes: String, width: Int) -> [String] {
        let limit = max(width - 1 - hashes.count, 8)
        let scalars = Array(text.unicodeScalars)
        func unitWidth(_ scalar: Unicode.Scalar) -> Int {
            isControl(scalar) ? escape(scalar, hashes).utf8.count : 1
        }
        var lines: [String] = []
        var start = 0
        while start < scalars.count {
            var end = start
            var width = 0
            var afterComma: Int?
            var afterSpace: Int?
            var afterPunctuation: Int?
            while end < scalars.count {
                let next = unitWidth(scalars[end])
                if width + next > limit, end > start { break }
                width += next
                switch scalars[end] {
                case ",": afterComma = end + 1
                case " ":
                    afterSpace = end + 1
                    if afterComma == end { afterComma = end + 1 }
                case "/", "-", "&", "?", ";", ":", ".", "=": afterPunctuation = end + 1
                default: break
                }
                end += 1
            }
            if end < scalars.count {
                if let comma = afterComma, comma > start + (end - start) / 2 {
                    end = comma
                } else if let space = afterSpace {
                    end = space
                } else if let punctuation = afterPunctuation {
                    end = punctuation
                } else if let comma = afterComma {
                    end = comma
                }
            }
            var line = ""
            for scalar in scalars[start..<end] {
                if isControl(scalar) { line += escape(scalar, hashes) } else { line.unicodeScalars.append(scalar) }
            }
            lines.append(line)
            start = end
        }
        return lines
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool { scalar.value < 0x20 || scalar.value == 0x7F }

    /// A control character inside a raw literal delimited by `hashes`.
    private static func escape(_ scalar: Unicode.Scalar, _ hashes: String) -> String {
        switch scalar {
        case "\n": "\\" + hashes + "n"
        case "\r": "\\" + hashes + "r"
        case "\t": "\\" + hashes + "t"
        default: "\\" + hashes + "u{\(String(scalar.value, radix: 16))}"
        }
    }
}
