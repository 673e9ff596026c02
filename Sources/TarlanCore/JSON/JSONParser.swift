/// A strict RFC 8259 JSON parser.
///
/// Hand-written rather than `JSONSerialization` because that blurs `true` and `1` on Linux,
/// accepts things servers would not, and cannot say where in a schema file a mistake is.
/// It rejects anything outside the grammar (comments, trailing commas, BOMs, `NaN`, lone
/// surrogates, invalid UTF-8, numbers too large for a `Double`) and never traps on bad input.
package struct JSONParser {
    /// What to do when an object repeats a key.
    package enum DuplicateKeys: Sendable {
        /// Fail: a repeated key is almost always a mistake in a hand-edited file.
        case reject
        /// Keep the last value, as most JSON decoders (including Go's) silently do.
        case lastWins
    }

    package struct Options: Sendable {
        /// Deepest nesting of arrays and objects accepted. Parsing itself does not recurse, but
        /// comparing, hashing and freeing a `JSONValue` do, so keep this modest.
        package var maxDepth: Int
        package var duplicateKeys: DuplicateKeys

        package init(maxDepth: Int = 256, duplicateKeys: DuplicateKeys = .reject) {
            self.maxDepth = maxDepth
            self.duplicateKeys = duplicateKeys
        }
    }

    /// Parses one JSON value, surrounded by optional whitespace, from UTF-8 bytes.
    package static func parse(
        _ data: some Collection<UInt8>, options: Options = .init()
    ) throws(JSONParseError) -> JSONValue {
        try run(data, options: options, recordingLocations: false).value
    }

    /// Same, and records where every value starts: JSON pointer (RFC 6901, "" for the root,
    /// "/a/0/b~1c") -> location. Meant for schema files, where errors must point at a line.
    package static func parseWithLocations(
        _ data: some Collection<UInt8>, options: Options = .init()
    ) throws(JSONParseError) -> (value: JSONValue, locations: [String: JSONSourceLocation]) {
        try run(data, options: options, recordingLocations: true)
    }

    private static func run(
        _ data: some Collection<UInt8>, options: Options, recordingLocations: Bool
    ) throws(JSONParseError) -> (value: JSONValue, locations: [String: JSONSourceLocation]) {
        // Work on one contiguous buffer; copy only collections that are not contiguous.
        // The closure returns a Result because `withContiguousStorageIfAvailable` is untyped-rethrows.
        func parseBuffer(_ bytes: UnsafeBufferPointer<UInt8>)
            -> Result<(value: JSONValue, locations: [String: JSONSourceLocation]), JSONParseError>
        {
            var parser = ByteParser(bytes: bytes, options: options, recordingLocations: recordingLocations)
            return Result { () throws(JSONParseError) in
                let value = try parser.parseDocument()
                return (value, parser.locations ?? [:])
            }
        }
        let result =
            data.withContiguousStorageIfAvailable(parseBuffer)
            ?? Array(data).withUnsafeBufferPointer(parseBuffer)
        return try result.get()
    }
}

/// The parser's state over one buffer.
private struct ByteParser {
    private enum PathComponent {
        case key(String)
        case index(Int)
    }

    /// An array or object whose closing bracket has not been reached yet.
    private enum OpenContainer {
        case array(start: Int)
        /// `key` is the member whose value is being parsed; the object's members so far are
        /// `members[firstMember...]`.
        case object(start: Int, key: String, keyStart: Int, firstMember: Int)
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private let options: JSONParser.Options
    private var index = 0
    private var line = 1
    private var lineStart = 0
    /// Members and elements being parsed, outermost first: for error pointers and locations.
    private var path: [PathComponent] = []
    /// When recording locations, the pointer of each prefix of `path`: one append per value, not a join.
    private var pointers: [String] = []
    /// Reused to assemble strings that contain escapes.
    private var scratch: [UInt8] = []
    private(set) var locations: [String: JSONSourceLocation]?

