import Foundation

/// A request Tarlan sends to the merchant (a webhook), as the schema describes it.
package struct CallbackDescriptor: Sendable, Hashable {
    package var id: String
    package var summary: String
    package var section: TarlanSection
    package var method: HTTPMethod
    /// `.body` for a POST JSON payload, `.query` for a GET whose query is signed as a typed object.
    package var payloadLocation: RequestLocation
    package var payloadFields: [RequestField]
    /// JSON keys of card data in the payload: redacted from printed output.
    package var sensitiveFields: Set<String>
    package var documentation: String?

    package init(
        id: String,
        summary: String,
        section: TarlanSection,
        method: HTTPMethod,
        payloadLocation: RequestLocation,
        payloadFields: [RequestField],
        sensitiveFields: Set<String> = [],
        documentation: String? = nil
    ) {
        self.id = id
        self.summary = summary
        self.section = section
        self.method = method
        self.payloadLocation = payloadLocation
        self.payloadFields = payloadFields
        self.sensitiveFields = sensitiveFields
        self.documentation = documentation
    }
}

/// A callback verifiable without naming its payload type (`tarlan demo`, `tarlan verify-callback`).
package struct DynamicCallback: Sendable {
    package let descriptor: CallbackDescriptor
    private let check: @Sendable (WebhookVerifier, Data, String?) throws(WebhookError) -> VerifiedCallback<JSONValue>

    package init<Payload: JSONReadable & JSONWritable & Sendable>(
        _ descriptor: CallbackDescriptor, payload: Payload.Type
    ) {
        self.descriptor = descriptor
        self.check = { verifier, input, header throws(WebhookError) in
            let verified: VerifiedCallback<Payload>
            switch descriptor.payloadLocation {
            case .body:
                verified = try verifier.verify(descriptor, body: input, signatureHeader: header, as: Payload.self)
            case .query:
                verified = try verifier.verify(
                    descriptor, url: try Self.url(input), signatureHeader: header, as: Payload.self)
            }
            // The typed payload as JSON: what the generated model kept, under its documented keys.
            let payload = (try? verified.payload.json()) ?? verified.fields
            return VerifiedCallback(
                payload: payload, fields: verified.fields, missingFields: verified.missingFields,
                unreadableFields: verified.unreadableFields, canonicalForm: verified.canonicalForm)
        }
    }

    /// Verifies `input` (the body, or for a GET callback the URL's text) and returns the typed payload as JSON.
    package func verify(_ verifier: WebhookVerifier, input: Data, signatureHeader: String?) throws(WebhookError)
        -> VerifiedCallback<JSONValue>
    {
        try check(verifier, input, signatureHeader)
    }

    /// The canonical text each form the verifier accepts would have hashed for `input`, for a merchant
    /// debugging a mismatch. The secret is appended only after this text, so it never appears in it.
    package func signedTexts(_ verifier: WebhookVerifier, input: Data) throws(WebhookError) -> [(CanonicalForm, String)]
    {
        switch descriptor.payloadLocation {
        case .body:
            return try verifier.signedTexts(descriptor, body: input)
        case .query:
            let typed = QueryTyping.object(from: try Self.url(input), fields: descriptor.payloadFields)
            let forms =
                [descriptor.section.signing.canonicalForm]
                + CanonicalForm.allCases.filter {
                    $0 != descriptor.section.signing.canonicalForm && verifier.alsoAccepting.contains($0)
                }
            return forms.map { form in
                (
                    form,
                    String(
                        decoding: Signer.signingBytes(typed, rules: descriptor.section.signing, form: form),
                        as: UTF8.self)
                )
            }
        }
    }

    private static func url(_ input: Data) throws(WebhookError) -> URL {
        guard let url = URL(string: String(decoding: input, as: UTF8.self)) else {
            throw .malformedBody(reason: "not a URL")
        }
        return url
    }
}
