import TarlanCore

/// The whole API as the schema documents describe it, merged across files.
/// Dictionaries are keyed by the schema's names; later stages sort them for stable output.
package struct APISchema: Sendable {
    package var sections: [String: Section] = [:]
    package var operations: [String: Operation] = [:]
    package var models: [String: Model] = [:]
    package var enums: [String: EnumDefinition] = [:]
    package var signatureVectors: [String: SignatureVector] = [:]
    package var callbacks: [String: Callback] = [:]
    /// File path → where each JSON pointer of that file starts, to place diagnostics on nested values.
    package var sourceMaps: [String: SourceMap] = [:]

    package init() {}

    /// The location of `pointer` below `base` in the same file (`base`'s place if the file lacks it).
    func location(below base: SourceLocation, _ relativePointer: String) -> SourceLocation {
        let pointer = base.pointer + relativePointer
        guard let map = sourceMaps[base.file] else {
            return SourceLocation(file: base.file, line: base.line, column: base.column, pointer: pointer)
        }
        return SourceLocation(file: base.file, pointer: pointer, map: map, fallback: base.pointer)
    }
}

package struct Section: Sendable {
    package var id: String
    package var title: String
    package var swiftPrefix: String
    package var description: String?
    package var documentation: String?
    /// Environment name (`production`, `sandbox`) → base URL.
    package var servers: [String: String]
    /// Header, prefix, exclusions and the canonical form (`signing.canonicalForm` in the schema).
    package var signing: SigningRules
    package var signingNote: String?
    package var errorCodes: String?
    /// Every error format the section's answers may use; each operation lists the ones it documents.
    package var errorFormats: [ErrorFormat]
    /// Documented calls the schema deliberately does not model, with the reason.
    package var unmodelled: [String: UnmodelledOperation]
    package var location: SourceLocation
}

/// A call the documentation names but the schema leaves out, and why (so the gap is a decision,
/// not an oversight, and `check-docs` does not report it as new).
package struct UnmodelledOperation: Sendable {
    package var id: String
    package var method: HTTPMethod
    package var path: String
    package var documentation: String?
    package var reason: String
    package var location: SourceLocation
}

package struct Operation: Sendable {
    package var id: String
    package var section: String
    package var summary: String
    package var description: String?
    package var documentation: String?
    package var method: HTTPMethod
    package var path: String
    /// Environment name → path, where an environment differs from `path`.
    package var environmentPaths: [String: String]
    package var idempotent: Bool
    package var requestPlacement: RequestLocation
    package var requestModel: String
    package var result: TypeExpression
    package var resultDescription: String?
    package var errorFormats: [ErrorFormat]
    /// How to find out what happened when this (money-moving) operation's outcome is unknown.
    package var reconcile: ReconcileRule?
    package var quirks: [String]
    package var examples: [String: Example]
    package var location: SourceLocation
}

/// The status operation that reconciles a money-moving operation, and how its request is filled:
/// from the original request's fields, from constants, and the rest from the caller.
package struct ReconcileRule: Sendable {
    /// The status operation; nil when the documentation has none (the note says what to do).
    package var operation: String?
    /// Status request field → the original request's field it is copied from.
    package var fields: [String: String]
    /// Status request field → a fixed value (e.g. the transaction type `in` for a pay-in).
    package var constants: [String: JSONValue]
    package var note: String?
    package var location: SourceLocation
}

/// A field's or result's type.
package indirect enum TypeExpression: Sendable, Hashable {
    case string
    case integer
    case number
    case boolean
    case json
    /// A date-time string (Swift `TarlanTimestamp`).
    case timestamp
    /// An amount of money: Swift `Decimal`, read from the number's own text, sent as Go's `float64` text.
    case decimal
    /// A yes/no value the documentation types inconsistently (Swift `TarlanFlag`, which keeps any value).
    case flag
    case array(TypeExpression)
    case reference(String)
}

package struct Field: Sendable {
    package var name: String
    package var type: TypeExpression
    package var required: Bool
    package var description: String?
    package var documentedType: String?
    package var accepts: [JSONScalarKind]
    package var aliases: [String]
    package var quirk: String?
    /// The Swift property: the schema's `swiftName`, or the JSON name in lowerCamelCase (made once, used everywhere).
    package let propertyName: String
    /// Card data: redacted from `description`, `dump`, error snippets and `tarlan` output.
    package var sensitive: Bool
    /// Whether the Swift property is non-optional: `required`, except in models read leniently.
    package var requiredInSwift: Bool { required && !inLenientModel }
    /// Set by ``ModelRoles`` for the fields of a model read leniently.
    package var inLenientModel = false
    /// Decimal amounts only: refuse negative values before sending.
    package var nonNegative: Bool = false
    /// Decimal amounts only: refuse fractions before sending (the documentation types it Integer).
    package var wholeNumber: Bool = false
    package var location: SourceLocation
}

