/// One difference between two schemas, classified for code that uses the generated module.
public struct SchemaChange: Hashable, Sendable {
    /// What changed. The raw value is the `kind` of the JSON report.
    public enum Kind: String, Sendable, CaseIterable {
        // Sections (one client each)
        case sectionAdded, sectionRemoved, clientRenamed
        case serverAdded, serverRemoved, serverChanged
        case signingChanged, errorCodesChanged
        // Operations (one client method each)
        case operationAdded, operationRemoved, operationRenamed, operationSectionChanged
        case methodChanged, pathChanged, requestPlacementChanged, requestModelChanged, resultChanged
        case errorFormatAdded, errorFormatRemoved, idempotencyChanged
        // Callbacks (one `WebhookVerifier` method each)
        case callbackAdded, callbackRemoved, callbackRenamed, callbackSectionChanged, callbackPayloadChanged
        case callbackReplyAdded, callbackReplyRemoved, callbackReplyChanged
        // Models and their fields
        case modelAdded, modelRemoved
        case fieldAdded, fieldRemoved, fieldRenamed, fieldTypeChanged, fieldDecodingWidened
        case fieldMadeRequired, fieldMadeOptional, fieldSensitivityChanged
        // Enums and their cases
        case enumAdded, enumRemoved, enumRawTypeChanged
        case enumCaseAdded, enumCaseRemoved, enumCaseRenamed, enumCaseValueChanged
        // Signature vectors (generated tests only)
        case signatureVectorAdded, signatureVectorRemoved, signatureVectorChanged
        // Anywhere
        case documentationChanged, exampleAdded, exampleRemoved, exampleChanged, moved
    }

    /// What a change is about: a section, operation, callback, model, enum or signature vector.
    public struct Subject: Hashable, Sendable, Comparable, CustomStringConvertible {
        public enum Kind: String, Sendable, CaseIterable {
            case section
            case operation
            case callback
            case model
            case `enum`
            case signatureVector = "signature vector"
        }

        public var kind: Kind
        /// The schema's name: operation id, model name, …
        public var name: String

        public init(_ kind: Kind, _ name: String) {
            self.kind = kind
            self.name = name
        }

        /// `operation checkBalance`.
        public var description: String { "\(kind.rawValue) \(name)" }

        public static func < (lhs: Self, rhs: Self) -> Bool {
            let order = Kind.allCases
            let (left, right) = (order.firstIndex(of: lhs.kind)!, order.firstIndex(of: rhs.kind)!)
            return left != right ? left < right : lhs.name < rhs.name
        }
    }

    public var kind: Kind
    public var breaking: Bool
    public var subject: Subject
    /// Where the change is: in the new schema for additions and changes, in the old one for removals.
    public var pointer: String
    /// The file `pointer` is in.
    public var file: String
    /// The generated Swift symbol affected, e.g. `AGWSClient.checkBalance(_:options:)`.
    public var symbol: String
    /// One line for people.
    public var message: String

    public init(
        kind: Kind, breaking: Bool, subject: Subject, pointer: String, file: String, symbol: String, message: String
    ) {
        self.kind = kind
        self.breaking = breaking
        self.subject = subject
        self.pointer = pointer
        self.file = file
        self.symbol = symbol
        self.message = message
    }

    /// Breaking changes first, then by subject (sections, operations, callbacks, models, enums,
    /// vectors; each by name), pointer, kind and message: the report never depends on input order.
    static func precedes(_ lhs: SchemaChange, _ rhs: SchemaChange) -> Bool {
        if lhs.breaking != rhs.breaking { return lhs.breaking }
        if lhs.subject != rhs.subject { return lhs.subject < rhs.subject }
        if lhs.pointer != rhs.pointer { return lhs.pointer < rhs.pointer }
        if lhs.kind != rhs.kind { return lhs.kind.rawValue < rhs.kind.rawValue }
        if lhs.message != rhs.message { return lhs.message < rhs.message }
        return (lhs.file, lhs.symbol) < (rhs.file, rhs.symbol)
    }
}

/// Every change between two schemas, in report order.
public struct SchemaDiffReport: Hashable, Sendable {
    public var changes: [SchemaChange]

    public init(changes: [SchemaChange]) {
        self.changes = changes.sorted(by: SchemaChange.precedes)
    }

    public var breakingCount: Int { changes.count { $0.breaking } }
    public var nonBreakingCount: Int { changes.count { !$0.breaking } }
    public var hasBreakingChanges: Bool { breakingCount > 0 }
    public var isEmpty: Bool { changes.isEmpty }
}
