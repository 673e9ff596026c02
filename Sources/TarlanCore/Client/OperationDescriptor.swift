/// An API section: its name and how it signs (AGWS: `X-Signature`, Acquiring: `Authorization: Bearer`).
package struct TarlanSection: Sendable, Hashable {
    package var name: String
    package var title: String
    package var signing: SigningRules
    /// Environment name (`production`, `sandbox`) → base URL.
    package var servers: [String: String]
    /// Codes the section's error table lists as expected errors (HTTP 200 in the new format):
    /// arriving with `status: false`, they can only be in the old format.
    package var expectedErrorCodes: Set<Int>

    package init(
        name: String, title: String, signing: SigningRules, servers: [String: String], expectedErrorCodes: Set<Int> = []
    ) {
        self.name = name
        self.title = title
        self.signing = signing
        self.servers = servers
        self.expectedErrorCodes = expectedErrorCodes
    }
}

/// The error formats of the reference's section 4.6.
package enum ErrorFormat: String, Sendable, Hashable, CaseIterable {
    /// `status: false` with `status_code` and `message`, on any HTTP status.
    case old
    /// The old page tree's answer without the envelope: the error in `result.error_code` and
    /// `result.message` (AGWS `/test/check`, `/test/cash-in`, `/test/status`).
    case oldTree
    /// HTTP 200, `status: true`, the error in `result.error_code` and `result.message`.
    case newExpected
    /// The old body with HTTP 4xx/5xx.
    case newUnexpected
    /// Acquiring's `status: false` body with HTTP 4xx/5xx.
    case acquiring
}

/// Where an operation's request goes.
package enum RequestLocation: String, Sendable, Hashable, CaseIterable {
    case body
    /// Query parameters, signed as a JSON object typed by the request model.
    case query
}

/// One field of a request, as the schema defines it (the mock checks requests with these).
package struct RequestField: Sendable, Hashable {
    package enum Kind: String, Sendable, Hashable {
        case string, integer, number, boolean, array, object, any
    }

    package var name: String
    package var kind: Kind
    package var isRequired: Bool
    /// Other keys the field is sent or received under (`encrypted_card_id` for `card_token`).
    package var aliases: [String]

    package init(name: String, kind: Kind, isRequired: Bool, aliases: [String] = []) {
        self.name = name
        self.kind = kind
        self.isRequired = isRequired
        self.aliases = aliases
    }
}

/// Everything the runtime needs to know about an operation; generated from the schema.
package struct OperationDescriptor: Sendable, Hashable {
    package var id: String
    package var summary: String
    package var section: TarlanSection
    package var method: HTTPMethod
    package var path: String
    /// Paths that differ by environment (`"sandbox"` → path); `path` everywhere else.
    package var environmentPaths: [String: String]
    package var requestLocation: RequestLocation
    package var requestFields: [RequestField]
    package var errorFormats: Set<ErrorFormat>
    /// Safe to repeat (status checks, balance, lists); payment-creating calls never are.
    package var isIdempotent: Bool
    package var documentation: String?
    /// JSON keys of card data anywhere in the request or result: redacted from snippets and printed output.
    package var sensitiveFields: Set<String>
    /// How to find out what happened when a money-moving call's outcome is unknown; nil for
    /// idempotent operations.
    package var reconciliation: Reconciliation?

    package init(
        id: String,
        summary: String,
        section: TarlanSection,
        method: HTTPMethod,
        path: String,
        environmentPaths: [String: String] = [:],
        requestLocation: RequestLocation,
        requestFields: [RequestField],
        errorFormats: Set<ErrorFormat>,
        isIdempotent: Bool,
        documentation: String?,
        sensitiveFields: Set<String> = [],
        reconciliation: Reconciliation? = nil
    ) {
        self.id = id
        self.summary = summary
        self.section = section
        self.method = method
        self.path = path
        self.environmentPaths = environmentPaths
        self.requestLocation = requestLocation
        self.requestFields = requestFields
        self.errorFormats = errorFormats
        self.isIdempotent = isIdempotent
        self.documentation = documentation
        self.sensitiveFields = sensitiveFields
        self.reconciliation = reconciliation
    }

    /// The path to call in the named environment (`nil`: a custom base URL, which uses `path`).
    package func path(in environment: String?) -> String {
        environment.flatMap { environmentPaths[$0] } ?? path
    }
}
