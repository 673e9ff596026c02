import TarlanCore

/// Lowers operations and examples to data: descriptors the runtime and `tarlan` use,
/// a dynamic entry per operation for `tarlan call`, and the examples the mock answers with.
enum CatalogLowering {
    static func operationsFile(_ schema: CheckedSchema) -> SwiftFile {
        let operations = schema.operations
        var members: [Declaration] = operations.map { .variable(descriptor($0)) }
        members.append(
            .variable(
                VariableDeclaration(
                    docs: DocComment("Every operation, by id."),
                    access: .package, isStatic: true, binding: .let, name: "all",
                    type: .array(.named("OperationDescriptor")),
                    value: .initializer(.array(operations.map { .name($0.id) }))
                )))
        members.append(
            .variable(
                VariableDeclaration(
                    docs: DocComment(
                        "Every operation, callable with untyped JSON (for `tarlan call` and `tarlan demo`)."),
                    access: .package, isStatic: true, binding: .let, name: "dynamic",
                    type: .array(.named("DynamicOperation")),
                    value: .initializer(.array(operations.map { dynamicEntry($0.operation) }))
                )))
        return SwiftFile(
            name: "Operations.swift",
            imports: ["TarlanRuntime"],
            declarations: [
                .type(
                    TypeDeclaration(
                        docs: DocComment(
                            "Every operation of the schema as data: route, signing, request fields and error formats."),
                        access: .package, kind: .enum, name: "TarlanOperations", members: members
                    ))
            ]
        )
    }

    private static func descriptor(_ checked: CheckedOperation) -> VariableDeclaration {
        let operation = checked.operation
        let descriptor = checked.descriptor
        var arguments = [
            Argument("id", .string(operation.id)),
            Argument("summary", .string(operation.summary)),
            Argument("section", .name(ClientLowering.clientName(checked.section.section)).dot("section")),
            Argument("method", .implicitMember(operation.method.rawValue.lowercased())),
            Argument("path", .string(operation.path)),
        ]
        if !operation.environmentPaths.isEmpty {
            let paths = operation.environmentPaths.sorted { $0.key < $1.key }
                .map { DictionaryEntry(key: .string($0.key), value: .string($0.value)) }
            arguments.append(Argument("environmentPaths", .dictionary(paths)))
        }
        let formats = ErrorFormat.allCases.filter { descriptor.errorFormats.contains($0) }
        arguments += [
            Argument("requestLocation", .implicitMember(operation.requestPlacement.rawValue)),
            Argument("requestFields", fields(descriptor.requestFields)),
            Argument("errorFormats", .array(formats.map { .implicitMember($0.rawValue) })),
            Argument("isIdempotent", .boolean(operation.idempotent)),
            Argument("documentation", optionalString(operation.documentation)),
        ]
        if !descriptor.sensitiveFields.isEmpty {
            arguments.append(Argument("sensitiveFields", .strings(descriptor.sensitiveFields.sorted())))
        }
        if let reconciliation = descriptor.reconciliation {
            arguments.append(
                Argument(
                    "reconciliation",
                    .name("Reconciliation").call([
                        Argument("operationID", .string(reconciliation.operationID)),
                        Argument("statusOperationID", optionalString(reconciliation.statusOperationID)),
                        Argument("keyFields", .strings(reconciliation.keyFields)),
                        Argument("methodName", optionalString(reconciliation.methodName)),
                        Argument("note", optionalString(reconciliation.note)),
                    ])))
        }
        return VariableDeclaration(
            docs: DocComment("`\(operation.method.rawValue) \(operation.path)`: \(operation.summary)."),
            access: .package, isStatic: true, binding: .let, name: operation.id,
            value: .initializer(.name("OperationDescriptor").call(arguments))
        )
    }

    /// A string literal, or `nil`.
    static func optionalString(_ text: String?) -> Expression {
        guard let text else { return .nil }
        return .string(text)
    }

    /// `[RequestField(…), …]`.
    static func fields(_ fields: [RequestField]) -> Expression {
        .array(
            fields.map { field in
                var arguments = [
                    Argument("name", .string(field.name)),
                    Argument("kind", .implicitMember(field.kind.rawValue)),
                    Argument("isRequired", .boolean(field.isRequired)),
                ]
                if !field.aliases.isEmpty { arguments.append(Argument("aliases", .strings(field.aliases))) }
                return .name("RequestField").call(arguments)
            })
    }

    private static func dynamicEntry(_ operation: Operation) -> Expression {
        .name("DynamicOperation").call([
            Argument(.name(operation.id)),
            Argument("request", .metatype(.named(operation.requestModel))),
            Argument("result", SwiftTypes.metatype(of: operation.result)),
        ])
    }

    static func examplesFile(_ schema: CheckedSchema) -> SwiftFile {
        var entries: [Expression] = []
        for operation in schema.operations {
            for example in operation.examples {
                entries.append(exampleEntry(operation.id, example))
            }
        }
        for callback in schema.callbacks {
            for example in callback.examples {
                entries.append(exampleEntry(callback.id, example))
            }
        }
        return SwiftFile(
            name: "Examples.swift",
            imports: ["TarlanPayments"],
            declarations: [
                .type(
                    TypeDeclaration(
                        docs: DocComment(
                            "The schema's examples, which ``MockTransport`` answers with and `tarlan demo` sends."),
                        access: .package, kind: .enum, name: "TarlanExamples",
                        members: [
                            .variable(
                                VariableDeclaration(
                                    docs: DocComment("Every example of every operation, as compact JSON."),
                                    access: .package, isStatic: true, binding: .let, name: "all",
                                    type: .array(.named("OperationExample")),
                                    value: .initializer(.array(entries))
                                ))
                        ]
                    ))
            ]
        )
    }

    private static func exampleEntry(_ ownerID: String, _ checked: CheckedExample) -> Expression {
        let role: String
        var status = Expression.nil
        switch checked.content {
        case .request: role = "request"
        case .response(let response):
            status = .integer(response.httpStatus)
            switch response.outcome {
            case .success: role = "success"
            case .apiError: role = "apiError"
            }
        case .payload: role = "payload"
        case .reply: role = "reply"
        }
        return .name("OperationExample").call([
            Argument("operationID", .string(ownerID)),
            Argument("name", .string(checked.name)),
            Argument("role", .implicitMember(role)),
            Argument("httpStatus", status),
            Argument("json", .rawString(CanonicalJSON.string(checked.example.body))),
        ])
    }
}
