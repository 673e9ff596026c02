import Foundation

/// Why a callback was rejected. None of the cases carries the secret or the signature.
///
/// Only these are refused; a correctly signed callback is always accepted, whatever its shape.
public enum WebhookError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No signature header, or an empty one.
    case missingSignature
    /// The signature does not match the payload and the secret.
    case invalidSignature
    /// The body is larger than the verifier's limit; it was not parsed.
    case bodyTooLarge(limit: Int)
    /// The body is not a JSON object (or has duplicate keys, which could hide a second value from the signature).
    case malformedBody(reason: String)

    public var description: String {
        switch self {
        case .missingSignature: "callback rejected: no signature"
        case .invalidSignature: "callback rejected: the signature does not match"
        case .bodyTooLarge(let limit): "callback rejected: the body is larger than \(limit) bytes"
        case .malformedBody(let reason): "callback rejected: malformed body: \(reason)"
        }
    }
}

/// A verified callback: the typed payload, every field that arrived, and what did not fit.
///
/// Once the signature verifies, nothing about the payload's shape is fatal: every payload property
/// is optional, drifted values (a number sent as a string, `"1"` for true) are converted, and what
/// could not be read is reported here as data. Decide yourself whether a notification without, say,
/// `transaction_id` can be processed; answer Tarlan 200 either way once you have stored it.
public struct VerifiedCallback<Payload: Sendable>: Sendable {
    public var payload: Payload
    /// The whole JSON object as it arrived (unknown fields too).
    public var fields: JSONValue
    /// Fields the documentation marks as required that were absent or `null`, by JSON key.
    public var missingFields: [String]
    /// Fields that arrived but could not be read as their documented type (`amount`, `fail_reason.code`);
    /// their payload property is nil and the value is still in ``fields``.
    public var unreadableFields: [String]
    /// The canonical form the signature verified in (the section's, unless the verifier was told to
    /// accept another during a migration).
    public var canonicalForm: CanonicalForm

    /// True when every documented field arrived and could be read.
    package var isComplete: Bool { missingFields.isEmpty && unreadableFields.isEmpty }
}

/// Checks the signature of a callback Tarlan sent and decodes its payload.
///
/// Stateless: it cannot tell a replayed callback from the first delivery (Tarlan itself retries
/// with backoff, so duplicates are normal). Make your handler idempotent, keyed by the transaction
/// id and status, and treat a repeated callback as already processed.
public struct WebhookVerifier: Sendable {
    private let secret: TarlanSecret
    /// Bodies larger than this are refused before parsing.
    package var maxBodySize: Int
    /// Canonical forms accepted besides the section's own (for a migration between forms; empty by default).
    package var alsoAccepting: Set<CanonicalForm>

    public init(secret: TarlanSecret, maxBodySize: Int = 1 << 20, alsoAccepting: Set<CanonicalForm> = []) {
        self.secret = secret
        self.maxBodySize = maxBodySize
        self.alsoAccepting = alsoAccepting
    }

    /// Verifies a POST callback: `body` as received, `signatureHeader` the value of the section's
    /// signature header (`X-Signature`, or `Authorization` with its `Bearer ` prefix).
    package func verify<Payload: JSONReadable & Sendable>(
        _ callback: CallbackDescriptor,
        body: Data,
        signatureHeader: String?,
        as type: Payload.Type
    ) throws(WebhookError) -> VerifiedCallback<Payload> {
        let (json, keyOrder) = try parse(body, callback)
        return try check(callback, json, keyOrder, signatureHeader, Payload.self)
    }

    /// Verifies a GET callback from its full URL (the query is signed as a typed JSON object).
    package func verify<Payload: JSONReadable & Sendable>(
        _ callback: CallbackDescriptor,
        url: URL,
        signatureHeader: String?,
        as type: Payload.Type
    ) throws(WebhookError) -> VerifiedCallback<Payload> {
        guard url.absoluteString.utf8.count <= maxBodySize else { throw .bodyTooLarge(limit: maxBodySize) }
        let json = QueryTyping.object(from: url, fields: callback.payloadFields)
        return try check(callback, json, nil, signatureHeader, Payload.self)
    }

    /// The canonical text each accepted form would have signed, for a merchant debugging a mismatch
    /// (`tarlan verify-callback`). Never includes the secret.
    package func signedTexts(_ callback: CallbackDescriptor, body: Data) throws(WebhookError) -> [(
        CanonicalForm, String
    )] {
        let (json, keyOrder) = try parse(body, callback)
        return forms(callback).map { form in
            (
                form,
                String(
                    decoding: Signer.signingBytes(
                        json, rules: callback.section.signing, form: form, keyOrder: keyOrder), as: UTF8.self)
            )
        }
    }

    private func parse(_ body: Data, _ callback: CallbackDescriptor) throws(WebhookError) -> (
        JSONValue, [String: JSONSourceLocation]?
    ) {
        guard body.count <= maxBodySize else { throw .bodyTooLarge(limit: maxBodySize) }
        let options = JSONParser.Options(maxDepth: 64, duplicateKeys: .reject)
        do {
            // Key order matters only to a form that keeps nested keys as they arrived.
            if forms(callback).contains(.phpSample) {
                let parsed = try JSONParser.parseWithLocations(body, options: options)
                return (parsed.value, parsed.locations)
            }
            return (try JSONParser.parse(body, options: options), nil)
        } catch {
            throw .malformedBody(reason: error.description)
        }
    }

    /// The section's form first, then the extra ones.
    private func forms(_ callback: CallbackDescriptor) -> [CanonicalForm] {
        let own = callback.section.signing.canonicalForm
        return [own] + CanonicalForm.allCases.filter { $0 != own && alsoAccepting.contains($0) }
    }

    private func check<Payload: JSONReadable & Sendable>(
        _ callback: CallbackDescriptor,
        _ json: JSONValue,
        _ keyOrder: [String: JSONSourceLocation]?,
        _ signatureHeader: String?,
        _ type: Payload.Type
    ) throws(WebhookError) -> VerifiedCallback<Payload> {
        guard let members = json.objectValue else {
            throw .malformedBody(reason: "expected a JSON object, found \(json.jsonTypeName)")
        }
        guard let header = signatureHeader?.trimmingCharacters(in: .whitespaces), !header.isEmpty else {
            throw .missingSignature
        }
        let rules = callback.section.signing
        guard
            let form = forms(callback).first(where: { form in
                Signer.verify(
                    headerValue: header, body: json, secret: secret, rules: rules, form: form, keyOrder: keyOrder)
            })
        else {
            throw .invalidSignature
        }
        // Signed by Tarlan: from here on nothing is refused. Drift is converted, the rest reported.
        let log = LenientReadLog()
        let payload: Payload
        do {
            payload = try Payload(json: json, context: .lenient(log))
        } catch {
            // Only a payload that is not an object fails a lenient read, and that was checked above.
            throw .malformedBody(reason: error.description)
        }
        let missing = callback.payloadFields.filter { field in
            field.isRequired && ([field.name] + field.aliases).allSatisfy { (members[$0] ?? .null) == .null }
        }
        return VerifiedCallback(
            payload: payload, fields: json, missingFields: missing.map(\.name), unreadableFields: log.unreadable,
            canonicalForm: form)
    }
}
