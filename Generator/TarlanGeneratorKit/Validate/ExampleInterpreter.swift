import TarlanCore

/// An example value read through the schema's types, as generated code will decode it.
indirect enum TypedValue: Sendable {
    case null
    case string(String)
    case integer(Int)
    case number(Double)
    case boolean(Bool)
    case json(JSONValue)
    case timestamp(String)
    /// An amount, by its exact decimal text.
    case decimal(String)
    case flag(JSONValue)
    case enumValue(EnumValue)
    case array([TypedValue])
    case model(TypedModel)
}

/// A value of an enum: the case it is, or the raw value the documentation does not list.
struct EnumValue: Sendable {
    enum Value: Sendable {
        case documented(caseName: String)
        case unknownInteger(Int)
        case unknownString(String)
    }

    var enumName: String
    var value: Value
}

/// An object read as a model: its fields in the model's order.
struct TypedModel: Sendable {
    var name: String
    /// An operation's request: a field that arrived under an alias says so through its key selector.
    var isRequest: Bool
    var fields: [TypedField]
}

struct TypedField: Sendable {
    var field: Field
    /// What the example gave it; nil: absent.
    var value: TypedValue?
    /// The key it arrived under (an alias, or the field's name); nil: absent.
    var key: String?
}

/// Reads example JSON against a type the way the runtime's lenient decoding does,
/// reporting every mismatch with its JSON pointer relative to the example value.
struct ExampleInterpreter {
    struct Issue {
        var severity: Diagnostic.Severity
        var pointer: String
        var message: String
    }

    let schema: APISchema
    private(set) var issues: [Issue] = []

    init(schema: APISchema) {
        self.schema = schema
    }

    var hasErrors: Bool { issues.contains { $0.severity == .error } }

    mutating func read(_ value: JSONValue, as type: TypeExpression, accepts: [JSONScalarKind] = [], at pointer: String)
        -> TypedValue?
    {
        switch type {
        case .json:
            return .json(value)
        case .timestamp:
            guard case .string(let text) = value else {
                return fail(pointer, "expected a date-time string, found \(value.jsonTypeName)")
            }
            if TarlanTimestamp(text).date == nil {
                warn(pointer, "\"\(text)\" is not an RFC 3339 date-time; TarlanTimestamp keeps it, with a nil date")
            }
            return .timestamp(text)
        case .flag:
            return .flag(value)
        case .decimal:
            guard let amount = value.readDecimal(accepting: JSONScalarKinds(accepts)) else {
                return fail(pointer, "expected \(Self.describe(type, accepts)), found \(value.jsonTypeName)")
            }
            return .decimal(amount.description)
        case .string, .integer, .number, .boolean:
            if let scalar = Self.coerce(value, to: type, accepts: accepts) { return scalar }
            return fail(pointer, "expected \(Self.describe(type, accepts)), found \(value.jsonTypeName)")
        case .array(let items):
            guard let elements = value.arrayValue else {
                return fail(pointer, "expected an array, found \(value.jsonTypeName)")
            }
            var typed: [TypedValue] = []
            for (index, element) in elements.enumerated() {
                guard let item = read(element, as: items, at: JSONPointer.append(pointer, String(index))) else {
                    return nil
                }
                typed.append(item)
            }
            return .array(typed)
        case .reference(let name):
            if let definition = schema.enums[name] {
                return readEnum(value, definition, at: pointer)
            }
            guard let model = schema.models[name] else { return nil }
            return readModel(value, model, at: pointer)
        }
    }

