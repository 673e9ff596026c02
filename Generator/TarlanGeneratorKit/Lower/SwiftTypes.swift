import TarlanCore

/// Swift types of schema types, and Swift expressions of schema values.
enum SwiftTypes {
    static func type(of type: TypeExpression) -> TypeName {
        switch type {
        case .string: .named("String")
        case .integer: .named("Int")
        case .number: .named("Double")
        case .boolean: .named("Bool")
        case .json: .named("JSONValue")
        case .timestamp: .named("TarlanTimestamp")
        case .decimal: .named("Decimal")
        case .flag: .named("TarlanFlag")
        case .array(let items): .array(self.type(of: items))
        case .reference(let name): .named(name)
        }
    }

    /// The Swift spelling of a schema type: `Decimal`, `[String]`, `AGWSTransactionStatus`.
    static func name(of type: TypeExpression) -> String { self.type(of: type).text }

    /// The property type of a field: optional unless the field is required in Swift.
    static func propertyType(of field: Field) -> TypeName {
        field.requiredInSwift ? type(of: field.type) : .optional(type(of: field.type))
    }

    /// `.self` of a schema type: `Payment.self`, `[String].self`.
    static func metatype(of type: TypeExpression) -> Expression { .metatype(self.type(of: type)) }

    /// A `Decimal` with exactly these digits: an integer literal, or parsed from its text (a float
    /// literal would pass through `Double`).
    static func decimal(_ text: String) -> Expression {
        if let integer = Int(text) { return .integer(integer) }
        return .forceUnwrap(.name("Decimal").call([Argument("string", .string(text))]))
    }

    /// An explicit `JSONValue` expression: explicit cases type-check fast, even when nested.
    static func json(_ value: JSONValue) -> Expression {
        switch value {
        case .null: return .implicitMember("null")
        case .bool(let flag): return .implicitMember("bool").call(.boolean(flag))
        case .number(let number):
            // The example's own digits; an integer as a literal.
            if number.isIntegerLiteral, let integer = number.int {
                return .implicitMember("number").call(.integer(integer))
            }
            let parsed = Expression.forceUnwrap(.name("JSONNumber").call([Argument("text", .string(number.text))]))
            return .implicitMember("number").call(parsed)
        case .string(let text): return .implicitMember("string").call(.string(text))
        case .array(let elements): return .implicitMember("array").call(.array(elements.map(json)))
        case .object(let members):
            let keys = members.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            let entries = keys.map { key in
                DictionaryEntry(key: .string(key), value: json(members[key, default: .null]))
            }
            return .implicitMember("object").call(.dictionary(entries))
        }
    }

    /// A Swift expression of a typed example value, as the generated models spell it.
    static func expression(of value: TypedValue) -> Expression {
        switch value {
        case .null: return .nil
        case .string(let text): return .string(text)
        case .integer(let integer): return .integer(integer)
        case .number(let number): return .number(GoFloat.format(number))
        case .boolean(let flag): return .boolean(flag)
        case .json(let json): return jsonValue(json)
        case .timestamp(let text): return .name("TarlanTimestamp").call(.string(text))
        case .decimal(let text): return decimal(text)
        case .flag(let raw):
            if case .bool(let flag) = raw { return .boolean(flag) }
            return .name("TarlanFlag").call([Argument("rawValue", json(raw))])
        case .enumValue(let value): return enumCase(value)
        case .array(let elements): return .array(elements.map(expression(of:)))
        case .model(let model):
            var arguments: [Argument] = []
            for typed in model.fields {
                if let value = typed.value {
                    arguments.append(Argument(typed.field.propertyName, expression(of: value)))
                }
            }
            // A request sent under another documented key says so through its key selector.
            if model.isRequest {
                for typed in model.fields where !typed.field.aliases.isEmpty {
                    guard let key = typed.key, key != typed.field.name else { continue }
                    arguments.append(
                        Argument(
                            ModelLowering.keySelectorName(typed.field), .implicitMember(ModelLowering.keyCaseName(key))
                        ))
                }
            }
            return .name(model.name).call(arguments)
        }
    }

    /// `JSONValue.object([...])`: a JSON value where the type is not known from context.
    static func jsonValue(_ value: JSONValue) -> Expression {
        switch json(value) {
        case .call(.implicitMember(let name), let arguments, let closure):
            .call(.member(.name("JSONValue"), name), arguments, trailingClosure: closure)
        case .implicitMember(let name):
            .member(.name("JSONValue"), name)
        case let other:
            other
        }
    }

    static func enumCase(_ value: EnumValue) -> Expression {
        switch value.value {
        case .documented(let name): .member(.name(value.enumName), SwiftNames.escaped(name))
        case .unknownInteger(let raw): .name(value.enumName).dot("unknown").call(.integer(raw))
        case .unknownString(let raw): .name(value.enumName).dot("unknown").call(.string(raw))
        }
    }
}

/// Doc-comment text from schema prose.
enum DocText {
    /// The lines of a description, as written (the renderer wraps them).
    static func lines(_ text: String?) -> [String] {
        guard let text, !text.isEmpty else { return [] }
        // Most descriptions are one line: no need to walk their characters.
        guard text.utf8.contains(UInt8(ascii: "\n")) else { return [text] }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// `[text]`, or nothing for nil.
    static func line(_ text: String?) -> [String] {
        guard let text else { return [] }
        return [text]
    }

    static func remark(_ location: SourceLocation) -> String {
        "- Remark: Generated from `\(location.reference)`."
    }
}
