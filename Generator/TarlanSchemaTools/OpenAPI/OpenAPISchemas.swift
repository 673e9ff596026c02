import TarlanCore
import TarlanGeneratorKit

/// `components.schemas`: every model and enum of the schema, the success envelope of every
/// operation, and each section's error envelopes.
enum OpenAPISchemas {
    static func components(_ schema: APISchema, names: OpenAPINames) -> [String: JSONValue] {
        var components: [String: JSONValue] = [:]
        let received = receivedModels(schema)
        for model in schema.models.values {
            components[model.name] = self.model(model, nullableOptionals: received.contains(model.name))
        }
        for definition in schema.enums.values {
            components[definition.name] = enumeration(definition)
        }
        for section in schema.sections.values {
            components[names.errorEnvelope(for: section.id)] = errorEnvelope(section)
            if schema.operations.values.contains(where: {
                $0.section == section.id && $0.errorFormats.contains(.newExpected)
            }) {
                components[names.expectedErrorEnvelope(for: section.id)] = expectedErrorEnvelope(section)
            }
        }
        for operation in schema.operations.values {
            components[names.successEnvelope(for: operation.id)] = successEnvelope(operation)
        }
        return components
    }

    // MARK: - Types and fields

    /// The JSON Schema of a type expression.
    static func schema(_ type: TypeExpression) -> [String: JSONValue] {
        switch type {
        case .string: ["type": "string"]
        case .integer: ["type": "integer"]
        case .number: ["type": "number"]
        case .boolean: ["type": "boolean"]
        // Any JSON value: the empty schema.
        case .json: [:]
        case .timestamp: ["type": "string", "format": "date-time"]
        case .decimal: ["type": "number"]
        // Documented as a string, sent as a boolean, read from either (and from 1/0).
        case .flag: ["type": ["boolean", "string", "integer"]]
        case .array(let items): ["type": "array", "items": .object(schema(items))]
        case .reference(let name): ["$ref": .string("#/components/schemas/" + name)]
        }
    }

    /// The schema of a type that decoding also accepts as other JSON scalars: a `type` array for a
    /// scalar type, otherwise an `anyOf` of the type and the tolerated scalars.
    static func schema(_ type: TypeExpression, accepting accepts: [JSONScalarKind]) -> [String: JSONValue] {
        let base = schema(type)
        guard !accepts.isEmpty else { return base }
        if case .string(let declared)? = base["type"], base["$ref"] == nil {
            var kinds = [declared]
            for kind in accepts.map(\.rawValue) where !kinds.contains(kind) {
                kinds.append(kind)
            }
            var widened = base
            widened["type"] = .array(kinds.map(JSONValue.string))
            return widened
        }
        return ["anyOf": .array([.object(base)] + accepts.map { ["type": .string($0.rawValue)] })]
    }

    /// The schema widened to admit `null`: a `type` array for a typed schema, otherwise an `anyOf`.
    static func nullable(_ schema: [String: JSONValue]) -> [String: JSONValue] {
        // The empty schema already admits null.
        guard !schema.isEmpty else { return schema }
        var widened = schema
        switch schema["type"] {
        case .string(let type)? where schema["$ref"] == nil:
            widened["type"] = [.string(type), "null"]
            return widened
        case .array(let types)? where schema["$ref"] == nil:
            widened["type"] = .array(types.contains("null") ? types : types + ["null"])
            return widened
        default:
            if schema.count == 1, case .array(let alternatives)? = schema["anyOf"] {
                widened["anyOf"] = .array(alternatives + [["type": "null"]])
                return widened
            }
            return ["anyOf": [.object(schema), ["type": "null"]]]
        }
    }

    /// A field's schema with its description (a `$ref` may carry siblings in OpenAPI 3.1).
    /// `nullable`: the field may also be `null` (an optional field of a model TarlanKit decodes).
    static func field(_ field: Field, nullable: Bool = false) -> JSONValue {
        var schema = schema(field.type, accepting: field.accepts)
        if nullable {
            schema = self.nullable(schema)
        }
        if let description = fieldDescription(field) {
            schema["description"] = .string(description)
        }
        if !field.aliases.isEmpty {
            schema["x-tarlan-aliases"] = .array(field.aliases.map(JSONValue.string))
        }
        if field.sensitive {
            schema["x-tarlan-sensitive"] = true
        }
        return .object(schema)
    }

