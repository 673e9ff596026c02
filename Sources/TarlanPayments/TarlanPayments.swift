// TarlanPayments: typed clients of the Tarlanpayments AGWS and Acquiring APIs.
//
// Everything endpoint-specific in this module is generated from `Schema/` at build time by the
// TarlanGeneratorPlugin; this file only re-exports the runtime the generated code is written against.
@_exported import TarlanRuntime
