import Foundation

/// A request Tarlan sends to the merchant (a webhook), as the schema describes it.
public struct CallbackDescriptor: Sendable, Hashable {
    public var id: String
    public var summary: String
    public var section: TarlanSection
    public var method: HTTPMethod
    /// `.body` for a POST JSON payload, `.query` for a GET whose query is signed as a typed object.
    public var payloadLocation: RequestLocation
    public var payloadFields: [RequestField]
    /// JSON keys of card data in the payload: redacted from printed output.
    public var sensitiveFields: Set<String>

    public init(
        id: String,
        summary: String,
        section: TarlanSection,
        method: HTTPMethod,
        payloadLocation: RequestLocation,
        payloadFields: [RequestField],
        sensitiveFields: Set<String> = []
    ) {
        self.id = id
        self.summary = summary
        self.section = section
        self.method = method
        self.payloadLocation = payloadLocation
        self.payloadFields = payloadFields
        self.sensitiveFields = sensitiveFields
    }
}

/// A callback verifiable without naming its payload type (for `tarlan demo`).
public struct DynamicCallback: Sendable {
    public let descriptor: CallbackDescriptor
    private let check: @Sendable (WebhookVerifier, Data, String?) throws -> JSONValue

    package init<Payload: JSONReadable & JSONWritable & Sendable>(_ descriptor: CallbackDescriptor, payload: Payload.Type) {
        self.descriptor = descriptor
        self.check = { verifier, input, header in
            let verified: VerifiedCallback<Payload>
            switch descriptor.payloadLocation {
            case .body:
                verified = try verifier.verify(descriptor, body: input, signatureHeader: header, as: Payload.self)
            case .query:
                let url = URL(string: String(decoding: input, as: UTF8.self))
                guard let url else { throw WebhookError.malformedBody(reason: "not a URL") }
                verified = try verifier.verify(descriptor, url: url, signatureHeader: header, as: Payload.self)
            }
            return try verified.payload.json()
        }
    }

    /// Verifies `input` (the body, or for a GET callback the URL's text) and returns the typed payload as JSON.
    public func verify(_ verifier: WebhookVerifier, input: Data, signatureHeader: String?) throws -> JSONValue {
        try check(verifier, input, signatureHeader)
    }
}
