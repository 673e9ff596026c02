import TarlanCore
import TarlanGeneratorKit

/// The OpenAPI export of a run: the document's text and the schema's warnings.
package struct OpenAPIOutput: Sendable {
    /// The OpenAPI 3.1.0 document, pretty-printed with sorted keys, ending with one newline.
    package var text: String
    package var warnings: [Diagnostic]
}

/// `APISchema` → an OpenAPI 3.1.0 document (`tarlan-generator openapi`), for Swagger UI, Postman
/// and other languages' generators.
///
/// Pure and deterministic: every collection is emitted in sorted order, objects are printed with
/// sorted keys, and `info.version` is a fingerprint of the rest of the document. What OpenAPI cannot
/// express (per-request signatures, key aliases, open enums, error bodies under HTTP 200) is stated
/// in descriptions and, where a tool could use it, in `x-tarlan-*` extensions.
package enum OpenAPIExport {
    package static let openAPIVersion = "3.1.0"
    package static let title = "Tarlanpayments API (TarlanKit schema)"

    /// load → validate → export. A schema that fails validation fails the export the same way
    /// `generate` fails, with located diagnostics.
    package static func run(_ files: [SchemaLoader.File]) throws(GenerationFailed) -> OpenAPIOutput {
        let schema = try SchemaLoader.load(files)
        let warnings = try SchemaValidator.validate(schema)
        return OpenAPIOutput(text: text(schema), warnings: warnings)
    }

    /// The document as text: pretty-printed, keys sorted, one trailing newline.
    package static func text(_ schema: APISchema) -> String {
        JSONPrettyPrinter.string(document(schema)) + "\n"
    }

    /// The whole schema as an OpenAPI 3.1.0 document.
    package static func document(_ schema: APISchema) -> JSONValue {
        let names = OpenAPINames(schema)
        let sections = schema.sections.values.sorted { $0.id < $1.id }
        var document: [String: JSONValue] = [
            "openapi": .string(openAPIVersion),
            "info": .object(info(schema)),
            "servers": .array(sections.flatMap { OpenAPIServers.servers(of: $0) }),
            "tags": .array(sections.map(tag)),
            "paths": OpenAPIPaths.paths(schema, names: names),
            "components": .object([
                "securitySchemes": .object(
                    Dictionary(
                        uniqueKeysWithValues: sections.map {
                            (names.securityScheme(for: $0.id), OpenAPISecurity.scheme($0))
                        })),
                "schemas": .object(OpenAPISchemas.components(schema, names: names)),
            ]),
        ]
        let webhooks = OpenAPIPaths.webhooks(schema, names: names)
        if !webhooks.isEmpty {
            document["webhooks"] = .object(webhooks)
        }
        // The version is a fingerprint of everything else, so it changes exactly when the export does.
        let fingerprint = TarlanSHA256.hex(TarlanSHA256.hash(CanonicalJSON.encode(.object(document))))
        var info = info(schema)
        info["version"] = .string("schema-" + String(fingerprint.prefix(12)))
        document["info"] = .object(info)
        return .object(document)
    }

    /// `info` without `version`, which is added once the rest of the document is known.
    private static func info(_ schema: APISchema) -> [String: JSONValue] {
        let sections = schema.sections.values.sorted { $0.id < $1.id }
        let sectionLines = sections.map { section in
            "- **\(section.title)** (tag `\(section.id)`, signed in `\(section.signing.headerName)`): "
                + (section.description ?? "") + (section.documentation.map { " Documentation: \($0)" } ?? "")
        }
        let description = OpenAPIText.paragraphs([
            "Typed description of the Tarlanpayments API, exported from the TarlanKit schema (`Schema/*.json`, "
                + "the single source of truth of the Swift bindings) by `tarlan-generator openapi`. Every fact comes "
                + "from Tarlan's documentation; where the documentation contradicts itself, the contradiction is "
                + "written down (\"Documentation quirks\", \"Quirk:\") rather than smoothed over.",
            sectionLines.joined(separator: "\n"),
            "**Responses.** Every answer is the envelope `{\"status\", \"status_code\", \"message\", \"result\"}`; "
                + "an operation's value is `result`. Errors come in the formats of reference section 4.6: `old` "
                + "(`status: false` with any HTTP status, so also under 200), `newExpected` (HTTP 200, `status: true`, "
                + "the error in `result.error_code`/`result.message`), `newUnexpected` (the `status: false` body with "
                + "HTTP 4xx/5xx) and `acquiring` (the Acquiring error body with HTTP 4xx/5xx). Each operation's "
                + "responses list the formats it may use.",
            "**What OpenAPI cannot express here.** (1) The security schemes are per-request signatures of the body "
                + "(or of the query as a typed JSON object), not static keys; each scheme's description gives the "
                + "algorithm. (2) Some fields have arrived under other JSON keys in some page versions; decoders "
                + "should read those too (listed in the field's description and in `x-tarlan-aliases`). (3) Enums "
                + "are open: values not listed may appear and must not be rejected. (4) Error bodies may arrive with "
                + "HTTP 200, so 200 responses are an `anyOf` of the success envelope and the error envelopes. (5) Key "
                + "aliases and undocumented enum values mean a few documented examples do not validate against these "
                + "schemas; `format: date-time` is an annotation, and some documented timestamps lack an offset.",
            "Optional fields of decoded models (results, webhook payloads) may also be `null`: TarlanKit reads `null` as absent.",
            "`info.version` is a fingerprint of this document (the first 12 hex digits of the SHA-256 of its "
                + "canonical JSON without `info.version`): it changes exactly when the export does.",
        ])
        return [
            "title": .string(title),
            "summary": "The Tarlanpayments API as the TarlanKit schema describes it.",
            "description": .string(description ?? ""),
        ]
    }

    private static func tag(_ section: Section) -> JSONValue {
        var tag: [String: JSONValue] = [
            "name": .string(section.id),
            "description": .string(OpenAPIText.paragraphs([section.title, section.description]) ?? section.title),
        ]
        if let documentation = section.documentation {
            tag["externalDocs"] = [
                "description": .string("\(section.title) documentation"), "url": .string(documentation),
            ]
        }
        return .object(tag)
    }
}

