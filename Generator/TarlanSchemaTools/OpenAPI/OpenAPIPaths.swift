import TarlanCore
import TarlanGeneratorKit

/// `paths` (the operations) and `webhooks` (the callbacks Tarlan sends to the merchant).
enum OpenAPIPaths {
    static func paths(_ schema: APISchema, names: OpenAPINames) -> JSONValue {
        let operations = schema.operations.values.sorted { $0.id < $1.id }
        var items: [String: JSONValue] = [:]
        for path in Set(operations.map(\.path)) {
            let onPath = operations.filter { $0.path == path }
            let serverLists = onPath.map { operation in
                schema.sections[operation.section].map { OpenAPIServers.servers(for: operation, in: $0).servers } ?? []
            }
            // Servers belong to the path item unless its operations (different sections) disagree.
            let shared = Set(serverLists).count == 1
            var item: [String: JSONValue] = [:]
            for (operation, servers) in zip(onPath, serverLists) {
                var object = self.operation(operation, schema, names: names)
                if !shared {
                    object["servers"] = .array(servers)
                }
                item[operation.method.rawValue.lowercased()] = .object(object)
            }
            if shared, let servers = serverLists.first {
                item["servers"] = .array(servers)
            }
            items[path] = .object(item)
        }
        return .object(items)
    }

    static func webhooks(_ schema: APISchema, names: OpenAPINames) -> [String: JSONValue] {
        var webhooks: [String: JSONValue] = [:]
        for callback in schema.callbacks.values {
            webhooks[callback.id] = [callback.method.rawValue.lowercased(): webhook(callback, schema, names: names)]
        }
        return webhooks
    }

    // MARK: - Operations

    static func operation(_ operation: Operation, _ schema: APISchema, names: OpenAPINames) -> [String: JSONValue] {
        let section = schema.sections[operation.section]
        let scheme = names.securityScheme(for: operation.section)
        let unexpressed = section.map { OpenAPIServers.servers(for: operation, in: $0).unexpressed } ?? [:]
        let requests = examples(operation.examples, kind: .request)
        let description = OpenAPIText.paragraphs([
            operation.description,
            operation.resultDescription.map { "**Result:** \($0)" },
            operation.requestPlacement == .query
                ? "**Signing:** the query parameters are signed as the JSON object of their values typed by the schema "
                    + "(security scheme `\(scheme)`)."
                : "**Signing:** the JSON body is signed (security scheme `\(scheme)`); send the canonical JSON that was signed.",
            operation.idempotent
                ? "**Idempotent:** safe to retry."
                : "**Not idempotent:** a retry may repeat the effect (e.g. a payment); TarlanKit never retries it.",
            OpenAPIText.bullets("Error formats", operation.errorFormats.map(formatDescription)),
            OpenAPIText.bullets(
                "Paths that OpenAPI cannot express",
                unexpressed.sorted { $0.key < $1.key }.map {
                    "In \($0.key) the path is \(OpenAPIText.code($0.value)); OpenAPI paths cannot vary per server, so the "
                        + "\($0.key) server is not listed for this path."
                }),
            operation.requestPlacement == .query ? queryExamples(requests, section: section) : nil,
            OpenAPIText.bullets("Documentation quirks", operation.quirks),
        ])
        var object: [String: JSONValue] = [
            "operationId": .string(operation.id),
            "summary": .string(operation.summary),
            "tags": [.string(operation.section)],
            "security": [[scheme: []]],
            "responses": responses(operation, schema, names: names),
            "x-tarlan-idempotent": .bool(operation.idempotent),
            "x-tarlan-error-formats": .array(operation.errorFormats.map { .string($0.rawValue) }),
            "x-tarlan-source": .string(operation.location.reference),
        ]
        if let description {
            object["description"] = .string(description)
        }
        if let documentation = operation.documentation {
            object["externalDocs"] = ["description": "Tarlan documentation", "url": .string(documentation)]
        }
        if !operation.environmentPaths.isEmpty {
            object["x-tarlan-environment-paths"] = .object(operation.environmentPaths.mapValues(JSONValue.string))
        }
        switch operation.requestPlacement {
        case .query:
            object["parameters"] = .array(parameters(operation.requestModel, schema, examples: requests))
        case .body:
            object["requestBody"] = requestBody(
                operation.requestModel, examples: requests, section: section,
                description:
                    "The request, as a JSON object. Top-level `\"\"` values and excluded fields are sent but not signed."
            )
        }
        return object
    }

