/// A JSON document as plain data.
///
/// Numbers keep their text (``JSONNumber``), so amounts read as `Decimal` exactly, and compare by
/// the `Double` Go reads from them, which is also what signatures are computed over.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])
}

// MARK: - Accessors

extension JSONValue {
    /// The member named `key` when this is an object; `nil` otherwise or when absent.
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }

    package var objectValue: [String: JSONValue]? {
        if case .object(let members) = self { members } else { nil }
    }

    package var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { elements } else { nil }
    }

    package var stringValue: String? {
        if case .string(let string) = self { string } else { nil }
    }

    package var numberValue: JSONNumber? {
        if case .number(let number) = self { number } else { nil }
    }

    package var doubleValue: Double? {
        if case .number(let number) = self { number.double } else { nil }
    }

    package var boolValue: Bool? {
        if case .bool(let bool) = self { bool } else { nil }
    }

    package var isNull: Bool {
        self == .null
    }

    /// True for finite numbers without a fractional part (so they can be read as integers).
    package var isIntegral: Bool {
        guard case .number(let number) = self else { return false }
        return number.double.isFinite && number.double.rounded(.towardZero) == number.double
    }

    /// The JSON Schema name of this value's type, for error messages.
    package var jsonTypeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

// MARK: - Literals

extension JSONValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension JSONValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self = .number(JSONNumber(value)) }
}

extension JSONValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}

extension JSONValue: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
}

extension JSONValue: ExpressibleByDictionaryLiteral {
    /// A repeated key keeps its last value, as JSON decoders commonly do.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