    /// The field's description plus what the schema records about it that JSON Schema cannot say.
    static func fieldDescription(_ field: Field) -> String? {
        let aliases = field.aliases.map(OpenAPIText.code).joined(separator: ", ")
        return OpenAPIText.paragraphs([
            field.description,
            field.type == .timestamp
                ? "A date-time string (ISO 8601 / RFC 3339); TarlanKit keeps the text as sent, so values without an offset are read too."
                : nil,
            field.documentedType.map { "Documented as \(OpenAPIText.code($0))." },
            field.accepts.isEmpty
                ? nil
                : "Decoding also accepts " + field.accepts.map(\.rawValue).joined(separator: ", ")
                    + " and converts it, because the documentation or its examples send that type.",
            field.aliases.isEmpty
                ? nil
                : "Also read under the key\(field.aliases.count == 1 ? "" : "s") \(aliases) (seen in some page "
                    + "versions; decoding only). OpenAPI cannot express alternative keys; they are listed in `x-tarlan-aliases`.",
            field.quirk.map { "Quirk: \($0)" },
            field.sensitive ? "Card data: keep it out of logs (TarlanKit redacts it from its output)." : nil,
        ])
    }

    // MARK: - Models and enums

    /// A model as an object schema. `nullableOptionals`: the model is decoded (a result or a callback
    /// payload), and decoding reads `null` as absent, so its optional fields also admit `null`.
    static func model(_ model: Model, nullableOptionals: Bool = false) -> JSONValue {
        let fields = model.sortedFields
        var schema: [String: JSONValue] = [
            "type": "object",
            "properties": .object(
                Dictionary(
                    uniqueKeysWithValues: fields.map {
                        ($0.name, field($0, nullable: nullableOptionals && !$0.required))
                    })),
            "x-tarlan-source": .string(model.location.reference),
        ]
        let required = fields.filter(\.required).map(\.name)
        if !required.isEmpty {
            schema["required"] = .array(required.map(JSONValue.string))
        }
        let description = OpenAPIText.paragraphs([
            model.description,
            nullableOptionals && required.count < fields.count
                ? "Fields not listed in `required` may be missing or `null`; decoding reads both as absent." : nil,
        ])
        if let description {
            schema["description"] = .string(description)
        }
        return .object(schema)
    }

    /// Models TarlanKit decodes: reachable from an operation's result or a callback's payload.
    static func receivedModels(_ schema: APISchema) -> Set<String> {
        var pending =
            schema.operations.values.flatMap { references(in: $0.result) }
            + schema.callbacks.values.map(\.payloadModel)
        var seen: Set<String> = []
        while let name = pending.popLast() {
            guard let model = schema.models[name], seen.insert(name).inserted else { continue }
            pending += model.fields.values.flatMap { references(in: $0.type) }
        }
        return seen
    }

    private static func references(in type: TypeExpression) -> [String] {
        switch type {
        case .reference(let name): [name]
        case .array(let items): references(in: items)
        default: []
        }
    }

    static func enumeration(_ definition: EnumDefinition) -> JSONValue {
        let cases = definition.sortedCases
        let lines = cases.map { item in
            var line = "- \(OpenAPIText.code(item.value)) (`\(item.name)`)"
            let details = [
                item.description,
                item.message.map { "Message: \(OpenAPIText.code($0))." },
                item.httpStatus.map { "HTTP \($0)." },
                item.quirk.map { "Quirk: \($0)" },
            ].compactMap { $0 }
            if !details.isEmpty {
                line += ": " + details.joined(separator: " ")
            }
            return line
        }
        let description = OpenAPIText.paragraphs([
            definition.description,
            "**Values**\n\n" + lines.joined(separator: "\n"),
            "**Open enum.** Values not listed here may appear (TarlanKit decodes them as `unknown(value)`); "
                + "clients should accept them rather than fail.",
            definition.quirk.map { "Quirk: \($0)" },
        ])
        var schema: [String: JSONValue] = [
            "type": .string(definition.rawType == .integer ? "integer" : "string"),
            "enum": .array(cases.map(\.value)),
            "x-enum-varnames": .array(cases.map { .string($0.name) }),
            "x-enum-descriptions": .array(cases.map { .string($0.description ?? $0.message ?? "") }),
            "x-tarlan-open-enum": true,
            "x-tarlan-source": .string(definition.location.reference),
        ]
        if let description {
            schema["description"] = .string(description)
        }
        if let documentation = definition.documentation {
            schema["externalDocs"] = ["url": .string(documentation)]
        }
        return .object(schema)
    }

