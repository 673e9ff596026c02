/// The Swift names the generator emits for schema entities, for tools that report on them
/// (the schema diff): named by the lowering code itself, so a report names what is really emitted.
package enum GeneratedSymbols {
    /// `AGWSClient`.
    package static func clientName(_ section: Section) -> String { ClientLowering.clientName(section) }

    /// `checkBalance(_:options:)`, the way Swift documentation names a method.
    package static func clientMethod(_ operation: Operation) -> String {
        ClientLowering.methodSignature(operation).selector
    }

    /// `WebhookVerifier`, the type the callback verifiers extend.
    package static let verifierTypeName = CallbackLowering.verifierTypeName

    /// `acquiringPaymentStatus(body:signatureHeader:)`.
    package static func callbackVerifier(_ callback: Callback) -> String {
        CallbackLowering.verifierSignature(callback).selector
    }

    /// `balance` for the JSON field `balance`, `paymentURL` for `payment_url`.
    package static func propertyName(_ field: Field) -> String { field.propertyName }

    /// The Swift spelling of a schema type: `Decimal`, `[String]`, `AGWSTransactionStatus`.
    package static func typeName(_ type: TypeExpression) -> String { SwiftTypes.name(of: type) }

    /// The declared type of a model's property (optional when the field is).
    package static func propertyType(_ field: Field) -> String { SwiftTypes.propertyType(of: field).text }

    /// `CheckBalanceFixtureTests`.
    package static func fixtureTestClass(_ operation: Operation) -> String {
        FixtureTestLowering.testClassName(operation)
    }

    /// `PaymentStatusCallbackFixtureTests`.
    package static func fixtureTestClass(_ callback: Callback) -> String { FixtureTestLowering.testClassName(callback) }

    /// `SignatureVectorTests`.
    package static let vectorsClassName = FixtureTestLowering.vectorsClassName

    /// `testSuccess` for the example named `success`.
    package static func testMethodName(_ name: String) -> String { FixtureTestLowering.testMethodName(name) }
}
