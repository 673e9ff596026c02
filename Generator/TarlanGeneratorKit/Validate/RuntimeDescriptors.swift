import TarlanCore

/// The runtime's own descriptor values for the schema's sections, operations and callbacks.
///
/// Built once by the validator: it runs every example through the runtime with them (the response
/// interpreter, the signer), and lowering writes the same values out as Swift literals, so the
/// generator and the runtime cannot hold two versions of an operation's rules.
enum RuntimeDescriptors {
    static func section(_ section: Section, errorCodes: ErrorCodeTable?) -> TarlanSection {
        TarlanSection(
            name: section.id, title: section.title, signing: section.signing, servers: section.servers,
            expectedErrorCodes: expectedErrorCodes(errorCodes))
    }

    /// The codes of the section's error table documented with HTTP 200 (expected errors), except 0.
    static func expectedErrorCodes(_ table: ErrorCodeTable?) -> Set<Int> {
        guard let table else { return [] }
        return Set(table.codes.filter { $0.httpStatus == 200 }.map(\.code))
    }

    static func operation(
        _ operation: Operation, _ section: CheckedSection, _ request: CheckedModel, _ reconcile: CheckedReconcile?,
        _ schema: APISchema
    ) -> OperationDescriptor {
        OperationDescriptor(
            id: operation.id, summary: operation.summary, section: section.descriptor,
            method: operation.method, path: operation.path, environmentPaths: operation.environmentPaths,
            requestLocation: operation.requestPlacement, requestFields: requestFields(request, schema),
            errorFormats: Set(operation.errorFormats), isIdempotent: operation.idempotent,
            documentation: operation.documentation,
            sensitiveFields: sensitiveFields([.reference(operation.requestModel), operation.result], schema),
            reconciliation: reconciliation(operation, reconcile))
    }

    /// For a money-moving operation: the status operation, the keys it finds the call by, and the
    /// generated method that asks it.
    static func reconciliation(_ operation: Operation, _ reconcile: CheckedReconcile?) -> Reconciliation? {
        guard !operation.idempotent, let reconcile else { return nil }
        return Reconciliation(
            operationID: operation.id, statusOperationID: reconcile.rule.operation,
            keyFields: reconcile.rule.fields.values.sorted(),
            methodName: reconcile.status.map { ReconcileMethod.signature(operation, $0).selector },
            note: reconcile.rule.note)
    }

    static func callback(_ callback: Callback, _ section: CheckedSection, _ payload: CheckedModel, _ schema: APISchema)
        -> CallbackDescriptor
    {
        CallbackDescriptor(
            id: callback.id, summary: callback.summary, section: section.descriptor,
            method: callback.method, payloadLocation: callback.payloadPlacement,
            payloadFields: requestFields(payload, schema),
            sensitiveFields: sensitiveFields([.reference(callback.payloadModel)], schema),
            documentation: callback.documentation)
    }

    /// The fields of a request or payload model, in the model's order.
    static func requestFields(_ model: CheckedModel, _ schema: APISchema) -> [RequestField] {
        model.fields.map { field in
            // A whole-number amount is an integer on the wire, as its documentation types it.
            let kind = field.type == .decimal && field.wholeNumber ? .integer : fieldKind(field.type, schema)
            return RequestField(name: field.name, kind: kind, isRequired: field.required, aliases: field.aliases)
        }
    }

    static func fieldKind(_ type: TypeExpression, _ schema: APISchema) -> RequestField.Kind {
        switch type {
        case .string, .timestamp: .string
        case .integer: .integer
        case .number, .decimal: .number
        case .boolean: .boolean
        case .json, .flag: .any
        case .array: .array
        case .reference(let name):
            if let definition = schema.enums[name] {
                definition.rawType == .integer ? .integer : .string
            } else {
                .object
            }
        }
    }

    /// JSON keys of card data anywhere the types reach (aliases too).
    static func sensitiveFields(_ types: [TypeExpression], _ schema: APISchema) -> Set<String> {
        var keys: Set<String> = []
        var visited: Set<String> = []
        func visit(_ type: TypeExpression) {
            switch type {
            case .array(let items): visit(items)
            case .reference(let name):
                guard let model = schema.models[name], visited.insert(name).inserted else { return }
                for field in model.fields.values {
                    if field.sensitive { keys.formUnion([field.name] + field.aliases) }
                    visit(field.type)
                }
            default: return
            }
        }
        types.forEach(visit)
        return keys
    }
}
