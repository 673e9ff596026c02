/// A small model of the Swift the generator emits: files of declarations with doc comments.
///
/// Lowering builds it from the schema; the renderer turns it into text. Statements inside
/// bodies are plain lines (`CodeLine`), nested by blocks, which is all generated code needs.
struct SwiftFile: Equatable, Sendable {
    var name: String
    var imports: [String]
    var declarations: [Declaration]
}

indirect enum Declaration: Equatable, Sendable {
    /// `struct`, `enum`, `extension` or `final class`.
    case type(TypeDeclaration)
    case property(Property)
    case function(Function)
    case enumCase(EnumCaseDeclaration)
}

struct TypeDeclaration: Equatable, Sendable {
    enum Kind: String, Sendable {
        case `struct`
        case `enum`
        case `extension`
        case finalClass = "final class"
    }

    var kind: Kind
    var name: String
    var access: String = "public"
    var conformances: [String] = []
    var docs: [String] = []
    var members: [Declaration] = []
}

struct Property: Equatable, Sendable {
    var docs: [String] = []
    /// e.g. `public static let`, `public var`, `let`.
    var modifiers: String
    var name: String
    var type: String?
    var initializer: String?
    /// A computed property's body (then `initializer` is nil).
    var getter: [CodeLine]?
}

struct Function: Equatable, Sendable {
    var docs: [String] = []
    /// Up to the parameter list: `public func checkBalance`, `public init`.
    var head: String
    var parameters: [String] = []
    /// After the parameter list: ` async throws -> CheckBalanceResult`.
    var tail: String = ""
    var body: [CodeLine]
}

struct EnumCaseDeclaration: Equatable, Sendable {
    var docs: [String] = []
    var name: String
    var associatedValue: String?
}

indirect enum CodeLine: Equatable, Sendable {
    case line(String)
    case blank
    /// `header {` … `}` (the header includes everything before the brace).
    case block(String, [CodeLine])
    /// Lines that open and close a multi-line expression, e.g. `Foo(` … `)`.
    case wrapped(open: String, [CodeLine], close: String)
}
