import TarlanGeneratorKit

/// The generated Swift symbol of each schema entity, named by the lowering code itself
/// (`ClientLowering`, `CallbackLowering`, `FixtureTestLowering`, `SwiftNames`), so a report
/// always names what the generator really emits.
struct DiffSymbols {
    let schema: APISchema

    /// `AGWSClient`; the section id when the section is missing (a schema the validator would reject).
    func client(_ sectionID: String) -> String {
        schema.sections[sectionID].map(GeneratedSymbols.clientName) ?? sectionID
    }

    /// `AGWSClient.checkBalance(_:options:)`.
    func operation(_ operation: Operation) -> String {
        client(operation.section) + "." + GeneratedSymbols.clientMethod(operation)
    }

    /// `WebhookVerifier.acquiringPaymentStatus(body:signatureHeader:)`.
    func callback(_ callback: Callback) -> String {
        GeneratedSymbols.verifierTypeName + "." + GeneratedSymbols.callbackVerifier(callback)
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
        model + "." + GeneratedSymbols.propertyName(field)
    }

    /// `AGWSTransactionStatus.created`.
    func enumCase(_ enumName: String, _ caseName: String) -> String {
        enumName + "." + caseName
    }

    /// The generated fixture test of an operation's or callback's example: `CheckBalanceFixtureTests.testSuccess()`.
    func example(_ owner: ExampleOwner, _ name: String) -> String {
        let testClass =
            switch owner {
            case .operation(let operation): GeneratedSymbols.fixtureTestClass(operation)
            case .callback(let callback): GeneratedSymbols.fixtureTestClass(callback)
            }
        return testClass + "." + GeneratedSymbols.testMethodName(name) + "()"
    }

    /// `SignatureVectorTests.testAgwsCashIn()`.
    func signatureVector(_ id: String) -> String {
        GeneratedSymbols.vectorsClassName + "." + GeneratedSymbols.testMethodName(id) + "()"
    }
}

/// Who an example belongs to.
enum ExampleOwner {
    case operation(Operation)
    case callback(Callback)
}
