import TarlanCore

/// What validation hands to lowering: the schema with every reference resolved, every example
/// interpreted through its model, and the runtime's own descriptor values built.
///
/// Lowering reads only this. It never looks a name up and never falls back to a default for
/// something missing: whatever could be missing was reported by the validator, which builds a
/// `CheckedSchema` only for a schema without errors. Every list is in the order the generated
/// code uses (by id or name).
struct CheckedSchema: Sendable {
    var sections: [CheckedSection]
    var operations: [CheckedOperation]
    var models: [CheckedModel]
    var enums: [CheckedEnum]
    var callbacks: [CheckedCallback]
    var signatureVectors: [CheckedVector]
    /// What the validator found worth saying without refusing the schema.
    var warnings: [Diagnostic]
}

struct CheckedSection: Sendable {
    var section: Section
    /// The error-code table `errorCodes` names, if the section has one.
    var errorCodes: ErrorCodeTable?
    /// The runtime's value for the section: name, title, signing rules, servers, expected codes.
    var descriptor: TarlanSection
    /// The section's servers, production first, then sandbox, then any other by name.
    var servers: [(name: String, url: String)]
}

/// An integer enum that lists a section's error codes.
struct ErrorCodeTable: Sendable {
    var definition: EnumDefinition
    /// The codes other than 0 (which means success), in the table's order.
    var codes: [ErrorCode]

    /// An expected error's code (documented with HTTP 200), else the first code; nil for an empty table.
    var expectedSample: ErrorCode? {
        codes.first { $0.httpStatus == 200 } ?? codes.first
    }

    /// An unexpected error's code (documented with HTTP 4xx or 5xx), else the first code.
    var unexpectedSample: ErrorCode? {
        codes.first { $0.httpStatus.map { $0 >= 400 } == true } ?? codes.first
    }
}

struct ErrorCode: Sendable, Hashable {
    var code: Int
    /// The table's case for the code.
    var caseName: String
    var message: String?
    var httpStatus: Int?
}

/// An operation as lowering needs it: checked, its models and section resolved.
///
/// A class: every lowering reads it, and copying it whole (operation, section, request model, examples)
/// for each use showed as a tenth of lowering's time.
final class CheckedOperation: Sendable {
    let operation: Operation
    let section: CheckedSection
    let request: CheckedModel
    /// The runtime's value for the operation, as the validator ran its examples through it.
    let descriptor: OperationDescriptor
    /// By name.
    let examples: [CheckedExample]
    /// Set for a money-moving operation (the validator requires it there and refuses it elsewhere).
    let reconcile: CheckedReconcile?

    var id: String { operation.id }

    init(
        operation: Operation, section: CheckedSection, request: CheckedModel, descriptor: OperationDescriptor,
        examples: [CheckedExample], reconcile: CheckedReconcile?
    ) {
        self.operation = operation
        self.section = section
        self.request = request
        self.descriptor = descriptor
        self.examples = examples
        self.reconcile = reconcile
    }
}

/// How a money-moving operation's unknown outcome is found out.
struct CheckedReconcile: Sendable {
    var rule: ReconcileRule
    /// The status call, when the schema names a status operation (else only the note says what to do).
    var status: StatusCall?
}

/// The status operation asked to reconcile, and how each field of its request is filled.
struct StatusCall: Sendable {
    var operationID: String
    var requestModel: String
    var result: TypeExpression
    /// The status request's fields in model order, except optional ones nothing fills.
    var arguments: [StatusArgument]

    /// The fields the caller passes: required, and neither copied nor constant.
    var parameters: [Field] {
        arguments.compactMap { argument in
            if case .parameter(let field) = argument { return field }
            return nil
        }
    }
}

enum StatusArgument: Sendable {
    /// Copied from the original request's field.
    case copied(Field, from: Field)
    /// A value fixed by the schema.
    case constant(Field, TypedValue)
    /// Passed by the caller.
    case parameter(Field)
}

struct CheckedModel: Sendable {
    var model: Model
    /// ``Model/sortedFields``, computed once.
    var fields: [Field]
    /// What uses the model directly, in operation then callback order.
    var uses: [ModelUse]

    var name: String { model.name }
}

/// An enum with its cases in documentation order, each with its typed raw value.
struct CheckedEnum: Sendable {
    var definition: EnumDefinition
    var cases: [CheckedEnumCase]

    var name: String { definition.name }
}

struct CheckedEnumCase: Sendable {
    enum RawValue: Sendable, Hashable {
        case integer(Int)
        case string(String)
    }

    var enumCase: EnumCase
    var rawValue: RawValue

    var name: String { enumCase.name }
}

enum ModelUse: Sendable {
    case request(Operation, Section)
    case result(Operation, Section)
    case payload(Callback)
    case reply(Callback)
}

struct CheckedCallback: Sendable {
    var callback: Callback
    var section: CheckedSection
    var payload: CheckedModel
    var reply: CheckedModel?
    var descriptor: CallbackDescriptor
    /// By name.
    var examples: [CheckedExample]

    var id: String { callback.id }
}

struct CheckedVector: Sendable {
    var vector: SignatureVector
    var section: CheckedSection
}

/// An example with what the validator read from it.
struct CheckedExample: Sendable {
    var example: Example
    var content: Content

    var name: String { example.name }

    enum Content: Sendable {
        case request(SignedRequest)
        case response(Response)
        case payload(Payload)
        case reply(Reply)
    }

    /// A request example, read as the request model, with its signature.
    struct SignedRequest: Sendable {
        var body: TypedValue
        var secret: String
        var canonical: String
        var signature: String
    }

    struct Response: Sendable {
        var httpStatus: Int
        var outcome: Outcome
    }

    enum Outcome: Sendable {
        /// `result` read as the operation's result type; nil when the body has no `result`.
        case success(result: TypedValue?)
        case apiError(format: ErrorFormat, code: Int?, message: String)
    }

    /// The merchant's answer to a callback, read as the reply model.
    struct Reply: Sendable {
        var model: String
        var body: TypedValue
    }

    /// A callback's payload, read as the payload model; signed or not.
    struct Payload: Sendable {
        var body: TypedValue
        var signature: PayloadSignature?
    }

    struct PayloadSignature: Sendable {
        var secret: String
        var signature: String
    }
}