    init(bytes: UnsafeBufferPointer<UInt8>, options: JSONParser.Options, recordingLocations: Bool) {
        self.bytes = bytes
        self.options = options
        self.locations = recordingLocations ? [:] : nil
    }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            throw error("unexpected byte order mark; save the file as UTF-8 without a BOM")
        }
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        guard index == bytes.count else {
            throw error("unexpected \(describe(bytes[index])) after the JSON value")
        }
        return value
    }

    // MARK: Values

    /// Parses one value. Nesting is tracked on heap stacks (`open`, `arrays`, `objects`) rather
    /// than by recursion, so deep input costs memory, never thread stack: threads other than
    /// the main one may have as little as 512 KiB.
    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        var open: [OpenContainer] = []
        var arrays: [[JSONValue]] = []
        // Members of all open objects, one flat stack: each object's dictionary is built once, at its
        // size, when it closes (growing it member by member rehashed every key several times).
        var members: [(key: String, keyStart: Int, value: JSONValue)] = []
        nextValue: while true {
            // A value starts here: a scalar, an empty container, or a container's first member.
            guard index < bytes.count else {
                switch open.last {
                case .array(let start): throw error("unterminated array", at: start)
                case .object(let start, _, _, _): throw error("unterminated object", at: start)
                case nil: throw error("unexpected end of input; expected a value")
                }
            }
            if locations != nil {
                locations![pointers.last ?? ""] = JSONSourceLocation(line: line, column: index - lineStart + 1)
            }
            var value: JSONValue
            switch bytes[index] {
            case UInt8(ascii: "["):
                let start = index
                try enterContainer(depth: open.count)
                if consume("]") {
                    value = .array([])
                } else {
                    open.append(.array(start: start))
                    arrays.append([])
                    enter(.index(0))
                    continue nextValue
                }
            case UInt8(ascii: "{"):
                let start = index
                try enterContainer(depth: open.count)
                if consume("}") {
                    value = .object([:])
                } else {
                    let (key, keyStart) = try parseMemberName(objectStart: start)
                    open.append(.object(start: start, key: key, keyStart: keyStart, firstMember: members.count))
                    enter(.key(key))
                    continue nextValue
                }
            default:
                value = try parseScalar()
            }

            // Hand the value to the enclosing containers, closing each one that ends here.
            while let container = open.last {
                leave()
                skipWhitespace()
                switch container {
                case .array(let start):
                    arrays[arrays.count - 1].append(value)
                    if consume(",") {
                        try rejectTrailingComma(before: "]")
                        enter(.index(arrays[arrays.count - 1].count))
                        continue nextValue
                    }
                    guard consume("]") else {
                        if index == bytes.count { throw error("unterminated array", at: start) }
                        throw error("expected ',' or ']' after array element")
                    }
                    open.removeLast()
                    value = .array(arrays.removeLast())
                case .object(let start, let key, let keyStart, let firstMember):
                    members.append((key, keyStart, value))
                    if consume(",") {
                        try rejectTrailingComma(before: "}")
                        let (nextKey, nextKeyStart) = try parseMemberName(objectStart: start)
                        open[open.count - 1] = .object(
                            start: start, key: nextKey, keyStart: nextKeyStart, firstMember: firstMember)
                        enter(.key(nextKey))
                        continue nextValue
                    }
                    guard consume("}") else {
                        if index == bytes.count { throw error("unterminated object", at: start) }
                        throw error("expected ',' or '}' after object member")
                    }
                    open.removeLast()
                    value = .object(try object(of: members[firstMember...]))
                    members.removeSubrange(firstMember...)
                }
            }
            return value
        }
    }

    /// A closed object's members as a dictionary; a repeated key is an error unless the options allow it
    /// (then the last one wins).
    private func object(
        of members: ArraySlice<(key: String, keyStart: Int, value: JSONValue)>
    ) throws(JSONParseError) -> [String: JSONValue] {
        var object = [String: JSONValue](minimumCapacity: members.count)
        for member in members {
            let replaced = object.updateValue(member.value, forKey: member.key) != nil
            if replaced && options.duplicateKeys == .reject {
                throw error("duplicate key \"\(member.key)\"", at: member.keyStart)
            }
        }
        return object
    }

    /// Steps over an opening bracket and the whitespace after it, refusing to nest too deep.
    private mutating func enterContainer(depth: Int) throws(JSONParseError) {
        guard depth < options.maxDepth else {
            throw error("nesting is deeper than \(options.maxDepth) levels")
        }
        index += 1
        skipWhitespace()
    }

    /// Reads `"name":` and the whitespace around it, at the start of an object member.
    private mutating func parseMemberName(objectStart: Int) throws(JSONParseError) -> (key: String, keyStart: Int) {
        guard index < bytes.count else { throw error("unterminated object", at: objectStart) }
        guard bytes[index] == UInt8(ascii: "\"") else {
            throw error("expected a member name in double quotes but found \(describe(bytes[index]))")
        }
        let keyStart = index
        let key = try parseString()
        skipWhitespace()
        guard consume(":") else {
            if index == bytes.count { throw error("unterminated object", at: objectStart) }
            throw error("expected ':' after member name")
        }
        skipWhitespace()
        return (key, keyStart)
    }

    /// After a comma: skips whitespace and fails if the container closes right away.
    private mutating func rejectTrailingComma(before closing: Unicode.Scalar) throws(JSONParseError) {
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: closing) {
            throw error("trailing comma before '\(closing)' is not allowed")
        }
    }

    private mutating func parseScalar() throws(JSONParseError) -> JSONValue {
        switch bytes[index] {
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        case UInt8(ascii: "t"):
            try parseLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try parseLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try parseLiteral("null")
            return .null
        case UInt8(ascii: "/"): throw error("comments are not allowed in JSON")
        case UInt8(ascii: "'"): throw error("strings must use double quotes")
        case UInt8(ascii: "+"): throw error("numbers must not start with '+'")
        case UInt8(ascii: "."): throw error("numbers must start with a digit (write 0.5, not .5)")
        case let byte: throw error("expected a value but found \(describe(byte))")
        }
    }

    private mutating func parseLiteral(_ literal: StaticString) throws(JSONParseError) {
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        guard bytes.count - index >= expected.count,
            UnsafeBufferPointer(rebasing: bytes[index..<index + expected.count]).elementsEqual(expected)
        else {
            throw error("invalid literal; expected '\(literal)'")
        }
        index += expected.count
    }

    // MARK: Numbers

    /// Follows the JSON number grammar exactly: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    /// Keeps the text (numbers are short, so the string is stored inline, without an allocation).
    private mutating func parseNumber() throws(JSONParseError) -> JSONNumber {
        let start = index
        let isNegative = consume("-")
        guard index < bytes.count, isDigit(bytes[index]) else {
            throw error("expected a digit after '-'")
        }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) {
                throw error("numbers must not have leading zeros", at: start)
            }
        } else {
            skipDigits()
        }
        let integerEnd = index
        if consume(".") {
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw error("expected a digit after the decimal point")
            }
            skipDigits()
        }
        if consume("e") || consume("E") {
            _ = consume("+") || consume("-")
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw error("expected a digit in the exponent")
            }
            skipDigits()
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)

        // Fast path: up to 15 digits fit a Double exactly, so no rounding question arises.
        let digitsStart = isNegative ? start + 1 : start
        if integerEnd == index, index - digitsStart <= 15 {
            var magnitude = 0
            for byte in bytes[digitsStart..<index] {
                magnitude = magnitude * 10 + Int(byte &- UInt8(ascii: "0"))
            }
            return JSONNumber(uncheckedText: text, double: isNegative ? -Double(magnitude) : Double(magnitude))
        }
        // Otherwise let the standard library round correctly.
        guard let value = Double(text), value.isFinite else {
            throw error("number out of range", at: start)
        }
        return JSONNumber(uncheckedText: text, double: value)
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private mutating func skipDigits() {
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }

    // MARK: Strings

    /// Reads a string starting at its opening quote. Runs without escapes are copied in one go.
    private mutating func parseString() throws(JSONParseError) -> String {
        let openingQuote = index
        index += 1
        var runStart = index
        var hasEscapes = false
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                let run = UnsafeBufferPointer(rebasing: bytes[runStart..<index])
                index += 1
                guard hasEscapes else { return String(decoding: run, as: UTF8.self) }
                scratch.append(contentsOf: run)
                return String(decoding: scratch, as: UTF8.self)
            case UInt8(ascii: "\\"):
                if !hasEscapes {
                    scratch.removeAll(keepingCapacity: true)
                    hasEscapes = true
                }
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                try parseEscape(openingQuote: openingQuote)
                runStart = index
            case 0..<0x20:
                throw error("control character \(unicodeName(UInt32(byte))) must be escaped in a string")
            case 0x20..<0x80:
                index += 1
            default:
                try skipMultiByteCharacter()
            }
        }
        throw error("unterminated string", at: openingQuote)
    }

    /// Decodes the escape at `index` (a backslash) into `scratch`.
    private mutating func parseEscape(openingQuote: Int) throws(JSONParseError) {
        guard index + 1 < bytes.count else { throw error("unterminated string", at: openingQuote) }
        let escapeStart = index
        let code = bytes[index + 1]
        index += 2
        switch code {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(code)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try parseHex4(escapeStart: escapeStart)
            if (0xD800...0xDBFF).contains(scalar) {
                // A high surrogate must be followed by an escaped low surrogate.
                guard bytes.count - index >= 2,
                    bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                else { throw error("unpaired surrogate \(unicodeName(scalar)) in string", at: escapeStart) }
                let lowStart = index
                index += 2
                let low = try parseHex4(escapeStart: lowStart)
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw error("unpaired surrogate \(unicodeName(scalar)) in string", at: escapeStart)
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw error("unpaired surrogate \(unicodeName(scalar)) in string", at: escapeStart)
            }
            appendUTF8(scalar)
        default:
            throw error("invalid escape '\\\(Character(Unicode.Scalar(code)))' in string", at: escapeStart)
        }
    }

    private mutating func parseHex4(escapeStart: Int) throws(JSONParseError) -> UInt32 {
        guard bytes.count - index >= 4 else {
            throw error("invalid \\u escape; expected 4 hex digits", at: escapeStart)
        }
        var value: UInt32 = 0
        for byte in bytes[index..<index + 4] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("invalid \\u escape; expected 4 hex digits", at: escapeStart)
            }
            value = value << 4 | UInt32(digit)
        }
        index += 4
        return value
    }

    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(0xC0 | UInt8(scalar >> 6))
            scratch.append(0x80 | UInt8(scalar & 0x3F))
        case 0x800..<0x10000:
            scratch.append(0xE0 | UInt8(scalar >> 12))
            scratch.append(0x80 | UInt8(scalar >> 6 & 0x3F))
            scratch.append(0x80 | UInt8(scalar & 0x3F))
        default:
            scratch.append(0xF0 | UInt8(scalar >> 18))
            scratch.append(0x80 | UInt8(scalar >> 12 & 0x3F))
            scratch.append(0x80 | UInt8(scalar >> 6 & 0x3F))
            scratch.append(0x80 | UInt8(scalar & 0x3F))
        }
    }

    /// Steps over one well-formed UTF-8 sequence of 2–4 bytes (Unicode 6.0, table 3-7).
    private mutating func skipMultiByteCharacter() throws(JSONParseError) {
        let length: Int
        let second: ClosedRange<UInt8>
        switch bytes[index] {
        case 0xC2...0xDF: (length, second) = (2, 0x80...0xBF)
        case 0xE0: (length, second) = (3, 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (length, second) = (3, 0x80...0xBF)
        case 0xED: (length, second) = (3, 0x80...0x9F)  // excludes UTF-16 surrogates
        case 0xF0: (length, second) = (4, 0x90...0xBF)
        case 0xF1...0xF3: (length, second) = (4, 0x80...0xBF)
        case 0xF4: (length, second) = (4, 0x80...0x8F)  // nothing above U+10FFFF
        default: throw error("invalid UTF-8 in string")
        }
        guard bytes.count - index >= length,
            second.contains(bytes[index + 1]),
            bytes[index + 2..<index + length].allSatisfy({ (0x80...0xBF).contains($0) })
        else { throw error("invalid UTF-8 in string") }
        index += length
    }

    // MARK: Helpers

    /// Skips JSON whitespace (space, tab, CR, LF), keeping track of lines for locations.
    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D:
                index += 1
            case 0x0A:
                index += 1
                line += 1
                lineStart = index
            default:
                return
            }
        }
    }

    private mutating func consume(_ ascii: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: ascii) else { return false }
        index += 1
        return true
    }

    private mutating func enter(_ component: PathComponent) {
        path.append(component)
        guard locations != nil else { return }
        let parent = pointers.last ?? ""
        switch component {
        case .key(let key): pointers.append(JSONPointer.append(parent, key))
        case .index(let index): pointers.append(parent + "/" + String(index))
        }
    }

    private mutating func leave() {
        path.removeLast()
        if locations != nil { pointers.removeLast() }
    }

    private func currentPointer() -> String {
        var pointer = ""
        for component in path {
            switch component {
            case .key(let key): pointer = JSONPointer.append(pointer, key)
            case .index(let index): pointer += "/\(index)"
            }
        }
        return pointer
    }

    /// An error at `offset` (default: the current position). Line and column are recounted
    /// from the start because errors are rare and an offset may lie on an earlier line.
    private func error(_ message: String, at offset: Int? = nil) -> JSONParseError {
        let offset = min(offset ?? index, bytes.count)
        var line = 1
        var lineStart = 0
        for (position, byte) in bytes[..<offset].enumerated() where byte == 0x0A {
            line += 1
            lineStart = position + 1
        }
        return JSONParseError(
            message: message, offset: offset, line: line, column: offset - lineStart + 1,
            pointer: currentPointer())
    }

    /// "'x'" for visible ASCII, "U+000A"-style names for controls, hex for other bytes.
    private func describe(_ byte: UInt8) -> String {
        switch byte {
        case 0x21..<0x7F: "'\(Character(Unicode.Scalar(byte)))'"
        case 0..<0x20, 0x7F: "control character \(unicodeName(UInt32(byte)))"
        default: "byte 0x\(String(byte, radix: 16, uppercase: true))"
        }
    }

    private func unicodeName(_ scalar: UInt32) -> String {
        let hex = String(scalar, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
