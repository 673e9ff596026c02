import TarlanCore

/// The client method that finds out what happened to a money-moving call whose outcome is unknown:
/// `reconcileMakePayment(_:)` asks `checkRefillStatus` with the fields of the original request.
enum ReconcileMethod {
    static func name(_ operation: Operation) -> String {
        "reconcile" + operation.id.prefix(1).uppercased() + operation.id.dropFirst()
    }

    /// The status request's required fields that are neither copied from the request nor constant:
    /// the caller passes them.
    static func parameters(_ operation: Operation, _ schema: APISchema) -> [Field] {
        guard let rule = operation.reconcile, let status = rule.operation.flatMap({ schema.operations[$0] }),
            let model = schema.models[status.requestModel]
        else { return [] }
        return model.sortedFields.filter { field in
            field.requiredInSwift && rule.fields[field.name] == nil && rule.constants[field.name] == nil
        }
    }

    /// `reconcileConfirmInvoice(_:project:serviceCode:options:)`, or nil when there is no status operation.
    static func signature(_ operation: Operation, _ schema: APISchema) -> String? {
        guard operation.reconcile?.operation != nil else { return nil }
        let labels = ["_"] + parameters(operation, schema).map(SwiftNames.property(for:)) + ["options"]
        return name(operation) + "(" + labels.map { $0 + ":" }.joined() + ")"
    }

    static func function(_ operation: Operation, _ schema: APISchema) -> Function? {
        guard let rule = operation.reconcile, let statusID = rule.operation, let status = schema.operations[statusID],
            let model = schema.models[status.requestModel], let source = schema.models[operation.requestModel]
        else { return nil }
        var interpreter = ExampleInterpreter(schema: schema)
        var arguments: [String] = []
        for field in model.sortedFields {
            let label = SwiftNames.property(for: field)
            if let from = rule.fields[field.name], let sourceField = source.fields[from] {
                arguments.append("\(label): request.\(SwiftNames.escaped(SwiftNames.property(for: sourceField)))")
            } else if let constant = rule.constants[field.name], let typed = interpreter.read(constant, as: field.type, at: "") {
                arguments.append("\(label): \(SwiftTypes.expression(of: typed, schema: schema))")
            } else if field.requiredInSwift {
                arguments.append("\(label): \(SwiftNames.escaped(label))")
            }
        }
        let parameters = parameters(operation, schema)
        let keys = rule.fields.values.sorted().map { "`\($0)`" }.joined(separator: ", ")
        var docs = [
            "Finds out what happened to a ``\(operation.id)(_:options:)`` whose outcome is unknown (a timeout or a reset "
                + "after the request was sent, a 5xx without an error body): asks ``\(statusID)(_:options:)``"
                + (keys.isEmpty ? "" : " by \(keys)") + ". Safe to repeat; never sends the original request again.",
        ]
        if let note = rule.note { docs += ["", "- Note: \(note)"] }
        docs += [
            "",
            "- Parameters:",
            "  - request: The request whose outcome is unknown.",
        ]
        docs += parameters.map { "  - \(SwiftNames.property(for: $0)): `\($0.name)` of the status request, which the request lacks." }
        docs += [
            "  - options: Per-call options such as a timeout.",
            "- Returns: What ``\(statusID)(_:options:)`` returns.",
        ]
        return Function(
            docs: docs,
            head: "public func \(name(operation))",
            parameters: ["_ request: \(operation.requestModel)"]
                + parameters.map { "\(SwiftNames.escaped(SwiftNames.property(for: $0))): \(SwiftTypes.name(of: $0.type))" }
                + ["options: TarlanCallOptions = .init()"],
            tail: " async throws -> \(SwiftTypes.name(of: status.result))",
            body: [.wrapped(
                open: "try await \(statusID)(",
                [.line("\(status.requestModel)(" + arguments.joined(separator: ", ") + "),"), .line("options: options")],
                close: ")")]
        )
    }
}
