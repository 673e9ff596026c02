import Foundation

/// Why a callback was rejected. None of the cases carries the secret or the signature.
public enum WebhookError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No signature header, or an empty one.
    case missingSignature
    /// The signature does not match the payload and the secret.
    case invalidSignature
    /// The body is larger than the verifier's limit; it was not parsed.
    case bodyTooLarge(limit: Int)
    /// The body is not a JSON object (or has duplicate keys, which could hide a second value from the signature).
    case malformedBody(reason: String)
    /// Signed correctly, but a value does not fit the payload model.
    case payloadMismatch(path: String, reason: String)

    public var description: String {
        switch self {
        case .missingSignature: "callback rejected: no signature"
        case .invalidSignature: "callback rejected: the signature does not match"
        case .bodyTooLarge(let limit): "callback rejected: the body is larger than \(limit) bytes"
        case .malformedBody(let reason): "callback rejected: malformed body: \(reason)"
        case .payloadMismatch(let path, let reason): "callback rejected: `\(path)` does not fit the payload: \(reason)"
        }
    }
}

/// A verified callback: the typed payload, and the whole JSON object it came from (unknown fields kept).
public struct VerifiedCallback<Payload: Sendable>: Sendable {
    public var payload: Payload
    public var fields: JSONValue
}

/// Checks the signature of a callback Tarlan sent and decodes its payload.
///
/// Stateless: it cannot tell a replayed callback from the first delivery (Tarlan itself retries
/// with backoff, so duplicates are normal). Make your handler idempotent, keyed by the transaction
/// id and status, and treat a repeated callback as already processed.
public struct WebhookVerifier: Sendable {
    private let secret: TarlanSecret
    /// Bodies larger than this are refused before parsing.
    public var maxBodySize: Int

    public init(secret: TarlanSecret, maxBodySize: Int = 1 << 20) {
        self.secret = secret
        self.maxBodySize = maxBodySize
    }

    /// Verifies a POST callback: `body` as received, `signatureHeader` the value of the section's
    /// signature header (`X-Signature`, or `Authorization` with its `Bearer ` prefix).
    package func verify<Payload: JSONReadable & Sendable>(
        _ callback: CallbackDescriptor,
        body: Data,
        signatureHeader: String?,
        as type: Payload.Type
    ) throws(WebhookError) -> VerifiedCallback<Payload> {
        guard body.count <= maxBodySize else { throw .bodyTooLarge(limit: maxBodySize) }
        let json: JSONValue
        do {
            json = try JSONParser.parse(body, options: JSONParser.Options(maxDepth: 64, duplicateKeys: .reject))
        } catch {
            throw .malformedBody(reason: error.description)
        }
        return try check(callback, json, signatureHeader, Payload.self)
    }

    /// Verifies a GET callback from its full URL (the query is signed as a typed JSON object).
    package func verify<Payload: JSONReadable & Sendable>(
        _ callback: CallbackDescriptor,
        url: URL,
        signatureHeader: String?,
        as type: Payload.Type
    ) throws(WebhookError) -> VerifiedCallback<Payload> {
        guard url.absoluteString.utf8.count <= maxBodySize else { throw .bodyTooLarge(limit: maxBodySize) }
        return try check(callback, QueryTyping.object(from: url, fields: callback.payloadFields), signatureHeader, Payload.self)
    }

    private func check<Payload: JSONReadable & Sendable>(
        _ callback: CallbackDescriptor,
        _ json: JSONValue,
        _ signatureHeader: String?,
        _ type: Payload.Type
    ) throws(WebhookError) -> VerifiedCallback<Payload> {
        guard json.objectValue != nil else { throw .malformedBody(reason: "expected a JSON object, found \(json.jsonTypeName)") }
        guard let header = signatureHeader?.trimmingCharacters(in: .whitespaces), !header.isEmpty else {
            throw .missingSignature
        }
        guard Signer.verify(headerValue: header, body: json, secret: secret, rules: callback.section.signing) else {
            throw .invalidSignature
        }
        do {
            let payload = try Payload(json: json, context: .strict)
            return VerifiedCallback(payload: payload, fields: json)
        } catch {
            throw .payloadMismatch(path: error.path(), reason: error.reason)
        }
    }
}
