import Foundation

/// Text helpers both page parsers share: markup removal, names with their star and depth, the
/// documentation's type words.
enum PageText {
    static let methods: Set<String> = ["GET", "POST", "PUT", "PATCH", "DELETE"]

    /// A cell without GitBook/HTML markup: links keep their text, escapes and entities are resolved.
    static func clean(_ raw: String) -> String {
        var text = raw
        text = replacing(#"<br\s*/?>"#, in: text, with: " ")
        text = replacing(#"<[^>]+>"#, in: text, with: "")
        text = replacing(#"!?\[([^\]]*)\]\([^)]*\)"#, in: text, with: "$1")
        text = replacing(#"<(https?://[^>]+)>"#, in: text, with: "$1")
        text = text.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "`", with: "")
        text = replacing(#"\\([_*|#()<>\[\]\-])"#, in: text, with: "$1")
        text = decodeEntities(text)
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Resolves the few HTML entities GitBook writes (`&#x20;`, `&amp;`, …).
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = text
        for (entity, value) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&nbsp;", " ")] {
            result = result.replacingOccurrences(of: entity, with: value)
        }
        guard let numeric = try? NSRegularExpression(pattern: "&#(x[0-9A-Fa-f]+|[0-9]+);") else { return result }
        for match in numeric.matches(in: result, range: NSRange(result.startIndex..., in: result)).reversed() {
            guard let range = Range(match.range, in: result), let codeRange = Range(match.range(at: 1), in: result)
            else {
                continue
            }
            let code = result[codeRange]
            let value = code.hasPrefix("x") ? UInt32(code.dropFirst(), radix: 16) : UInt32(code)
            let replacement = value.flatMap(Unicode.Scalar.init).map { String(Character($0)) } ?? ""
            result.replaceSubrange(range, with: replacement)
        }
        return result.replacingOccurrences(of: "&amp;", with: "&")
    }

    /// True when the raw Markdown cell carries GitBook's red star (`<mark style="color:red;">*</mark>`).
    static func hasRedStar(_ raw: String) -> Bool {
        raw.range(of: #"<mark[^>]*color:\s*red[^>]*>\s*`?\\?\*`?\s*</mark>"#, options: .regularExpression) != nil
    }

    /// Depth (leading dashes), name and star of a cleaned name cell.
    static func splitName(_ cell: String) -> (depth: Int, name: String, starred: Bool) {
        var name = Substring(cell.trimmingCharacters(in: .whitespaces))
        var starred = false
        if name.hasSuffix("*") {
            starred = true
            name = name.dropLast()
        }
        var depth = 0
        while let first = name.first, first == "-" || first == "—" || first == "–" || first == "└" {
            depth += 1
            name = name.dropFirst()
        }
        return (depth, name.trimmingCharacters(in: .whitespaces), starred)
    }

    /// Looks like a JSON key or a header name in a table (`-external_id`, `agent*`, `X-Signature`).
    static func isName(_ cell: String) -> Bool {
        cell.range(of: #"^[-—–└]*\s*[\p{L}_][\p{L}\p{N}_.\[\]-]*\s*\*?$"#, options: .regularExpression) != nil
    }

    /// The kind a documented type word stands for; nil when the word is not a type.
    static func typeKind(_ word: String) -> TypeKind? {
        let key = word.lowercased().trimmingCharacters(in: .whitespaces)
        switch key {
        case "string", "str", "text", "date", "datetime", "date-time", "uuid", "char": return .string
        case "integer", "int", "uint", "int32", "int64", "uint64", "long": return .integer
        case "float", "float64", "double", "number", "decimal", "numeric": return .number
        case "bool", "boolean": return .boolean
        case "object", "json", "map", "dict": return .object
        case "array", "list", "[]object", "[]string", "array of objects": return .array
        default: return key.hasPrefix("array") || key.hasPrefix("[]") ? .array : nil
        }
    }

    enum TypeKind: String, Sendable {
        case string, integer, number, boolean, object, array
    }

    /// Lowercased words only, for comparing titles.
    static func normalizedTitle(_ text: String) -> String {
        text.lowercased()
            .map { $0.isLetter || $0.isNumber ? $0 : " " }
            .reduce(into: "") { $0.append($1) }
            .split(separator: " ").joined(separator: " ")
    }

    /// The GitBook URL slug of a title (`Check account status` → `check-account-status`).
    static func slug(_ text: String) -> String {
        normalizedTitle(text).replacingOccurrences(of: " ", with: "-")
    }

    static func replacing(_ pattern: String, in text: String, with template: String) -> String {
        text.replacingOccurrences(of: pattern, with: template, options: .regularExpression)
    }

    static func firstMatch(_ pattern: String, in text: String) -> [String]? {
        guard let regex = try? NSRegularExpression(pattern: pattern),
            let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
        else { return nil }
        return (0..<match.numberOfRanges).map { index in
            Range(match.range(at: index), in: text).map { String(text[$0]) } ?? ""
        }
    }
}
