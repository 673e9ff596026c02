import TarlanCore

/// The runtime's own descriptor values for the schema's sections, operations and callbacks.
///
/// Built once from the schema: the validator runs every example through the runtime with them
/// (the response interpreter, the signer), and lowering writes them out as Swift literals, so the
/// generator and the runtime cannot hold two versions of an operation's rules.
enum RuntimeDescriptors {
    static func section(_ section: Section, _ schema: APISchema) -> TarlanSection {
        TarlanSection(
            name: section.id, title: section.title, signing: section.signing, servers: section.servers,
            expectedErrorCodes: expectedErrorCodes(section, schema))
    }

    /// The codes of the section's error table documented with HTTP 200 (expected errors), except 0.
    static func expectedErrorCodes(_ section: Section, _ schema: APISchema) -> Set<Int> {
        guard let table = section.errorCodes.flatMap({ schema.enums[$0] }) else { return [] }
        return Set(table.cases.values.compactMap { enumCase in
            enumCase.httpStatus == 200 ? enumCase.value.numberValue?.int.flatMap { $0 == 0 ? nil : $0 } : nil
        })
    }

    static func operation(_ operation: Operation, _ schema: APISchema) -> OperationDescriptor? {
        guard let section = schema.sections[operation.section] else { return nil }
        return OperationDescriptor(
            id: operation.id, summary: operation.summary, section: self.section(section, schema),
            method: operation.method, path: operation.path, environmentPaths: operation.environmentPaths,
            requestLocation: operation.requestPlacement, requestFields: requestFields(operation.requestModel, schema),
            errorFormats: Set(operation.errorFormats), isIdempotent: operation.idempotent,
            documentation: operation.documentation,
            sensitiveFields: sensitiveFields([.reference(operation.requestModel), operation.result], schema),
            reconciliation: reconciliation(operation, schema))
    }

    /// For a money-moving operation: the status operation, the keys it finds the call by, and the
    /// generated method that asks it.
    static func reconciliation(_ operation: Operation, _ schema: APISchema) -> Reconciliation? {
        guard !operation.idempotent, let rule = operation.reconcile else { return nil }
        return Reconciliation(
            operationID: operation.id, statusOperationID: rule.operation,
            keyFields: rule.fields.values.sorted(), methodName: ReconcileMethod.signature(operation, schema),
            note: rule.note)
    }

    static func callback(_ callback: Callback, _ schema: APISchema) -> CallbackDescriptor? {
        guard let section = schema.sections[callback.section] else { return nil }
        return CallbackDescriptor(
            id: callback.id, summary: callback.summary, section: self.section(section, schema),
            method: callback.method, payloadLocation: callback.payloadPlacement,
            payloadFields: requestFields(callback.payloadModel, schema),
            sensitiveFields: sensitiveFields([.reference(callback.payloadModel)], schema),
            documentation: callback.documentation)
    }

    /// The fields of a request or payload model, in the model's order.
    static func requestFields(_ model: String, _ schema: APISchema) -> [RequestField] {
        (schema.models[model]?.sortedFields ?? []).map { field in
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
            if let definition = schema.enums[name] { definition.rawType == .integer ? .integer : .string } else { .object }
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