    private static func formatDescription(_ format: ErrorFormat) -> String {
        switch format {
        case .old:
            "`old`: `{\"status\": false, \"status_code\": N, \"message\": \"…\", \"result\": {}}` with any HTTP status, "
                + "so an alternative of the 200 response as well as the error responses."
        case .newExpected:
            "`newExpected`: HTTP 200 with `status: true` and the error in `result.error_code` / `result.message`; "
                + "an alternative of the 200 response."
        case .oldTree:
            "`oldTree`: the old page tree's answer without the envelope, the error in `result.error_code` / "
                + "`result.message`; an alternative of the 200 response."
        case .newUnexpected:
            "`newUnexpected`: the `status: false` body with HTTP 4xx/5xx."
        case .acquiring:
            "`acquiring`: the Acquiring error body (`status: false`) with HTTP 4xx/5xx."
        }
    }

    // MARK: - Requests

    /// Query parameters from a model's fields, with each example's value of that parameter.
    static func parameters(_ modelName: String, _ schema: APISchema, examples: [Example]) -> [JSONValue] {
        guard let model = schema.models[modelName] else { return [] }
        return model.sortedFields.map { field in
            var parameter: [String: JSONValue] = [
                "name": .string(field.name),
                "in": "query",
                "required": .bool(field.required),
                "schema": .object(OpenAPISchemas.schema(field.type, accepting: field.accepts)),
            ]
            if let description = OpenAPISchemas.fieldDescription(field) {
                parameter["description"] = .string(description)
            }
            // Each example's value of this parameter; the whole query, its provenance and signature are
            // in the operation's description ("Query examples").
            var values: [String: JSONValue] = [:]
            for example in examples {
                guard let value = example.body[field.name] else { continue }
                values[example.name] = ["summary": .string(summary(example)), "value": value]
            }
            if !values.isEmpty {
                parameter["examples"] = .object(values)
            }
            return .object(parameter)
        }
    }

    static func requestBody(_ modelName: String, examples: [Example], section: Section?, description: String)
        -> JSONValue
    {
        var media: [String: JSONValue] = ["schema": OpenAPINames.reference(modelName)]
        if !examples.isEmpty {
            media["examples"] = exampleMap(examples, section: section)
        }
        return [
            "required": true,
            "description": .string(description),
            "content": ["application/json": .object(media)],
        ]
    }

    // MARK: - Responses

