/// Marks what each model is used for, once every file is loaded: requests (whose aliased keys the
/// caller may choose) and callback payloads with everything they reach (read leniently).
enum ModelRoles {
    static func assign(_ schema: inout APISchema) {
        for operation in schema.operations.values {
            schema.models[operation.requestModel]?.isRequest = true
        }
        var lenient: [String] = schema.callbacks.values.map(\.payloadModel)
        var seen: Set<String> = []
        while let name = lenient.popLast() {
            guard seen.insert(name).inserted, var model = schema.models[name] else { continue }
            model.readsLeniently = true
            model.fields = model.fields.mapValues { field in
                var field = field
                field.inLenientModel = true
                return field
            }
            lenient += model.fields.values.flatMap { referencedModels($0.type) }
            schema.models[name] = model
        }
    }

    private static func referencedModels(_ type: TypeExpression) -> [String] {
        switch type {
        case .array(let items): referencedModels(items)
        case .reference(let name): [name]
        default: []
        }
    }
}
