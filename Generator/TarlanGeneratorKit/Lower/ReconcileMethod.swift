import TarlanCore

/// The client method that finds out what happened to a money-moving call whose outcome is unknown:
/// `reconcileMakePayment(_:)` asks `checkRefillStatus` with the fields of the original request.
enum ReconcileMethod {
    static func name(_ operation: Operation) -> String {
        "reconcile" + operation.id.prefix(1).uppercased() + operation.id.dropFirst()
    }

    /// `reconcileConfirmInvoice(_:project:serviceCode:options:)`.
    static func signature(_ operation: Operation, _ status: StatusCall) -> String {
        let labels = ["_"] + status.parameters.map(SwiftNames.property(for:)) + ["options"]
        return name(operation) + "(" + labels.map { $0 + ":" }.joined() + ")"
    }

    static func function(_ operation: CheckedOperation) -> Function? {
        guard let reconcile = operation.reconcile, let status = reconcile.status else { return nil }
        var arguments: [String] = []
        for argument in status.arguments {
            switch argument {
            case .copied(let field, let source):
                arguments.append("\(SwiftNames.property(for: field)): request.\(SwiftNames.escaped(SwiftNames.property(for: source)))")
            case .constant(let field, let value):
                arguments.append("\(SwiftNames.property(for: field)): \(SwiftTypes.expression(of: value))")
            case .parameter(let field):
                let label = SwiftNames.property(for: field)
                arguments.append("\(label): \(SwiftNames.escaped(label))")
            }
        }
        let parameters = status.parameters
        let statusID = status.operationID
        let keys = reconcile.rule.fields.values.sorted().map { "`\($0)`" }.joined(separator: ", ")
        var docs = [
            "Finds out what happened to a ``\(operation.id)(_:options:)`` whose outcome is unknown (a timeout or a reset "
                + "after the request was sent, a 5xx without an error body): asks ``\(statusID)(_:options:)``"
                + (keys.isEmpty ? "" : " by \(keys)") + ". Safe to repeat; never sends the original request again.",
        ]
        if let note = reconcile.rule.note { docs += ["", "- Note: \(note)"] }
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
            head: "public func \(name(operation.operation))",
            parameters: ["_ request: \(operation.operation.requestModel)"]
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
