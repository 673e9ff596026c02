/// The generated Swift symbol of each schema entity, named by the lowering code itself
/// (`ClientLowering`, `CallbackLowering`, `FixtureTestLowering`, `SwiftNames`), so a report
/// always names what the generator really emits.
struct DiffSymbols {
    let schema: APISchema

    /// `AGWSClient`; the section id when the section is missing (a schema the validator would reject).
    func client(_ sectionID: String) -> String {
        schema.sections[sectionID].map(ClientLowering.clientName) ?? sectionID
    }

    /// `AGWSClient.checkBalance(_:options:)`.
    func operation(_ operation: Operation) -> String {
        client(operation.section) + "." + Self.signature(ClientLowering.method(operation, schema))
    }

    /// `WebhookVerifier.acquiringPaymentStatus(body:signatureHeader:)`.
    func callback(_ callback: Callback) -> String {
        CallbackLowering.verifierTypeName + "." + Self.signature(CallbackLowering.verifier(callback, schema))
    }

    /// `AGWSClient.Environment.sandbox`.
    func server(_ sectionID: String, _ name: String) -> String {
        client(sectionID) + ".Environment." + name
    }

    /// `AGWSClient.section`, which carries the signing rules.
    func signing(_ sectionID: String) -> String {
        client(sectionID) + ".section"
    }

    /// `CheckBalanceResult.balance`.
    func field(_ model: String, _ field: Field) -> String {
        model + "." + SwiftNames.property(for: field)
    }

    /// `AGWSTransactionStatus.created`.
    func enumCase(_ enumName: String, _ caseName: String) -> String {
        enumName + "." + caseName
    }

    /// The generated fixture test of an operation's or callback's example: `CheckBalanceFixtureTests.testSuccess()`.
    func example(_ owner: ExampleOwner, _ name: String) -> String {
        let testClass = switch owner {
        case .operation(let operation): FixtureTestLowering.testClassName(operation)
        case .callback(let callback): FixtureTestLowering.testClassName(callback)
        }
        return testClass + "." + FixtureTestLowering.testMethodName(name) + "()"
    }

    /// `SignatureVectorTests.testAgwsCashIn()`.
    func signatureVector(_ id: String) -> String {
        FixtureTestLowering.vectorsClassName + "." + FixtureTestLowering.testMethodName(id) + "()"
    }

    /// `name(label:label:)` of a lowered function, the way Swift documentation names it.
    static func signature(_ function: Function) -> String {
        let name = function.head.split(separator: " ").last.map(String.init) ?? function.head
        let labels = function.parameters.map { parameter in
            let declaration = parameter.prefix { $0 != ":" }
            return (declaration.split(separator: " ").first.map(String.init) ?? "_") + ":"
        }
        return name + "(" + labels.joined() + ")"
    }
}

/// Who an example belongs to.
enum ExampleOwner {
    case operation(Operation)
    case callback(Callback)
}