    static func responses(_ operation: Operation, _ schema: APISchema, names: OpenAPINames) -> JSONValue {
        let section = schema.sections[operation.section]
        let errorEnvelope = OpenAPINames.reference(names.errorEnvelope(for: operation.section))
        var byStatus: [Int: [Example]] = [:]
        for example in examples(operation.examples, kind: .response) {
            byStatus[example.httpStatus ?? 200, default: []].append(example)
        }
        // The section's error table names the HTTP status of each code; list those statuses where the
        // operation's formats carry the status (4xx/5xx).
        var tableCodes: [Int: [EnumCase]] = [:]
        if operation.errorFormats.contains(.newUnexpected) || operation.errorFormats.contains(.acquiring),
            let table = section?.errorCodes.flatMap({ schema.enums[$0] })
        {
            for item in table.sortedCases {
                if let status = item.httpStatus, status >= 400 {
                    tableCodes[status, default: []].append(item)
                }
            }
        }
        var responses: [String: JSONValue] = [:]
        for status in Set(byStatus.keys).union(tableCodes.keys).union([200]) {
            let examples = byStatus[status] ?? []
            var media: [String: JSONValue] = [:]
            let description: String
            if (200..<300).contains(status) {
                var formats = Set(operation.errorFormats.filter { $0 == .old || $0 == .newExpected })
                for example in examples {
                    if case .apiError(let format, _, _)? = example.expect { formats.insert(format) }
                }
                var alternatives = [OpenAPINames.reference(names.successEnvelope(for: operation.id))]
                if formats.contains(.old) || formats.contains(.newUnexpected) || formats.contains(.acquiring) {
                    alternatives.append(errorEnvelope)
                }
                if formats.contains(.newExpected) {
                    alternatives.append(OpenAPINames.reference(names.expectedErrorEnvelope(for: operation.section)))
                }
                media["schema"] = alternatives.count == 1 ? alternatives[0] : ["anyOf": .array(alternatives)]
                description =
                    OpenAPIText.paragraphs([
                        "Success: the envelope with `result`." + (operation.resultDescription.map { " " + $0 } ?? ""),
                        formats.contains(.old)
                            ? "An `old`-format error may also arrive with this status (`status: false`)." : nil,
                        formats.contains(.newExpected)
                            ? "A `newExpected` error arrives with this status too: `status: true` and a non-zero `result.error_code`."
                            : nil,
                    ]) ?? "Success."
            } else {
                media["schema"] = errorEnvelope
                let formats: [String] = operation.errorFormats.filter { $0 != .newExpected && $0 != .oldTree }.map {
                    "`\($0.rawValue)`"
                }
                let codes = (tableCodes[status] ?? []).map { item in
                    OpenAPIText.code(item.value) + (item.message.map { " \($0)" } ?? "")
                }
                description =
                    OpenAPIText.paragraphs([
                        "Error (`status: false`) with HTTP \(status); format\(formats.count == 1 ? "" : "s") "
                            + formats.joined(separator: ", ") + ".",
                        codes.isEmpty
                            ? nil
                            : "Codes the error table `\(section?.errorCodes ?? "")` lists with HTTP \(status): "
                                + codes.joined(separator: "; ") + ".",
                    ]) ?? "Error."
            }
            if !examples.isEmpty {
                media["examples"] = exampleMap(examples, section: section)
            }
            responses[String(status)] = [
                "description": .string(description),
                "content": ["application/json": .object(media)],
            ]
        }
        responses["default"] = [
            "description": "Any other HTTP status: the error body (`status: false`, the code in `status_code`).",
            "content": ["application/json": ["schema": errorEnvelope]],
        ]
        return .object(responses)
    }

    // MARK: - Webhooks

    static func webhook(_ callback: Callback, _ schema: APISchema, names: OpenAPINames) -> JSONValue {
        let section = schema.sections[callback.section]
        let scheme = names.securityScheme(for: callback.section)
        let header = section.map { "`\($0.signing.headerName)`" } ?? "the section's signature header"
        let payloads = examples(callback.examples, kind: .payload)
        let description = OpenAPIText.paragraphs([
            callback.description,
            "**Direction:** Tarlan sends this request to the merchant's URL (given when the operation was created); "
                + "the merchant implements the endpoint.",
            callback.merchantMustAnswer.map { "**The merchant must answer:** \($0)" },
            "**Signature:** Tarlan signs the \(callback.payloadPlacement == .query ? "query (as a typed JSON object)" : "body") "
                + "in \(header) (security scheme `\(scheme)`).",
            callback.payloadPlacement == .query ? queryExamples(payloads, section: section) : nil,
            OpenAPIText.bullets("Documentation quirks", callback.quirks),
        ])
        var object: [String: JSONValue] = [
            "operationId": .string(names.webhookOperationID(for: callback.id)),
            "summary": .string(callback.summary),
            "tags": [.string(callback.section)],
            "security": [[scheme: []]],
            "x-tarlan-source": .string(callback.location.reference),
        ]
        if let description {
            object["description"] = .string(description)
        }
        if let documentation = callback.documentation {
            object["externalDocs"] = ["description": "Tarlan documentation", "url": .string(documentation)]
        }
        switch callback.payloadPlacement {
        case .query:
            object["parameters"] = .array(parameters(callback.payloadModel, schema, examples: payloads))
        case .body:
            object["requestBody"] = requestBody(
                callback.payloadModel, examples: payloads, section: section, description: "The payload Tarlan sends."
            )
        }
        var reply: [String: JSONValue] = [
            "description": .string(callback.merchantMustAnswer ?? "The merchant's acknowledgement.")
        ]
        if let replyModel = callback.replyModel {
            var media: [String: JSONValue] = ["schema": OpenAPINames.reference(replyModel)]
            let replies = examples(callback.examples, kind: .reply)
            if !replies.isEmpty {
                media["examples"] = exampleMap(replies, section: section)
            }
            reply["content"] = ["application/json": .object(media)]
        }
        object["responses"] = ["200": .object(reply)]
        return .object(object)
    }