/// Names of the components the export adds next to the schema's models and enums, chosen so they
/// never collide with a model or enum name.
struct OpenAPINames {
    private var successEnvelopes: [String: String] = [:]
    private var errorEnvelopes: [String: String] = [:]
    private var expectedErrorEnvelopes: [String: String] = [:]
    private var securitySchemes: [String: String] = [:]
    private var webhookOperationIDs: [String: String] = [:]

    init(_ schema: APISchema) {
        var taken = Set(schema.models.keys).union(schema.enums.keys)
        func claim(_ base: String) -> String {
            var name = base
            var counter = 2
            while taken.contains(name) {
                name = base + String(counter)
                counter += 1
            }
            taken.insert(name)
            return name
        }
        for section in schema.sections.values.sorted(by: { $0.id < $1.id }) {
            let prefix = OpenAPIText.upperFirst(section.swiftPrefix)
            errorEnvelopes[section.id] = claim(prefix + "ErrorEnvelope")
            expectedErrorEnvelopes[section.id] = claim(prefix + "ExpectedErrorEnvelope")
            securitySchemes[section.id] = prefix + "Signature"
        }
        for operation in schema.operations.values.sorted(by: { $0.id < $1.id }) {
            successEnvelopes[operation.id] = claim(OpenAPIText.upperFirst(operation.id) + "Envelope")
        }
        var operationIDs = Set(schema.operations.keys)
        for callback in schema.callbacks.values.sorted(by: { $0.id < $1.id }) {
            var id = callback.id
            while operationIDs.contains(id) { id += "Webhook" }
            operationIDs.insert(id)
            webhookOperationIDs[callback.id] = id
        }
    }

    func successEnvelope(for operationID: String) -> String {
        successEnvelopes[operationID] ?? operationID + "Envelope"
    }
    func errorEnvelope(for sectionID: String) -> String { errorEnvelopes[sectionID] ?? sectionID + "ErrorEnvelope" }
    func expectedErrorEnvelope(for sectionID: String) -> String {
        expectedErrorEnvelopes[sectionID] ?? sectionID + "ExpectedErrorEnvelope"
    }
    func securityScheme(for sectionID: String) -> String { securitySchemes[sectionID] ?? sectionID + "Signature" }
    func webhookOperationID(for callbackID: String) -> String { webhookOperationIDs[callbackID] ?? callbackID }

    static func reference(_ component: String) -> JSONValue {
        ["$ref": .string("#/components/schemas/" + component)]
    }
}

/// Markdown text helpers.
enum OpenAPIText {
    /// Non-empty parts joined as paragraphs; nil when nothing is left.
    static func paragraphs(_ parts: [String?]) -> String? {
        let kept = parts.compactMap { $0 }.filter { !$0.isEmpty }
        return kept.isEmpty ? nil : kept.joined(separator: "\n\n")
    }

    static func bullets(_ title: String, _ items: [String]) -> String? {
        items.isEmpty ? nil : "**\(title)**\n\n" + items.map { "- " + $0 }.joined(separator: "\n")
    }

    static func upperFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }

    static func code(_ text: String) -> String {
        text.contains("`") ? "``" + text + "``" : "`" + text + "`"
    }

    /// A JSON value inline, as `code`.
    static func code(_ value: JSONValue) -> String {
        code(CanonicalJSON.string(value))
    }

    static func provenance(_ provenance: Provenance) -> String {
        switch provenance {
        case .doc: "provenance: doc (the current documentation)"
        case .docOld: "provenance: doc-old (an older documentation version)"
        case .computed: "provenance: computed (built by the schema's authors from the documentation)"
        case .inferred: "provenance: inferred (reconstructed; not shown verbatim anywhere)"
        }
    }
}
