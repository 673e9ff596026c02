import Foundation

/// Tarlan request and callback signatures: `hex(sha256(base64(canonical(body)) + secret))`.
///
/// The signed object is the body without the section's excluded fields, serialised in the section's
/// ``CanonicalForm``. The documentation describes the steps but not the server's serialiser, so the
/// form is the schema's decision (reference §2.3), and the body on the wire is that same text.
package enum Signer {
    /// The object that is signed: the body minus excluded top-level fields and top-level ""
    /// values. Non-object bodies are signed as they are.
    package static func signedObject(_ body: JSONValue, rules: SigningRules) -> JSONValue {
        guard case .object(var members) = body else { return body }
        for field in rules.excludedTopLevelFields {
            members[field] = nil
        }
        if rules.excludesEmptyStrings {
            members = members.filter { $0.value != .string("") }
        }
        return .object(members)
    }

    /// The canonical JSON of `signedObject`: the exact bytes the signature covers.
    package static func signingBytes(
        _ body: JSONValue, rules: SigningRules, form: CanonicalForm? = nil,
        keyOrder: [String: JSONSourceLocation]? = nil
    ) -> [UInt8] {
        CanonicalJSON.encode(signedObject(body, rules: rules), form: form ?? rules.canonicalForm, keyOrder: keyOrder)
    }

    /// Lowercase hex of SHA-256(base64(signingBytes) + secret), both as UTF-8.
    package static func signature(
        for body: JSONValue, secret: TarlanSecret, rules: SigningRules, form: CanonicalForm? = nil
    ) -> String {
        signature(signingBytes: signingBytes(body, rules: rules, form: form), secret: secret)
    }

    /// The signature of bytes `signingBytes` already produced (so a caller that needs both encodes once).
    static func signature(signingBytes: [UInt8], secret: TarlanSecret) -> String {
        let encoded = Data(signingBytes).base64EncodedString()
        return TarlanSHA256.hex(TarlanSHA256.hash(Array(encoded.utf8) + Array(secret.value.utf8)))
    }

    /// True when `signedObject` would leave nothing out of `fields`, so the signed bytes are the body's.
    static func signsWholeObject(_ fields: [String: JSONValue], rules: SigningRules) -> Bool {
        !rules.excludedTopLevelFields.contains { fields[$0] != nil }
            && !(rules.excludesEmptyStrings && fields.values.contains(.string("")))
    }

    /// The full header value: prefix + signature.
    package static func headerValue(for body: JSONValue, secret: TarlanSecret, rules: SigningRules) -> String {
        rules.valuePrefix + signature(for: body, secret: secret, rules: rules)
    }

    /// Constant-time check of a received header value (prefix optional and matched
    /// case-insensitively, hex compared case-insensitively, surrounding spaces ignored, length
    /// mismatch → false). Always false for an empty secret, which anyone could sign with.
    package static func verify(
        headerValue: String, body: JSONValue, secret: TarlanSecret, rules: SigningRules, form: CanonicalForm? = nil,
        keyOrder: [String: JSONSourceLocation]? = nil
    ) -> Bool {
        guard !secret.isEmpty else { return false }
        var received = headerValue.utf8.map(asciiLowercased)
        while received.last == UInt8(ascii: " ") || received.last == UInt8(ascii: "\t") { received.removeLast() }
        while received.first == UInt8(ascii: " ") || received.first == UInt8(ascii: "\t") { received.removeFirst() }
        let prefix = rules.valuePrefix.utf8.map(asciiLowercased)
        if !prefix.isEmpty, received.starts(with: prefix) {
            received.removeFirst(prefix.count)
        }
        let signed = signingBytes(body, rules: rules, form: form, keyOrder: keyOrder)
        let expected = Array(signature(signingBytes: signed, secret: secret).utf8)
        return ConstantTime.equals(received, expected)
    }

    private static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }
}