package struct Model: Sendable {
    package var name: String
    package var description: String?
    package var fields: [String: Field] {
        didSet { sortedFields = Self.inOrder(fields) }
    }
    /// Fields in a stable order: those required in Swift first (they lead the memberwise init), each
    /// group by JSON name. Kept with `fields`: the validator and lowering walk it many times.
    package private(set) var sortedFields: [Field]
    package var location: SourceLocation
    /// A callback payload or reachable from one: read leniently once its signature verified, so every
    /// property is optional in Swift (set by ``ModelRoles``).
    package var readsLeniently = false
    /// An operation's request: fields with aliases get a key selector (set by ``ModelRoles``).
    package var isRequest = false

    package init(name: String, description: String?, fields: [String: Field], location: SourceLocation) {
        self.name = name
        self.description = description
        self.fields = fields
        self.sortedFields = Self.inOrder(fields)
        self.location = location
    }

    private static func inOrder(_ fields: [String: Field]) -> [Field] {
        fields.values.sorted { ($0.requiredInSwift ? 0 : 1, $0.name) < ($1.requiredInSwift ? 0 : 1, $1.name) }
    }
}

package enum EnumRawType: String, Sendable {
    case string
    case integer
}

package struct EnumCase: Sendable {
    package var name: String
    /// Always a `.string` or an integral `.number`, matching the enum's raw type.
    package var value: JSONValue
    package var description: String?
    package var message: String?
    package var httpStatus: Int?
    package var quirk: String?
    package var location: SourceLocation
}

package struct EnumDefinition: Sendable {
    package var name: String
    package var description: String?
    package var documentation: String?
    package var rawType: EnumRawType
    package var quirk: String?
    package var cases: [String: EnumCase]
    package var location: SourceLocation

    /// Cases in documentation order: by value (numerically for integers).
    package var sortedCases: [EnumCase] {
        cases.values.sorted { lhs, rhs in
            switch (lhs.value, rhs.value) {
            // Equal values (a schema error) fall back to the name, so diagnostics stay stable.
            case (.number(let a), .number(let b)): a == b ? lhs.name < rhs.name : a.double < b.double
            case (.string(let a), .string(let b)): a == b ? lhs.name < rhs.name : a < b
            default: lhs.name < rhs.name
            }
        }
    }
}

package enum ExampleKind: String, Sendable {
    case request
    case response
    /// A callback's payload (may carry `secret` and `signature`).
    case payload
    /// The merchant's answer to a callback.
    case reply
}

/// A request Tarlan sends to the merchant.
package struct Callback: Sendable {
    package var id: String
    package var section: String
    package var summary: String
    package var description: String?
    package var documentation: String?
    package var method: HTTPMethod
    package var payloadPlacement: RequestLocation
    package var payloadModel: String
    package var replyModel: String?
    package var merchantMustAnswer: String?
    package var quirks: [String]
    package var examples: [String: Example]
    package var location: SourceLocation
}

package enum Provenance: String, Sendable, CaseIterable {
    case doc
    case docOld = "doc-old"
    case computed
    case inferred
}

/// What a response example must produce.
package enum ExpectedOutcome: Sendable, Hashable {
    case success
    case apiError(format: ErrorFormat, code: Int?, message: String)
}

package struct Example: Sendable {
    package var name: String
    package var kind: ExampleKind
    package var provenance: Provenance
    package var description: String?
    package var quirk: String?
    package var correction: String?
    package var asDocumented: String?
    package var body: JSONValue
    package var bodyLocation: SourceLocation
    /// Response examples only.
    package var httpStatus: Int?
    package var expect: ExpectedOutcome?
    /// Request and signed payload examples only.
    package var secret: String?
    package var canonical: String?
    package var signature: String?
    /// The form the signature holds in, when only one; nil: every form.
    package var canonicalForm: CanonicalForm?
    /// The published page forms known to show it (`markdown`, `plainText`); `check-docs` reports the
    /// example removed only from a page of one of these forms.
    package var pageForms: [String] = []
    package var location: SourceLocation

    package static let pageFormNames = ["markdown", "plainText"]
}

package struct SignatureVector: Sendable {
    package var id: String
    package var section: String
    package var provenance: Provenance
    package var description: String?
    package var input: JSONValue
    package var secret: String
    package var canonical: String
    package var base64: String?
    package var signature: String
    /// The form the vector is computed in; nil: it must hold in every form (an ASCII body with
    /// integral numbers reads the same in all of them).
    package var canonicalForm: CanonicalForm?
    package var location: SourceLocation
}
