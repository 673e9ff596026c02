/// Expressions of the structured Swift (see `SwiftDeclarations.swift`). Literals hold their
/// values, not their spelling: the renderer escapes strings, picks raw-string delimiters and
/// breaks what does not fit on a line.
indirect enum Expression: Sendable {
    /// A name as written: `core`, `Self`, `` `default` ``, `$0`, `let url` (in a case pattern).
    case identifier(String)
    /// `base.name`.
    case member(Expression, String)
    /// `.name`, with the type inferred.
    case implicitMember(String)
    /// `called(label: value, …)`, with an optional trailing closure.
    case call(Expression, [Argument], trailingClosure: Closure?)
    /// `base[index, …]`.
    case subscripted(Expression, [Argument])
    /// A string literal: `"…"`, escaped as needed.
    case string(String)
    /// A raw string literal `#"…"#` (for text full of quotes and backslashes, such as JSON).
    case rawString(String)
    /// `"text \(expression) text"`.
    case interpolated([InterpolationPart])
    case integer(Int)
    /// A floating-point literal, by its digits: `1500.5`.
    case number(String)
    case boolean(Bool)
    case `nil`
    case array([Expression])
    case dictionary([DictionaryEntry])
    case tuple([Expression])
    case closure(Closure)
    /// `base!`.
    case forceUnwrap(Expression)
    /// `base?`, continued by a member or subscript.
    case optionalChain(Expression)
    case `try`(Expression)
    case await(Expression)
    /// `left op right`.
    case binary(Expression, String, Expression)
    /// `condition ? then : else`.
    case ternary(Expression, Expression, Expression)
    /// `value as Type`.
    case cast(Expression, TypeName)
    /// `value as? Type`.
    case conditionalCast(Expression, TypeName)
    /// A type used as a value: `Payment` in `Payment.self`, `[String?]`.
    case type(TypeName)
}

struct Argument: Sendable {
    var label: String?
    var value: Expression

    init(_ label: String?, _ value: Expression) {
        self.label = label
        self.value = value
    }

    init(_ value: Expression) {
        self.init(nil, value)
    }
}

struct DictionaryEntry: Sendable {
    var key: Expression
    var value: Expression
}

enum InterpolationPart: Sendable {
    case text(String)
    case value(Expression)
}

/// `{ parameters in statements }`.
struct Closure: Sendable {
    var parameters: [String] = []
    var body: [Statement]
}

indirect enum Statement: Sendable {
    case expression(Expression)
    /// `let name: Type = value`.
    case binding(Binding, String, TypeName?, Expression)
    /// `target = value`.
    case assignment(Expression, Expression)
    case `return`(Expression?)
    case `guard`([Condition], else: [Statement])
    case `switch`(Expression, [SwitchCase])
    /// `for pattern: Type in sequence { … }`.
    case `for`(String, TypeName?, in: Expression, [Statement])
    /// A nested function.
    case function(FunctionDeclaration)
}

enum Condition: Sendable {
    case expression(Expression)
    /// `case pattern = value`.
    case pattern(Expression, Expression)
}

/// `case a, b: body`, or `default: body` when there are no patterns.
struct SwitchCase: Sendable {
    var patterns: [Expression]
    var body: [Statement]
}

// MARK: Building

extension Expression {
    static func name(_ identifier: String) -> Expression { .identifier(identifier) }

    /// `self.name`.
    func dot(_ name: String) -> Expression { .member(self, name) }

    /// `self(arguments)`.
    func call(_ arguments: [Argument], trailingClosure: Closure? = nil) -> Expression {
        .call(self, arguments, trailingClosure: trailingClosure)
    }

    /// `self(arguments)`, all unlabelled.
    func call(_ arguments: Expression...) -> Expression {
        .call(self, arguments.map { Argument($0) }, trailingClosure: nil)
    }

    /// `self[arguments]`.
    func subscripted(_ arguments: Expression...) -> Expression {
        .subscripted(self, arguments.map { Argument($0) })
    }

    /// `self?`, to be continued by a member or subscript.
    var optional: Expression { .optionalChain(self) }

    /// `Type.self`.
    static func metatype(_ type: TypeName) -> Expression { .member(.type(type), "self") }

    /// `value ?? fallback`.
    static func nilCoalescing(_ value: Expression, _ fallback: Expression) -> Expression {
        .binary(value, "??", fallback)
    }

    /// An array of string literals.
    static func strings(_ values: [String]) -> Expression { .array(values.map(Expression.string)) }
}
