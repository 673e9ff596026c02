import TarlanGeneratorKit
import TarlanPayments

/// A schema document of N operations, built in memory: one section; per operation a request
/// model (5 fields), a result model (5 fields), one signed request example and one success
/// response example. Every fourth operation is an idempotent GET; each money-moving POST is
/// reconciled by the nearest GET (or, without one, by a note). Every example is valid (the
/// signatures are computed here), so the validator does all its work and passes. Laid out like
/// the real files (pretty-printed).
enum SyntheticSchema {
    static let signing = SigningRules(
        headerName: "X-Signature", valuePrefix: "", excludedTopLevelFields: ["additional_data"], excludesEmptyStrings: true
    )
    static let secret = "12345"

    static func file(operations count: Int) -> SchemaLoader.File {
        let document = document(operations: count)
        return SchemaLoader.File(path: "synthetic-\(count).json", contents: Array(JSONPrettyPrinter.string(document).utf8))
    }

    static func document(operations count: Int) -> JSONValue {
        var operations: [String: JSONValue] = [:]
        var models: [String: JSONValue] = [:]
        for index in 1...count {
            let name = "BenchOperation\(index)"
            let isQuery = index.isMultiple(of: 4)
            models[name + "Request"] = requestModel(index)
            models[name + "Result"] = resultModel(index)
            operations["benchOperation\(index)"] = operation(index, name: name, isQuery: isQuery, count: count)
        }
        return [
            "$schema": "./tarlan-api.schema.json",
            "sections": ["bench": section],
            "operations": .object(operations),
            "models": .object(models),
        ]
    }

    static let section: JSONValue = [
        "title": "Synthetic benchmark section",
        "swiftPrefix": "Bench",
        "description": "Generated in memory by tarlan-benchmarks.",
        "documentation": "https://example.com/bench",
        "servers": ["production": "https://bench.example.com"],
        "signing": [
            "headerName": "X-Signature",
            "valuePrefix": "",
            "excludedTopLevelFields": ["additional_data"],
            "excludesEmptyStrings": true,
            "canonicalForm": "go",
        ],
        "errorFormats": ["old", "newExpected"],
    ]

    static func requestModel(_ index: Int) -> JSONValue {
        [
            "description": .string("Request of synthetic operation \(index)."),
            "fields": [
                "agent": ["type": "string", "required": true, "description": "Showcase code."],
                "external_id": ["type": "string", "required": true, "description": "The caller's id of the payment."],
                "amount": ["type": "number", "required": true, "description": "Amount in tenge."],
                "count": ["type": "integer", "description": "How many."],
                "confirm": ["type": "boolean", "description": "Whether to confirm at once."],
            ],
        ]
    }

    static func resultModel(_ index: Int) -> JSONValue {
        [
            "description": .string("Result of synthetic operation \(index)."),
            "fields": [
                "external_id": ["type": "string", "description": "The caller's id of the payment.", "aliases": ["transaction_id"]],
                "balance": ["type": "number", "description": "Balance after the operation."],
                "is_success": ["type": "boolean", "description": "Whether it worked.", "accepts": ["string"]],
                "transaction_status_id": ["type": "string", "description": "Status code."],
                "created_at": ["type": "timestamp", "description": "When it happened."],
            ],
        ]
    }

    /// The status operation of a money-moving one: the next GET, or the last one past the end.
    static func reconcile(_ index: Int, count: Int) -> JSONValue {
        let lastQuery = count / 4 * 4
        guard lastQuery > 0 else { return ["note": "Look the payment up by external_id."] }
        let status = min((index + 3) / 4 * 4, lastQuery)
        return [
            "operation": .string("benchOperation\(status)"),
            "fields": ["agent": "agent", "external_id": "external_id"],
            "note": "The payment shows once it is registered.",
        ]
    }

    static func operation(_ index: Int, name: String, isQuery: Bool, count: Int) -> JSONValue {
        let body: JSONValue = [
            "agent": .string("agent-\(index)"),
            "external_id": .string("ext-\(index)"),
            "amount": .number(JSONNumber(10.5 + Double(index))),
            "count": .number(JSONNumber(index)),
            "confirm": true,
        ]
        let result: JSONValue = [
            "external_id": .string("ext-\(index)"),
            "balance": .number(JSONNumber(index * 100)),
            "is_success": "true",
            "transaction_status_id": "2",
            "created_at": "2024-08-02T12:24:07+05:00",
        ]
        var operation: [String: JSONValue] = [
            "section": "bench",
            "summary": .string("Synthetic operation \(index)"),
            "description": .string("Operation \(index) of the synthetic benchmark schema."),
            "documentation": .string("https://example.com/bench/\(index)"),
            "method": isQuery ? "GET" : "POST",
            "path": .string("/bench/api/v1/operation/\(index)"),
            "idempotent": .bool(isQuery),
            "request": ["in": isQuery ? "query" : "body", "model": .string(name + "Request")],
            "response": ["result": ["ref": .string(name + "Result")], "description": "The result."],
            "errorFormats": ["old", "newExpected"],
            "examples": [
                "request": [
                    "kind": "request",
                    "provenance": "computed",
                    "description": "A signed request.",
                    "body": body,
                    "secret": .string(secret),
                    "canonical": .string(String(decoding: Signer.signingBytes(body, rules: signing), as: UTF8.self)),
                    "signature": .string(Signer.signature(for: body, secret: TarlanSecret(secret), rules: signing)),
                ],
                "success": [
                    "kind": "response",
                    "provenance": "computed",
                    "description": "Success.",
                    "httpStatus": 200,
                    "body": ["status": true, "status_code": 0, "message": "Success", "result": result],
                    "expect": ["outcome": "success"],
                ],
            ],
        ]
        if !isQuery { operation["reconcile"] = reconcile(index, count: count) }
        return .object(operation)
    }
}
