import TarlanGeneratorKit

/// One difference between two schemas, with two verdicts: does code using the generated module
/// still compile (`swiftBreaking`), and do clients and the server still understand each other
/// (`wireBreaking`).
package struct SchemaChange: Hashable, Sendable {
    /// What changed. The raw value is the `kind` of the JSON report.
    package enum Kind: String, Sendable, CaseIterable {
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
    package struct Subject: Hashable, Sendable, Comparable, CustomStringConvertible {
        package enum Kind: String, Sendable, CaseIterable {
            case section
            case operation
            case callback
            case model
            case `enum`
            case signatureVector = "signature vector"
        }

        package var kind: Kind
        /// The schema's name: operation id, model name, …
        package var name: String

        package init(_ kind: Kind, _ name: String) {
            self.kind = kind
            self.name = name
        }

        /// `operation checkBalance`.
        package var description: String { "\(kind.rawValue) \(name)" }

        package static func < (lhs: Self, rhs: Self) -> Bool {
            let order = Kind.allCases
            let (left, right) = (order.firstIndex(of: lhs.kind)!, order.firstIndex(of: rhs.kind)!)
            return left != right ? left < right : lhs.name < rhs.name
        }
    }

    package var kind: Kind
    /// Code written against the old module stops compiling: a symbol removed, renamed or retyped, an
    /// initialiser parameter without a default added, an enum case added (exhaustive `switch`es).
    /// What `swift-api-digester -diagnose-sdk` reports of the two modules.
    package var swiftBreaking: Bool
    /// A deployed client and the server the new schema describes stop understanding each other: a
    /// request the client builds is refused, or an answer is read differently or not at all (a
    /// response field made required counts: answers without it were valid and no longer decode).
    package var wireBreaking: Bool
    /// What Swift's API checker said of this change, when the diff ran with it (`--verify-api`).
    package var apiCheck: APICheckVerdict?
    package var subject: Subject
    /// Where the change is: in the new schema for additions and changes, in the old one for removals.
    package var pointer: String
    /// The file `pointer` is in.
    package var file: String
    /// The generated Swift symbol affected, e.g. `AGWSClient.checkBalance(_:options:)`.
    package var symbol: String
    /// One line for people.
    package var message: String

    package init(
        kind: Kind, swiftBreaking: Bool, wireBreaking: Bool, subject: Subject, pointer: String, file: String,
        symbol: String, message: String
    ) {
        self.kind = kind
        self.swiftBreaking = swiftBreaking
        self.wireBreaking = wireBreaking
        self.subject = subject
        self.pointer = pointer
        self.file = file
        self.symbol = symbol
        self.message = message
    }

    /// Breaking for either reason.
    package var breaking: Bool { swiftBreaking || wireBreaking }

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
package struct SchemaDiffReport: Hashable, Sendable {
    package var changes: [SchemaChange]
    /// Swift's API checker on the two generated modules, when the diff ran with it (`--verify-api`).
    package var apiCheck: APICheckSummary?

    package init(changes: [SchemaChange], apiCheck: APICheckSummary? = nil) {
        self.changes = changes.sorted(by: SchemaChange.precedes)
        self.apiCheck = apiCheck
    }

    package var breakingCount: Int { changes.count { $0.breaking } }
    package var swiftBreakingCount: Int { changes.count { $0.swiftBreaking } }
    package var wireBreakingCount: Int { changes.count { $0.wireBreaking } }
    package var nonBreakingCount: Int { changes.count { !$0.breaking } }
    package var hasBreakingChanges: Bool { breakingCount > 0 }
    package var isEmpty: Bool { changes.isEmpty }
}