    // MARK: - Envelopes

    static func successEnvelope(_ operation: Operation) -> JSONValue {
        var result = schema(operation.result)
        result["description"] = .string(
            OpenAPIText.paragraphs([
                "The operation's value.", operation.resultDescription,
            ]) ?? "")
        return [
            "type": "object",
            "description": .string(
                "Success envelope of `\(operation.id)`; `result` is the operation's value. Only `result` is required: "
                    + "the documentation's own examples leave out each of the other members somewhere."
            ),
            "required": ["result"],
            "properties": [
                "status": [
                    "enum": [true, "true"],
                    "description": "`true` on success; the string \"true\" is read the same way.",
                ],
                "status_code": [
                    "type": ["integer", "string"],
                    "description":
                        "`0` on success; missing from some documented successes. A string holding a number is read too.",
                ],
                "message": ["type": "string", "description": "A success text such as \"Success\"."],
                "result": .object(result),
            ],
        ]
    }

    /// The `status: false` body of the `old`, `newUnexpected` and `acquiring` formats.
    static func errorEnvelope(_ section: Section) -> JSONValue {
        let codes = section.errorCodes.map { "; the section's error table is the enum `\($0)`" } ?? ""
        return [
            "type": "object",
            "description": .string(
                "Error body of \(section.title) (section \(section.id)): `{\"status\": false, \"status_code\": N, "
                    + "\"message\": \"…\", \"result\": {}}`. In the `old` format it may arrive with any HTTP status "
                    + "(including 200); in the `newUnexpected` and `acquiring` formats with HTTP 4xx/5xx."
            ),
            "required": ["status"],
            "properties": [
                "status": [
                    "enum": [false, "false"],
                    "description": "`false`: the request failed (the string \"false\" is read the same way).",
                ],
                "status_code": [
                    "type": ["integer", "string"],
                    "description": .string(
                        "The error code\(codes). Codes outside the table occur, so clients should not reject them. "
                            + "A string holding a number is read too."
                    ),
                ],
                "message": ["type": "string", "description": "The error text."],
                "result": ["description": "Usually `{}`; kept as the error's details."],
            ],
        ]
    }

    /// The `newExpected` format: HTTP 200, `status: true`, the error inside `result`.
    static func expectedErrorEnvelope(_ section: Section) -> JSONValue {
        let codes = section.errorCodes.map { " (see the enum `\($0)`)" } ?? ""
        return [
            "type": "object",
            "description": .string(
                "Expected error in the new format (reference 4.6) of \(section.title): HTTP 200, `status: true`, and the "
                    + "error in `result.error_code` (non-zero) and `result.message`. Only operations listing the "
                    + "`newExpected` format answer this way; elsewhere a non-zero `error_code` is part of the result."
            ),
            "required": ["result"],
            "properties": [
                "status": ["enum": [true, "true"], "description": "`true`, although the request failed."],
                "status_code": ["type": ["integer", "string"], "description": "`0`, although the request failed."],
                "message": ["type": "string", "description": "\"Success\", although the request failed."],
                "result": [
                    "type": "object",
                    "description":
                        "The error. `data` and `additional_data` appear as `{}`, as `null` or not at all, depending on the page version; other members may appear.",
                    "required": ["error_code"],
                    "properties": [
                        "error_code": [
                            "type": ["integer", "string"],
                            "not": ["enum": [0, "0"]],
                            "description": .string(
                                "The error code, non-zero\(codes). A string holding a number is read too."),
                        ],
                        "message": ["type": "string", "description": "The error text."],
                        "data": ["description": "Error data, often `{}` or `null`."],
                        "additional_data": ["description": "Additional error data, often `{}` or `null`."],
                    ],
                ],
            ],
        ]
    }
}