    private mutating func readEnum(_ value: JSONValue, _ definition: EnumDefinition, at pointer: String) -> TypedValue?
    {
        let unknown: EnumValue.Value
        switch (definition.rawType, value) {
        case (.string, .string(let text)): unknown = .unknownString(text)
        case (.integer, .number(let number)):
            guard let integer = number.int else {
                return fail(pointer, "expected an integer of \(definition.name), found \(number.text)")
            }
            unknown = .unknownInteger(integer)
        default:
            return fail(
                pointer, "expected a \(definition.rawType.rawValue) of \(definition.name), found \(value.jsonTypeName)")
        }
        if let known = definition.cases.values.first(where: { $0.value == value }) {
            return .enumValue(EnumValue(enumName: definition.name, value: .documented(caseName: known.name)))
        }
        warn(pointer, "value \(CanonicalJSON.string(value)) is not a documented case of \(definition.name)")
        return .enumValue(EnumValue(enumName: definition.name, value: unknown))
    }

    private mutating func readModel(_ value: JSONValue, _ model: Model, at pointer: String) -> TypedValue? {
        guard let members = value.objectValue else {
            return fail(pointer, "expected an object of \(model.name), found \(value.jsonTypeName)")
        }
        var byKey: [String: Field] = [:]
        for field in model.fields.values {
            for key in [field.name] + field.aliases { byKey[key] = field }
        }
        for key in members.keys.sorted() where byKey[key] == nil {
            warn(JSONPointer.append(pointer, key), "field \"\(key)\" is not in \(model.name); decoding ignores it")
        }
        var typedFields: [TypedField] = []
        for field in model.sortedFields {
            let present = ([field.name] + field.aliases).filter { members[$0] != nil }
            if present.count > 1 {
                _ = fail(
                    pointer, "\(model.name).\(field.name) is given twice, as \(present.joined(separator: " and "))")
                continue
            }
            guard let key = present.first, let member = members[key] else {
                if field.required {
                    _ = fail(pointer, "required field \"\(field.name)\" of \(model.name) is missing")
                }
                typedFields.append(TypedField(field: field, value: nil, key: nil))
                continue
            }
            if member.isNull {
                if field.required {
                    _ = fail(JSONPointer.append(pointer, key), "required field \"\(field.name)\" is null")
                }
                typedFields.append(TypedField(field: field, value: .null, key: key))
                continue
            }
            let typed = read(member, as: field.type, accepts: field.accepts, at: JSONPointer.append(pointer, key))
            typedFields.append(TypedField(field: field, value: typed, key: key))
        }
        return .model(TypedModel(name: model.name, isRequest: model.isRequest, fields: typedFields))
    }

    /// The runtime's own conversions (`JSONValue.read…`), so the generator's check of an example and
    /// the generated reader can never disagree.
    static func coerce(_ value: JSONValue, to type: TypeExpression, accepts: [JSONScalarKind]) -> TypedValue? {
        let kinds = JSONScalarKinds(accepts)
        switch type {
        case .string: return value.readString(accepting: kinds).map(TypedValue.string)
        case .integer: return value.readInt(accepting: kinds).map(TypedValue.integer)
        case .number: return value.readDouble(accepting: kinds).map(TypedValue.number)
        case .boolean: return value.readBool(accepting: kinds).map(TypedValue.boolean)
        default: return nil
        }
    }

    private static func describe(_ type: TypeExpression, _ accepts: [JSONScalarKind]) -> String {
        let names = [TypeExpressionName.of(type)] + accepts.map(\.rawValue)
        return names.joined(separator: " or ")
    }

    private mutating func fail(_ pointer: String, _ message: String) -> TypedValue? {
        issues.append(Issue(severity: .error, pointer: pointer, message: message))
        return nil
    }

    private mutating func warn(_ pointer: String, _ message: String) {
        issues.append(Issue(severity: .warning, pointer: pointer, message: message))
    }
}

/// How diagnostics and reports name a schema type (`array of string`, a model's name).
package enum TypeExpressionName {
    package static func of(_ type: TypeExpression) -> String {
        switch type {
        case .string: "string"
        case .integer: "integer"
        case .number: "number"
        case .boolean: "boolean"
        case .json: "json"
        case .timestamp: "timestamp"
        case .decimal: "decimal"
        case .flag: "flag"
        case .array(let items): "array of \(of(items))"
        case .reference(let name): name
        }
    }
}