    // MARK: - Examples

    private static func examples(_ examples: [String: Example], kind: ExampleKind) -> [Example] {
        examples.values.filter { $0.kind == kind }.sorted { $0.name < $1.name }
    }

    /// Query examples as a whole (the parameters' `examples` hold one value each): the typed object,
    /// provenance and signature of each.
    private static func queryExamples(_ examples: [Example], section: Section?) -> String? {
        OpenAPIText.bullets(
            "Query examples",
            examples.map { example in
                // One line per example, so the Markdown list stays a list.
                "`\(example.name)`: \(summary(example)) Query as the typed object \(OpenAPIText.code(example.body)). "
                    + exampleNotes(example, section: section).joined(separator: " ")
            })
    }

    private static func exampleMap(_ examples: [Example], section: Section?) -> JSONValue {
        .object(
            Dictionary(
                uniqueKeysWithValues: examples.map { example in
                    var object: [String: JSONValue] = ["summary": .string(summary(example)), "value": example.body]
                    if let description = exampleDescription(example, section: section) {
                        object["description"] = .string(description)
                    }
                    return (example.name, .object(object))
                }))
    }

    /// The example's description and its provenance.
    private static func summary(_ example: Example) -> String {
        let text = example.description ?? "Example \(example.name)"
        return text + " [\(example.provenance.rawValue)]"
    }

    private static func exampleDescription(_ example: Example, section: Section?) -> String? {
        OpenAPIText.paragraphs(exampleNotes(example, section: section))
    }

    /// Provenance, quirk, correction, signature and expected outcome of an example, one paragraph each.
    private static func exampleNotes(_ example: Example, section: Section?) -> [String] {
        var signing: String?
        if let secret = example.secret, let signature = example.signature {
            let header =
                section.map { "`\($0.signing.headerName): \($0.signing.valuePrefix)\(signature)`" }
                ?? OpenAPIText.code(signature)
            signing =
                "Signed with the secret \(OpenAPIText.code(secret))"
                + (example.canonical.map { ": canonical JSON \(OpenAPIText.code($0)), header " } ?? ": header ")
                + header + "."
        }
        var outcome: String?
        switch example.expect {
        case .success?:
            outcome = "Decodes as a success."
        case .apiError(let format, let code, let message)?:
            outcome =
                "Decodes as an API error: format `\(format.rawValue)`" + (code.map { ", code \($0)" } ?? "")
                + ", message \(OpenAPIText.code(message))."
        case nil:
            outcome = nil
        }
        let correction = example.correction.map { fix in
            "The documentation's JSON is invalid; corrected: \(fix)"
                + (example.asDocumented.map { "\n\nAs published:\n\n```\n\($0)\n```" } ?? "")
        }
        return [
            "Example `\(example.name)`, " + OpenAPIText.provenance(example.provenance) + ".",
            example.quirk.map { "Quirk: \($0)" },
            correction,
            signing,
            outcome,
        ].compactMap { $0 }
    }
}
