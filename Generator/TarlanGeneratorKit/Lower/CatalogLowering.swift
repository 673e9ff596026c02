import TarlanCore

/// Lowers operations and examples to data: descriptors the runtime and `tarlan` use,
/// a dynamic entry per operation for `tarlan call`, and the examples the mock answers with.
enum CatalogLowering {
    static func operationsFile(_ schema: CheckedSchema) -> SwiftFile {
        let operations = schema.operations
        var members: [Declaration] = operations.map { .property(descriptor($0)) }
        members.append(.property(Property(
            docs: ["Every operation, by id."],
            modifiers: "package static let", name: "all", type: "[OperationDescriptor]",
            initializer: "[" + operations.map(\.id).joined(separator: ", ") + "]"
        )))
        members.append(.property(Property(
            docs: ["Every operation, callable with untyped JSON (for `tarlan call` and `tarlan demo`)."],
            modifiers: "package static let", name: "dynamic", type: "[DynamicOperation]",
            initializer: "[\n" + operations.map { "        " + dynamicEntry($0.operation) + "," }.joined(separator: "\n") + "\n    ]"
        )))
        return SwiftFile(
            name: "Operations.swift",
            imports: ["TarlanRuntime"],
            declarations: [.type(TypeDeclaration(
                kind: .enum, name: "TarlanOperations", access: "package",
                docs: ["Every operation of the schema as data: route, signing, request fields and error formats."],
                members: members
            ))]
        )
    }

    private static func descriptor(_ checked: CheckedOperation) -> Property {
        let operation = checked.operation
        let section = ClientLowering.clientName(checked.section.section)
        let descriptor = checked.descriptor
        let formats = ErrorFormat.allCases.filter { descriptor.errorFormats.contains($0) }
            .map { ".\($0.rawValue)" }.joined(separator: ", ")
        let documentation = operation.documentation.map(SwiftNames.stringLiteral) ?? "nil"
        let initializer = """
            OperationDescriptor(
                    id: \(SwiftNames.stringLiteral(operation.id)),
                    summary: \(SwiftNames.stringLiteral(operation.summary)),
                    section: \(section).section,
                    method: .\(operation.method.rawValue.lowercased()),
                    path: \(SwiftNames.stringLiteral(operation.path)),\(environmentPaths(operation))
                    requestLocation: .\(operation.requestPlacement.rawValue),
                    requestFields: \(fieldLines(descriptor.requestFields)),
                    errorFormats: [\(formats)],
                    isIdempotent: \(operation.idempotent),
                    documentation: \(documentation)\(sensitiveFields(descriptor.sensitiveFields))\(reconciliation(descriptor.reconciliation))
                )
            """
        return Property(
            docs: ["`\(operation.method.rawValue) \(operation.path)`: \(operation.summary)."],
            modifiers: "package static let", name: operation.id, type: nil, initializer: initializer
        )
    }

    /// `,\n sensitiveFields: [...]` when there is card data; nothing otherwise.
    static func sensitiveFields(_ keys: Set<String>) -> String {
        guard !keys.isEmpty else { return "" }
        return ",\n        sensitiveFields: [" + keys.sorted().map(SwiftNames.stringLiteral).joined(separator: ", ") + "]"
    }

    /// `,\n reconciliation: Reconciliation(…)` for a money-moving operation; nothing otherwise.
    private static func reconciliation(_ value: Reconciliation?) -> String {
        guard let value else { return "" }
        func optional(_ text: String?) -> String { text.map(SwiftNames.stringLiteral) ?? "nil" }
        let keys = "[" + value.keyFields.map(SwiftNames.stringLiteral).joined(separator: ", ") + "]"
        return """
            ,
                    reconciliation: Reconciliation(
                        operationID: \(SwiftNames.stringLiteral(value.operationID)),
                        statusOperationID: \(optional(value.statusOperationID)),
                        keyFields: \(keys),
                        methodName: \(optional(value.methodName)),
                        note: \(optional(value.note))
                    )
            """
    }

    /// `environmentPaths: […],` on its own line, only when an environment has its own path.
    private static func environmentPaths(_ operation: Operation) -> String {
        guard !operation.environmentPaths.isEmpty else { return "" }
        let pairs = operation.environmentPaths.sorted { $0.key < $1.key }
            .map { "\(SwiftNames.stringLiteral($0.key)): \(SwiftNames.stringLiteral($0.value))" }
        return "\n        environmentPaths: [" + pairs.joined(separator: ", ") + "],"
    }

    /// `RequestField(…)` lines, indented for a descriptor.
    static func fieldLines(_ fields: [RequestField]) -> String {
        guard !fields.isEmpty else { return "[]" }
        let lines = fields.map { field in
            var arguments = [
                "name: \(SwiftNames.stringLiteral(field.name))", "kind: .\(field.kind.rawValue)", "isRequired: \(field.isRequired)",
            ]
            if !field.aliases.isEmpty {
                arguments.append("aliases: [" + field.aliases.map(SwiftNames.stringLiteral).joined(separator: ", ") + "]")
            }
            return "            RequestField(" + arguments.joined(separator: ", ") + "),"
        }
        return "[\n" + lines.joined(separator: "\n") + "\n        ]"
    }

    private static func dynamicEntry(_ operation: Operation) -> String {
        let result = SwiftTypes.name(of: operation.result)
        return "DynamicOperation(\(operation.id), request: \(operation.requestModel).self, result: \(result).self)"
    }

    static func examplesFile(_ schema: CheckedSchema) -> SwiftFile {
        var entries: [String] = []
        for operation in schema.operations {
            for example in operation.examples {
                entries.append(exampleEntry(operation.id, example.example))
            }
        }
        for callback in schema.callbacks {
            for example in callback.examples {
                entries.append(exampleEntry(callback.id, example.example))
            }
        }
        return SwiftFile(
            name: "Examples.swift",
            imports: ["TarlanPayments"],
            declarations: [.type(TypeDeclaration(
                kind: .enum, name: "TarlanExamples", access: "package",
                docs: ["The schema's examples, which ``MockTransport`` answers with and `tarlan demo` sends."],
                members: [.property(Property(
                    docs: ["Every example of every operation, as compact JSON."],
                    modifiers: "package static let", name: "all", type: "[OperationExample]",
                    initializer: "[\n" + entries.map { "        " + $0 + "," }.joined(separator: "\n") + "\n    ]"
                ))]
            ))]
        )
    }

    private static func exampleEntry(_ ownerID: String, _ example: Example) -> String {
        let outcome: String
        switch (example.kind, example.expect) {
        case (.response, .apiError): outcome = ".apiError"
        case (.response, _): outcome = ".success"
        case (.request, _): outcome = ".request"
        case (.payload, _): outcome = ".payload"
        case (.reply, _): outcome = ".reply"
        }
        let status = example.httpStatus.map(String.init) ?? "nil"
        let json = SwiftNames.rawStringLiteral(CanonicalJSON.string(example.body))
        return "OperationExample(operationID: \(SwiftNames.stringLiteral(ownerID)), name: \(SwiftNames.stringLiteral(example.name)), "
            + "role: \(outcome), httpStatus: \(status), json: \(json))"
    }
}
