import Foundation
import TarlanCore

/// What a page's sample says, read as data: the documentation's JSON is sometimes invalid (a missing
/// comma, a `//` comment, a trailing comma), so it is read strictly first and then repaired.
struct SampleValue {
    var value: JSONValue
    /// Nil when the published text is valid JSON; otherwise what the strict parser said.
    var invalidBecause: String?
}

enum SampleReading {
    /// The JSON value of a sample, repaired when the published text is invalid; nil when even the
    /// repair cannot read it.
    static func json(_ text: String) -> SampleValue? {
        let options = JSONParser.Options(duplicateKeys: .lastWins)
        do {
            return SampleValue(value: try JSONParser.parse(Array(text.utf8), options: options), invalidBecause: nil)
        } catch {
            guard let repaired = repair(text),
                let value = try? JSONParser.parse(Array(repaired.utf8), options: options)
            else { return nil }
            return SampleValue(value: value, invalidBecause: error.message)
        }
    }

    private enum Token: Equatable {
        case string(String)
        case scalar(String)
        case punctuation(Character)
    }

    /// Re-tokenises the text without comments, drops trailing commas and adds missing ones.
    static func repair(_ text: String) -> String? {
        guard let tokens = tokenize(Array(text)) else { return nil }
        var output: [Token] = []
        for (offset, token) in tokens.enumerated() {
            if token == .punctuation(","),
                let next = tokens.dropFirst(offset + 1).first, next == .punctuation("}") || next == .punctuation("]")
            {
                continue
            }
            if let previous = output.last, endsValue(previous), startsValue(token) {
                let isKey = tokens.dropFirst(offset + 1).first == .punctuation(":")
                if isKey || inArray(output) { output.append(.punctuation(",")) }
            }
            output.append(token)
        }
        return output.map { token in
            switch token {
            case .string(let raw), .scalar(let raw): raw
            case .punctuation(let character): String(character)
            }
        }.joined(separator: " ")
    }

    private static func endsValue(_ token: Token) -> Bool {
        switch token {
        case .string, .scalar: true
        case .punctuation(let character): character == "}" || character == "]"
        }
    }

    private static func startsValue(_ token: Token) -> Bool {
        switch token {
        case .string, .scalar: true
        case .punctuation(let character): character == "{" || character == "["
        }
    }

    /// Whether the innermost open bracket of the tokens so far is an array.
    private static func inArray(_ tokens: [Token]) -> Bool {
        var stack: [Character] = []
        for case .punctuation(let character) in tokens {
            switch character {
            case "{", "[": stack.append(character)
            case "}", "]": _ = stack.popLast()
            default: break
            }
        }
        return stack.last == "["
    }

    private static func tokenize(_ characters: [Character]) -> [Token]? {
        var tokens: [Token] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace {
                index += 1
            } else if character == "/", index + 1 < characters.count, characters[index + 1] == "/" {
                while index < characters.count, characters[index] != "\n" { index += 1 }
            } else if character == "/", index + 1 < characters.count, characters[index + 1] == "*" {
                index += 2
                while index + 1 < characters.count, !(characters[index] == "*" && characters[index + 1] == "/") {
                    index += 1
                }
                index += 2
            } else if "{}[]:,".contains(character) {
                tokens.append(.punctuation(character))
                index += 1
            } else if character == "\"" {
                var raw = "\""
                index += 1
                var escaped = false
                while index < characters.count {
                    let next = characters[index]
                    raw.append(next)
                    index += 1
                    if escaped {
                        escaped = false
                    } else if next == "\\" {
                        escaped = true
                    } else if next == "\"" {
                        break
                    }
                }
                tokens.append(.string(raw))
            } else if character.isLetter || character.isNumber || character == "-" {
                var raw = ""
                func continuesScalar(_ character: Character) -> Bool {
                    character.isLetter || character.isNumber || ".-+".contains(character)
                }
                while index < characters.count, continuesScalar(characters[index]) {
                    raw.append(characters[index])
                    index += 1
                }
                tokens.append(.scalar(raw))
            } else {
                return nil
            }
        }
        return tokens
    }

    // MARK: curl

    /// The body (`--data`, `--data-raw`, `-d`) and query of a curl command.
    struct Curl {
        var url: String?
        var body: SampleValue?
        /// The URL's query parameters, as strings.
        var query: [String: String]
    }

    static func curl(_ text: String) -> Curl {
        let joined = text.replacingOccurrences(of: "\\\n", with: " ")
        var curl = Curl(url: nil, body: nil, query: [:])
        if let url = PageText.firstMatch(#"['"]?(https?://[^'"\s]+)"#, in: joined)?[1] {
            curl.url = url
            if let components = URLComponents(string: url) {
                for item in components.queryItems ?? [] { curl.query[item.name] = item.value ?? "" }
            }
        }
        if let data = PageText.firstMatch(#"(?s)(?:--data-raw|--data|-d)\s+'(.*?)'"#, in: joined)?[1]
            ?? PageText.firstMatch(#"(?s)(?:--data-raw|--data|-d)\s+"((?:[^"\\]|\\.)*)""#, in: joined)?[1]
        {
            curl.body = json(data)
        }
        return curl
    }
}
