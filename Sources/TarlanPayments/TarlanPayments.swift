// TarlanPayments: typed clients of the Tarlanpayments AGWS and Acquiring APIs.
//
// Everything endpoint-specific in this module is generated from `Schema/` at build time by the
// TarlanGeneratorPlugin; this file only re-exports the runtime the generated code is written against.
@_exported import TarlanRuntime

extension MockTransport {
    /// A mock that serves every operation of the schema from its examples and checks each
    /// request's fields and signature against `secret`.
    public init(secret: TarlanSecret) {
        self.init(secret: secret, operations: TarlanOperations.all, examples: TarlanExamples.all)
    }
}
