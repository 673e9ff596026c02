import TarlanCore
import TarlanGeneratorKit

/// `--draft`: a schema fragment (`operations` + `models`) for a page that documents an operation
/// the schema lacks, from its endpoint, field tables and samples. A starting point to edit, not a
/// finished entry: descriptions, quirks, provenance and signatures are the maintainer's.
package enum OperationDraft {
    package static func fragment(for page: DocumentationPage, id: String, schema: APISchema) -> JSONValue {
        let typeName = id.prefix(1).uppercased() + id.dropFirst()
        let server = page.url.flatMap(PageMatcher.urlServer)
        let section = schema.sections.values.sorted { $0.id < $1.id }.first { section in
            server.map { section.servers.values.contains($0) } ?? false
        }
        let method = page.method ?? "POST"
        var models: [String: JSONValue] = [:]
        var requestFields: [String: JSONValue] = [:]
        var resultFields: [String: JSONValue] = [:]
        for table in page.tables {
            switch TableRole(table) {
            case .request:
                let read = fields(table.rows, table: table, isResponse: false, prefix: typeName, models: &models)
                requestFields.merge(read) { first, _ in first }
            case .response:
                let read = fields(table.rows, table: table, isResponse: true, prefix: typeName, models: &models)
                resultFields.merge(read) { first, _ in first }
            default:
                continue
            }
        }
        let title = page.title ?? id
        models[typeName + "Request"] = .object([
            "description": .string("Request of \(title)."), "fields": .object(requestFields),
        ])
        models[typeName + "Result"] = .object([
            "description": .string("Result of \(title)."), "fields": .object(resultFields),
        ])

        var operation: [String: JSONValue] = [
            "section": .string(section?.id ?? "CHOOSE: the host \(server ?? "?") is in no section's servers"),
            "summary": .string(page.title ?? id),
            "method": .string(method),
            "path": .string(page.url.flatMap(PageMatcher.urlPath) ?? "/"),
            "idempotent": .bool(method == "GET"),
            "request": .object([
                "in": .string(method == "GET" ? "query" : "body"), "model": .string(typeName + "Request"),
            ]),
            "response": .object(["result": .object(["ref": .string(typeName + "Result")])]),
            "errorFormats": .array((section?.errorFormats ?? []).map { .string($0.rawValue) }),
        ]
        var examples: [String: JSONValue] = [:]
        for (index, sample) in page.examples.enumerated() where sample.kind == .json {
            guard let read = SampleReading.json(sample.text) else { continue }
            examples["example\(index + 1)"] = example(sample, read, section: section)
        }
        if !examples.isEmpty { operation["examples"] = .object(examples) }
        return .object(["operations": .object([id: .object(operation)]), "models": .object(models)])
    }

    private static func fields(
        _ rows: [PageRow], table: PageTable, isResponse: Bool, prefix: String, models: inout [String: JSONValue]
    ) -> [String: JSONValue] {
        let typeColumn = table.column("type")
        let descriptionColumn = table.column("description", "meaning")
        // Depth → (model name, fields) being filled; 0 is the table's own level.
        var stack: [(model: String?, fields: [String: JSONValue])] = [(nil, [:])]
        let base = isResponse && rows.contains { $0.depth == 0 && $0.name == "result" } ? 1 : 0
        func close(to depth: Int) {
            while stack.count > depth + 1 {
                let (model, members) = stack.removeLast()
                if let model { models[model] = .object(["fields": .object(members)]) }
            }
        }
        for row in rows where !row.name.isEmpty {
            if isResponse, row.depth == 0, PageComparison.envelope.contains(row.name) { continue }
            let depth = max(row.depth - base, 0)
            guard depth < stack.count else { continue }
            close(to: depth)
            let documented = row.cell(typeColumn) ?? "String"
            var field: [String: JSONValue] = ["required": .bool(row.required)]
            if let description = row.cell(descriptionColumn) { field["description"] = .string(description) }
            let kind = PageText.typeKind(documented)
            let type = schemaType(kind, name: row.name)
            if kind == .object {
                let nested =
                    prefix + row.name.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
                field["ref"] = .string(nested)
                stack[depth].fields[row.name] = .object(
                    field.merging(["documentedType": .string(documented)]) { a, _ in a })
                stack.append((nested, [:]))
                continue
            }
            field["type"] = type
            if case .string(let name) = type, name != documented { field["documentedType"] = .string(documented) }
            if case .object = type { field["documentedType"] = .string(documented) }
            stack[depth].fields[row.name] = .object(field)
        }
        close(to: 0)
        // Object rows without members stay JSON.
        return stack[0].fields
    }

    private static func schemaType(_ kind: PageText.TypeKind?, name: String) -> JSONValue {
        switch kind {
        case .integer: .string("integer")
        // Amounts of money are decimal in the schema, whatever the page calls them.
        case .number:
            .string(
                ["amount", "balance", "fee", "commission", "sum"].contains(where: name.contains) ? "decimal" : "number")
        case .boolean: .string("boolean")
        case .array: .object(["type": .string("array"), "items": .object(["type": .string("json")])])
        case .object: .string("json")
        case .string, nil: .string("string")
        }
    }

    private static func example(_ sample: PageExample, _ read: SampleValue, section: Section?) -> JSONValue {
        let status = PageText.firstMatch(#"\b([1-5][0-9][0-9])\b"#, in: sample.label).flatMap { Int($0[1]) } ?? 200
        var example: [String: JSONValue] = [
            "kind": .string("response"),
            "provenance": .string("doc"),
            "description": .string(sample.label.isEmpty ? "From the page." : "\"\(sample.label)\"."),
            "httpStatus": .number(JSONNumber(status)),
            "body": read.value,
        ]
        if let reason = read.invalidBecause {
            example["asDocumented"] = .string(sample.text)
            example["correction"] = .string("Repaired by check-docs (\(reason)); check the repair.")
        }
        let body = read.value
        let formats = Set((section?.errorFormats ?? []).map(\.rawValue))
        if let code = body["result"]?["error_code"]?.numberValue?.int, code != 0 {
            example["expect"] = expectation("newExpected", code, body["result"]?["message"])
        } else if body["status"] == .bool(false), let code = body["status_code"]?.numberValue?.int {
            let format =
                formats.contains("acquiring")
                ? "acquiring" : status >= 400 && formats.contains("newUnexpected") ? "newUnexpected" : "old"
            example["expect"] = expectation(format, code, body["message"])
        } else {
            example["expect"] = .object(["outcome": .string("success")])
        }
        return .object(example)
    }

    private static func expectation(_ format: String, _ code: Int, _ message: JSONValue?) -> JSONValue {
        .object([
            "outcome": .string("apiError"), "format": .string(format), "code": .number(JSONNumber(code)),
            "message": message ?? .string(""),
        ])
    }
}
