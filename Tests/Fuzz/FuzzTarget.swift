// libFuzzer entry point over the runtime's byte-reading code, built by `run-libfuzzer.sh` together
// with `Sources/TarlanCore` into one module (not part of the Swift package). Each input is used
// as a response body, a JSON document, a webhook body and a date-time; a property that does not
// hold traps, which libFuzzer reports as a crash with the input that caused it.
import Foundation

private let rules = SigningRules(headerName: "X-Signature", valuePrefix: "", excludedTopLevelFields: ["additional_data"], excludesEmptyStrings: true)
private let section = TarlanSection(name: "fuzz", title: "Fuzz", signing: rules, servers: [:])
private let operation = OperationDescriptor(
    id: "fuzz", summary: "fuzz", section: section, method: .post, path: "/fuzz", requestLocation: .body,
    requestFields: [RequestField(name: "id", kind: .integer, isRequired: true)],
    errorFormats: Set(ErrorFormat.allCases), isIdempotent: false, documentation: nil, sensitiveFields: ["card_number", "cvc"])
private let callback = CallbackDescriptor(
    id: "fuzzCallback", summary: "fuzz", section: section, method: .post, payloadLocation: .body,
    payloadFields: [RequestField(name: "id", kind: .integer, isRequired: true)], sensitiveFields: ["card_number"])
private let secret = TarlanSecret("libfuzzer-secret")
private let verifier = WebhookVerifier(secret: secret)

/// A payload model with the field shapes generated models use, read the way they read.
private struct Payload: JSONReadable, Sendable {
    var id: Int?
    var amount: Decimal?
    var status: String?
    var createdAt: TarlanTimestamp?
    var extra: JSONValue?

    init(json: JSONValue, context: JSONReadContext) throws(JSONReadError) {
        let object = try JSONObjectReader(json, model: "Payload", context: context)
        id = try object.int("id")
        amount = try object.decimal("amount")
        status = try object.string("status")
        createdAt = try object.timestamp("created_at")
        extra = object.json("extra")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    let body = Data(bytes)

    // The parser: a value round-trips through canonical JSON; an error lies inside the input.
    do {
        let value = try JSONParser.parse(bytes)
        precondition((try? JSONParser.parse(CanonicalJSON.encode(value))) == value, "canonical JSON does not round-trip")
        _ = JSONPrettyPrinter.string(value)
    } catch {
        precondition(error.offset >= 0 && error.offset <= count && error.line >= 1 && error.column >= 1, "error outside the input")
    }

    // The response interpreter, at a success and an error status.
    for status in [200, 500] {
        do {
            _ = try ResponseInterpreter.decode(Payload.self, for: operation, from: HTTPResponse(statusCode: status, body: body))
            precondition(status == 200, "a result decoded from HTTP \(status)")
        } catch {
            switch error {
            case .http(let failure): precondition(failure.bodySnippet.count <= BodySnippet.limit + 1, "unbounded snippet")
            case .decoding(let failure): precondition(failure.bodySnippet.count <= BodySnippet.limit + 1, "unbounded snippet")
            case .api: break
            case .transport, .invalidRequest: preconditionFailure("impossible failure \(error)")
            }
        }
    }

    // The webhook verifier, with a valid signature when the body is an object, and a wrong one.
    let signed = try? JSONParser.parse(bytes, options: JSONParser.Options(maxDepth: 64, duplicateKeys: .reject))
    let header = signed.map { Signer.headerValue(for: $0, secret: secret, rules: rules) }
    _ = try? verifier.verify(callback, body: body, signatureHeader: header, as: Payload.self)
    if (try? verifier.verify(callback, body: body, signatureHeader: String(repeating: "0", count: 64), as: Payload.self)) != nil {
        preconditionFailure("accepted a wrong signature")
    }

    // Redaction of any body, and date-times from any text.
    _ = Redaction.text(of: body, keys: ["card_number", "cvc"])
    _ = TarlanTimestamp(String(decoding: bytes.prefix(256), as: UTF8.self)).date
    return 0
}
