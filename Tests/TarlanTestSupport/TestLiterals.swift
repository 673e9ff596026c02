import TarlanRuntime

// Test-only literals the library leaves out on purpose: `nil` for `.null` (ambiguous beside
// `Optional`), float literals (a `Double` cannot hold most decimal amounts) and string literals for
// secrets (a secret never belongs in source code) and timestamps. Tests are where literals help.

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByFloatLiteral {
    public init(nilLiteral: ()) { self = .null }
    /// Go's float64 spelling, as the parser would keep it.
    public init(floatLiteral value: Double) { self = .number(JSONNumber(value)) }
}

extension JSONNumber: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) { self.init(value) }
}

extension TarlanSecret: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self.init(value) }
}

extension TarlanTimestamp: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self.init(value) }
}
