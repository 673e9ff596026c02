/// Every Swift name the generator emits is made here, so naming rules live in one place.
enum SwiftNames {
    /// Words written in capitals inside a camelCase name, as Swift's API guidelines ask.
    static let acronyms: Set<String> = ["id", "url", "qr", "otp", "pan", "api", "uri", "http", "https", "json"]

    /// Keywords that must be escaped with backticks when used as a property or case name.
    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init",
        "inout", "internal", "let", "operator", "private", "precedencegroup", "protocol", "public",
        "rethrows", "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue",
        "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return",
        "throw", "switch", "where", "while", "Any", "as", "await", "false", "is", "nil", "self", "Self",
        "super", "throws", "true", "try", "Type", "Protocol",
    ]

    /// ASCII letters, digits and underscores, not starting with a digit.
    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.utf8.first, first == UInt8(ascii: "_") || !isASCIIDigit(first) else { return false }
        return name.utf8.allSatisfy { $0 == UInt8(ascii: "_") || isASCIILetterOrDigit($0) }
    }

    private static func isASCIIDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// `showcase_code` → `showcaseCode`, `redirect_url` → `redirectURL`, `id` → `id`.
    static func lowerCamelCase(_ jsonName: String) -> String {
        // Byte by byte for ASCII names (nearly all of them, and called for every field many times);
        // a name with other scalars takes the Character route, whose word breaks the ASCII one matches.
        guard jsonName.utf8.allSatisfy({ $0 < 0x80 }) else { return unicodeLowerCamelCase(jsonName) }
        var name: [UInt8] = []
        name.reserveCapacity(jsonName.utf8.count + 1)
        for word in jsonName.utf8.split(whereSeparator: { !isASCIILetterOrDigit($0) }) {
            if name.isEmpty {
                name.append(asciiLowercased(word.first!))
                name.append(contentsOf: word.dropFirst())
            } else if acronyms.contains(String(decoding: word.map(asciiLowercased), as: UTF8.self)) {
                name.append(contentsOf: word.map(asciiUppercased))
            } else {
                name.append(asciiUppercased(word.first!))
                name.append(contentsOf: word.dropFirst())
            }
        }
        guard let leading = name.first else { return "value" }
        if leading >= UInt8(ascii: "0") && leading <= UInt8(ascii: "9") { name.insert(UInt8(ascii: "_"), at: 0) }
        return String(decoding: name, as: UTF8.self)
    }

    private static func isASCIILetterOrDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default: false
        }
    }

    private static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }

    private static func asciiUppercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) ? byte - 32 : byte
    }

    static func unicodeLowerCamelCase(_ jsonName: String) -> String {
        let words = jsonName.split(whereSeparator: { !($0.isLetter || $0.isNumber) || !$0.isASCII }).map(String.init)
        guard let first = words.first else { return "value" }
        var name = first.prefix(1).lowercased() + first.dropFirst()
        for word in words.dropFirst() {
            name +=
                acronyms.contains(word.lowercased())
                ? word.uppercased() : word.prefix(1).uppercased() + word.dropFirst()
        }
        if let leading = name.first, leading.isNumber { name = "_" + name }
        return name
    }

    /// A name as it may appear in declarations: keywords in backticks.
    static func escaped(_ name: String) -> String {
        keywords.contains(name) ? "`\(name)`" : name
    }
}
