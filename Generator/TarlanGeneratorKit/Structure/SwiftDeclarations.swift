/// The structured Swift the generator emits: files of declarations, each with typed parts.
///
/// Lowering builds it from the checked schema; ``SwiftRenderer`` alone turns it into text and
/// decides every line break and indentation. Nothing here holds layout: no indentation, no
/// line breaks, no pre-rendered code. Expressions and statements are in `SwiftExpressions.swift`.
///
/// A file's top-level declarations come in parts lowered one at a time, on demand: a file of many
/// independent parts (one per model) is lowered and rendered a run at a time on each core, and each
/// part's structure is freed as soon as it is written, rather than the whole tree at the end.
struct SwiftFile: Sendable {
    var name: String
    var imports: [String]
    let partCount: Int
    /// Part `index`'s top-level declarations.
    let part: @Sendable (_ index: Int) -> [Declaration]

    /// A file whose declarations are lowered already, each a part.
    init(name: String, imports: [String], declarations: [Declaration]) {
        self.init(name: name, imports: imports, parts: declarations) { [$0] }
    }

    /// A file of one part per item, each lowered when the renderer reaches it.
    init<Item: Sendable>(
        name: String, imports: [String], parts items: [Item], lower: @escaping @Sendable (Item) -> [Declaration]
    ) {
        self.name = name
        self.imports = imports
        self.partCount = items.count
        self.part = { index in lower(items[index]) }
    }
}

enum AccessLevel: String, Sendable {
    case `public`
    case `package`
    case `internal`
    case `fileprivate`
    case `private`
}

/// A doc comment: paragraphs of Markdown, each a list of lines (a line may be a list item, or a
/// line of schema prose of any length). The renderer wraps lines to the page width and separates
/// paragraphs with an empty `///` line.
struct DocComment: Sendable {
    private(set) var paragraphs: [[String]]

    /// Empty paragraphs are dropped.
    init(_ paragraphs: [[String]]) {
        self.paragraphs = paragraphs.filter { !$0.isEmpty }
    }

    init(_ line: String) {
        self.init([[line]])
    }

    static let none = DocComment([])

    var isEmpty: Bool { paragraphs.isEmpty }

    mutating func append(_ paragraph: [String]) {
        if !paragraph.isEmpty { paragraphs.append(paragraph) }
    }
}

indirect enum Declaration: Sendable {
    case type(TypeDeclaration)
    case variable(VariableDeclaration)
    case function(FunctionDeclaration)
    case enumCase(EnumCaseDeclaration)
}

/// `struct`, `enum`, `extension` or `final class`.
struct TypeDeclaration: Sendable {
    enum Kind: String, Sendable {
        case `struct`
        case `enum`
        case `extension`
        case finalClass = "final class"
    }

    var docs: DocComment = .none
    var access: AccessLevel?
    var kind: Kind
    var name: String
    var conformances: [String] = []
    var members: [Declaration] = []
}

enum Binding: String, Sendable {
    case `let`
    case `var`
}

/// A stored property (with or without an initial value) or a computed one.
struct VariableDeclaration: Sendable {
    enum Value: Sendable {
        case initializer(Expression)
        /// A computed property's getter.
        case getter([Statement])
    }

    var docs: DocComment = .none
    var access: AccessLevel?
    var isStatic = false
    var binding: Binding
    var name: String
    var type: TypeName?
    var value: Value?
}

struct FunctionDeclaration: Sendable {
    var docs: DocComment = .none
    var signature: FunctionSignature
    var body: [Statement]
}

/// A function's or initialiser's declaration up to its body.
struct FunctionSignature: Sendable {
    enum Kind: Sendable {
        case initializer
        case function(String)
    }

    enum Throwing: Sendable {
        case untyped
        case typed(TypeName)
    }

    var access: AccessLevel?
    var kind: Kind
    var parameters: [Parameter] = []
    var isAsync = false
    var throwing: Throwing?
    var returnType: TypeName?

    /// `checkBalance(_:options:)`, `init(from:)`: how Swift documentation names the function.
    var selector: String {
        let name =
            switch kind {
            case .initializer: "init"
            case .function(let name): name
            }
        return name + "(" + parameters.map { ($0.label.map(Parameter.unescaped) ?? "_") + ":" }.joined() + ")"
    }
}

/// `label name: Type = default`. A nil label is `_`; a label equal to the name is written once.
struct Parameter: Sendable {
    var label: String?
    var name: String
    var type: TypeName
    var defaultValue: Expression?

    /// A parameter whose label is its name.
    init(_ name: String, _ type: TypeName, default defaultValue: Expression? = nil) {
        self.init(label: name, name: name, type: type, default: defaultValue)
    }

    init(label: String?, name: String, type: TypeName, default defaultValue: Expression? = nil) {
        self.label = label
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
    }

    /// A label as documentation names it: `inout`, not `` `inout` ``.
    static func unescaped(_ identifier: String) -> String {
        identifier.hasPrefix("`") && identifier.hasSuffix("`") ? String(identifier.dropFirst().dropLast()) : identifier
    }
}

/// `case name`, `case name = "raw"` or `case name(Associated)`.
struct EnumCaseDeclaration: Sendable {
    var docs: DocComment = .none
    var name: String
    var rawValue: Expression?
    var associatedValue: TypeName?
}

/// A type as written in a declaration or expression.
indirect enum TypeName: Sendable {
    /// `String`, `AGWSClient.Environment`, `Self`.
    case named(String)
    case optional(TypeName)
    case array(TypeName)
    case dictionary(key: TypeName, value: TypeName)
    /// `VerifiedCallback<Payment>`.
    case generic(String, [TypeName])
    /// `any Decoder`.
    case existential(String)
    /// `(status: Int, body: String)`.
    case tuple([TupleTypeElement])

    /// The type as Swift writes it (types are short: always on one line).
    var text: String {
        switch self {
        case .named(let name): name
        case .optional(let wrapped):
            switch wrapped {
            case .existential: "(\(wrapped.text))?"
            default: wrapped.text + "?"
            }
        case .array(let element): "[\(element.text)]"
        case .dictionary(let key, let value): "[\(key.text): \(value.text)]"
        case .generic(let name, let arguments): name + "<" + arguments.map(\.text).joined(separator: ", ") + ">"
        case .existential(let name): "any \(name)"
        case .tuple(let elements):
            "("
                + elements.map { element in element.label.map { "\($0): " + element.type.text } ?? element.type.text }
                .joined(separator: ", ") + ")"
        }
    }
}

struct TupleTypeElement: Sendable {
    var label: String? = nil
    var type: TypeName
}
