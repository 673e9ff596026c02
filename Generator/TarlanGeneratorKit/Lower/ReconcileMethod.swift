import TarlanCore

/// The client method that finds out what happened to a money-moving call whose outcome is unknown:
/// `reconcileMakePayment(_:)` asks `checkRefillStatus` with the fields of the original request.
enum ReconcileMethod {
    static func name(_ operation: Operation) -> String {
        "reconcile" + operation.id.prefix(1).uppercased() + operation.id.dropFirst()
    }

    /// `reconcileConfirmInvoice(_ request: …, project: …, serviceCode: …, options: …)`: the original
    /// request, the status request's fields the request lacks, and per-call options.
    static func signature(_ operation: Operation, _ status: StatusCall) -> FunctionSignature {
        var parameters = [Parameter(label: nil, name: "request", type: .named(operation.requestModel))]
        for field in status.parameters {
            parameters.append(
                Parameter(SwiftNames.escaped(field.propertyName), SwiftTypes.type(of: field.type)))
        }
        parameters.append(Parameter("options", .named("TarlanCallOptions"), default: .implicitMember("init").call()))
        return FunctionSignature(
            access: .public, kind: .function(name(operation)), parameters: parameters,
            isAsync: true, throwing: .untyped, returnType: SwiftTypes.type(of: status.result)
        )
    }

    static func function(_ operation: CheckedOperation) -> FunctionDeclaration? {
        guard let reconcile = operation.reconcile, let status = reconcile.status else { return nil }
        var arguments: [Argument] = []
        for argument in status.arguments {
            switch argument {
            case .copied(let field, let source):
                let value = Expression.name("request").dot(SwiftNames.escaped(source.propertyName))
                arguments.append(Argument(field.propertyName, value))
            case .constant(let field, let value):
                arguments.append(Argument(field.propertyName, SwiftTypes.expression(of: value)))
            case .parameter(let field):
                let label = field.propertyName
                arguments.append(Argument(label, .name(SwiftNames.escaped(label))))
            }
        }
        let statusID = status.operationID
        let keys = reconcile.rule.fields.values.sorted().map { "`\($0)`" }.joined(separator: ", ")
        var parameters = ["- Parameters:", "  - request: The request whose outcome is unknown."]
        parameters += status.parameters.map {
            "  - \($0.propertyName): `\($0.name)` of the status request, which the request lacks."
        }
        parameters += [
            "  - options: Per-call options such as a timeout.",
            "- Returns: What ``\(statusID)(_:options:)`` returns.",
        ]
        let ask = Expression.name(statusID).call([
            Argument(.name(status.requestModel).call(arguments)),
            Argument("options", .name("options")),
        ])
        return FunctionDeclaration(
            docs: DocComment([
                [
                    "Finds out what happened to a ``\(operation.id)(_:options:)`` whose outcome is unknown (a timeout or a "
                        + "reset after the request was sent, a 5xx without an error body): asks ``\(statusID)(_:options:)``"
                        + (keys.isEmpty ? "" : " by \(keys)")
                        + ". Safe to repeat; never sends the original request again."
                ],
                DocText.line(reconcile.rule.note.map { "- Note: \($0)" }),
                parameters,
            ]),
            signature: signature(operation.operation, status),
            body: [.expression(.try(.await(ask)))]
        )
    }
}
