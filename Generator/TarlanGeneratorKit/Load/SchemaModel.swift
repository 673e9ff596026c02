import TarlanRuntime

/// The whole API as the schema documents describe it, merged across files.
/// Dictionaries are keyed by the schema's names; later stages sort them for stable output.
public struct APISchema: Sendable {
    public var sections: [String: Section] = [:]
    public var operations: [String: Operation] = [:]
    public var models: [String: Model] = [:]
    public var enums: [String: EnumDefinition] = [:]
    public var signatureVectors: [String: SignatureVector] = [:]
    public var callbacks: [String: Callback] = [:]
    /// File path → where each JSON pointer of that file starts, to place diagnostics on nested values.
    var sourceMaps: [String: [String: JSONSourceLocation]] = [:]

    public init() {}

    /// The location of `pointer` below `base` in the same file.
    func location(below base: SourceLocation, _ relativePointer: String) -> SourceLocation {
        let pointer = base.pointer + relativePointer
        let position = sourceMaps[base.file]?[pointer]
        return SourceLocation(
            file: base.file, line: position?.line ?? base.line, column: position?.column ?? base.column,
            pointer: pointer
        )
    }
}

public struct Section: Sendable {
    public var id: String
    public var title: String
    public var swiftPrefix: String
    public var description: String?
    public var documentation: String?
    /// Environment name (`production`, `sandbox`) → base URL.
    public var servers: [String: String]
    public var signing: SigningRules
    public var signingNote: String?
    public var errorCodes: String?
    public var location: SourceLocation
}

public enum HTTPVerb: String, Sendable, CaseIterable {
    case get = "GET"
    case post = "POST"
    case delete = "DELETE"
}

public enum RequestPlacement: String, Sendable, CaseIterable {
    case body
    case query
}

/// The four error formats of section 4.6 of the reference.
public enum ErrorFormatName: String, Sendable, CaseIterable, Comparable {
    case old
    case newExpected
    case newUnexpected
    case acquiring

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

public struct Operation: Sendable {
    public var id: String
    public var section: String
    public var summary: String
    public var description: String?
    public var documentation: String?
    public var method: HTTPVerb
    public var path: String
    /// Environment name → path, where an environment differs from `path`.
    public var environmentPaths: [String: String]
    public var idempotent: Bool
    public var requestPlacement: RequestPlacement
    public var requestModel: String
    public var result: TypeExpression
    public var resultDescription: String?
    public var errorFormats: [ErrorFormatName]
    public var quirks: [String]
    public var examples: [String: Example]
    public var location: SourceLocation
}

/// A field's or result's type.
public indirect enum TypeExpression: Sendable, Hashable {
    case string
    case integer
    case number
    case boolean
    case json
    /// A date-time string (Swift `TarlanTimestamp`).
    case timestamp
    case array(TypeExpression)
    case reference(String)
}

/// A JSON scalar kind that decoding may tolerate in place of the declared one.
public enum ScalarKind: String, Sendable, CaseIterable {
    case string
    case integer
    case number
    case boolean
}

public struct Field: Sendable {
    public var name: String
    public var type: TypeExpression
    public var required: Bool
    public var description: String?
    public var documentedType: String?
    public var accepts: [ScalarKind]
    public var aliases: [String]
    public var quirk: String?
    public var swiftName: String?
    /// Card data: redacted from `description`, `dump`, error snippets and `tarlan` output.
    public var sensitive: Bool
    public var location: SourceLocation
}

public struct Model: Sendable {
    public var name: String
    public var description: String?
    public var fields: [String: Field]
    public var location: SourceLocation

    /// Fields in a stable order: required ones first (they lead the memberwise init), each group by JSON name.
    public var sortedFields: [Field] {
        fields.values.sorted { ($0.required ? 0 : 1, $0.name) < ($1.required ? 0 : 1, $1.name) }
    }
}

public enum EnumRawType: String, Sendable {
    case string
    case integer
}

public struct EnumCase: Sendable {
    public var name: String
    /// Always a `.string` or an integral `.number`, matching the enum's raw type.
    public var value: JSONValue
    public var description: String?
    public var message: String?
    public var httpStatus: Int?
    public var quirk: String?
    public var location: SourceLocation
}

public struct EnumDefinition: Sendable {
    public var name: String
    public var description: String?
    public var documentation: String?
    public var rawType: EnumRawType
    public var quirk: String?
    public var cases: [String: EnumCase]
    public var location: SourceLocation

    /// Cases in documentation order: by value (numerically for integers).
    public var sortedCases: [EnumCase] {
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

public enum ExampleKind: String, Sendable {
    case request
    case response
    /// A callback's payload (may carry `secret` and `signature`).
    case payload
    /// The merchant's answer to a callback.
    case reply
}

/// A request Tarlan sends to the merchant.
public struct Callback: Sendable {
    public var id: String
    public var section: String
    public var summary: String
    public var description: String?
    public var documentation: String?
    public var method: HTTPVerb
    public var payloadPlacement: RequestPlacement
    public var payloadModel: String
    public var replyModel: String?
    public var merchantMustAnswer: String?
    public var quirks: [String]
    public var examples: [String: Example]
    public var location: SourceLocation
}

public enum Provenance: String, Sendable, CaseIterable {
    case doc
    case docOld = "doc-old"
    case computed
    case inferred
}

/// What a response example must produce.
public enum ExpectedOutcome: Sendable, Hashable {
    case success
    case apiError(format: ErrorFormatName, code: Int?, message: String)
}

public struct Example: Sendable {
    public var name: String
    public var kind: ExampleKind
    public var provenance: Provenance
    public var description: String?
    public var quirk: String?
    public var correction: String?
    public var asDocumented: String?
    public var body: JSONValue
    public var bodyLocation: SourceLocation
    /// Response examples only.
    public var httpStatus: Int?
    public var expect: ExpectedOutcome?
    /// Request examples only.
    public var secret: String?
    public var canonical: String?
    public var signature: String?
    public var location: SourceLocation
}

public struct SignatureVector: Sendable {
    public var id: String
    public var section: String
    public var provenance: Provenance
    public var description: String?
    public var input: JSONValue
    public var secret: String
    public var canonical: String
    public var base64: String?
    public var signature: String
    public var location: SourceLocation
}
