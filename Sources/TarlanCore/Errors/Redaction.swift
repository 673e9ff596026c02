import Foundation

/// Keeps card data (the schema's `sensitive` fields) out of printed output and error snippets.
package enum Redaction {
    package static let placeholder = "[redacted]"

    /// `value` with every member named in `keys`, at any depth, replaced by ``placeholder``.
    package static func redact(_ value: JSONValue, keys: Set<String>) -> JSONValue {
        guard !keys.isEmpty else { return value }
        switch value {
        case .object(let members):
            var redacted: [String: JSONValue] = [:]
            for (key, member) in members {
                redacted[key] = keys.contains(key) && !member.isNull ? .string(placeholder) : redact(member, keys: keys)
            }
            return .object(redacted)
        case .array(let elements):
            return .array(elements.map { redact($0, keys: keys) })
        default:
            return value
        }
    }

    /// A body snippet (at most ``BodySnippet/limit`` characters) with sensitive members redacted.
    package static func snippet(of body: Data, keys: Set<String>) -> String {
        keys.isEmpty ? BodySnippet.of(body) : BodySnippet.of(Data(text(of: body, keys: keys).utf8))
    }

    /// The whole body as text with sensitive members redacted. A body that is not JSON but names a
    /// sensitive key is withheld entirely, since its values cannot be found reliably.
    package static func text(of body: Data, keys: Set<String>) -> String {
        guard !keys.isEmpty else { return String(decoding: body, as: UTF8.self) }
        if let json = try? JSONParser.parse(body, options: JSONParser.Options(maxDepth: 64, duplicateKeys: .lastWins)) {
            return CanonicalJSON.string(redact(json, keys: keys))
        }
        let text = String(decoding: body, as: UTF8.self)
        return keys.contains(where: { text.contains($0) }) ? "(body withheld: it may contain card data)" : text
    }

    /// A custom mirror that shows every property but the sensitive ones (for generated models).
    package static func mirror<Subject>(
        _ subject: Subject,
        _ children: KeyValuePairs<String, Any>,
        sensitive: Set<String>
    ) -> Mirror {
        let shown = children.map { label, value -> Mirror.Child in
            (label: label, value: sensitive.contains(label) ? placeholder as Any : value)
        }
        return Mirror(subject, children: shown, displayStyle: .struct)
    }
}
