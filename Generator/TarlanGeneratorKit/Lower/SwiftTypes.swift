import TarlanCore

/// Swift spellings of schema types and values.
enum SwiftTypes {
    static func name(of type: TypeExpression) -> String {
        switch type {
        case .string: "String"
        case .integer: "Int"
        case .number: "Double"
        case .boolean: "Bool"
        case .json: "JSONValue"
        case .timestamp: "TarlanTimestamp"
        case .decimal: "Decimal"
        case .flag: "TarlanFlag"
        case .array(let items): "[\(name(of: items))]"
        case .reference(let name): name
        }
    }

    /// The property type of a field: optional unless the field is required in Swift.
    static func propertyType(of field: Field) -> String {
        name(of: field.type) + (field.requiredInSwift ? "" : "?")
    }

    /// A Swift literal for a number the way `Double` literals accept it.
    static func doubleLiteral(_ value: Double) -> String {
        let text = GoFloat.format(value)
        return text
    }

    /// A `Decimal` with exactly these digits: an integer literal, or parsed from its text (a float
    /// literal would pass through `Double`).
    static func decimalLiteral(_ text: String) -> String {
        if let integer = Int(text) { return String(integer) }
        return "Decimal(string: \(SwiftNames.stringLiteral(text)))!"
    }

    /// An explicit `JSONValue` expression: explicit cases type-check fast, even when nested.
    static func jsonExpression(_ value: JSONValue) -> String {
        switch value {
        case .null: return ".null"
        case .bool(let flag): return ".bool(\(flag))"
        case .number(let number):
            // The example's own digits; an integer as a literal.
            return number.isIntegerLiteral && number.int != nil
                ? ".number(\(number.text))" : ".number(JSONNumber(text: \(SwiftNames.stringLiteral(number.text)))!)"
        case .string(let text): return ".string(\(SwiftNames.stringLiteral(text)))"
        case .array(let elements):
            return ".array([" + elements.map(jsonExpression).joined(separator: ", ") + "])"
        case .object(let members):
            if members.isEmpty { return ".object([:])" }
            let pairs = members.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
                .map { "\(SwiftNames.stringLiteral($0)): \(jsonExpression(members[$0]!))" }
            return ".object([" + pairs.joined(separator: ", ") + "])"
        }
    }

    /// A Swift expression of a typed example value, as the generated models spell it.
    static func expression(of value: TypedValue) -> String {
        switch value {
        case .null: return "nil"
        case .string(let text): return SwiftNames.stringLiteral(text)
        case .integer(let integer): return String(integer)
        case .number(let number): return doubleLiteral(number)
        case .boolean(let flag): return String(flag)
        case .json(let json): return "JSONValue" + jsonExpression(json)
        case .timestamp(let text): return "TarlanTimestamp(\(SwiftNames.stringLiteral(text)))"
        case .decimal(let text): return decimalLiteral(text)
        case .flag(let raw): return raw.boolValue.map(String.init) ?? "TarlanFlag(rawValue: \(jsonExpression(raw)))"
        case .enumValue(let value): return enumCaseExpression(value)
        case .array(let elements):
            return "[" + elements.map { expression(of: $0) }.joined(separator: ", ") + "]"
        case .model(let model):
            var arguments = model.fields.compactMap { typed -> String? in
                guard let value = typed.value else { return nil }
                return "\(SwiftNames.property(for: typed.field)): \(expression(of: value))"
            }
            // A request sent under another documented key says so through its key selector.
            if model.isRequest {
                for typed in model.fields where !typed.field.aliases.isEmpty {
                    guard let key = typed.key, key != typed.field.name else { continue }
                    arguments.append("\(ModelLowering.keySelectorName(typed.field)): .\(ModelLowering.keyCaseName(key))")
                }
            }
            return "\(model.name)(" + arguments.joined(separator: ", ") + ")"
        }
    }

    static func enumCaseExpression(_ value: EnumValue) -> String {
        if let name = value.caseName {
            return "\(value.enumName).\(SwiftNames.escaped(name))"
        }
        switch value.raw {
        case .number(let number): return "\(value.enumName).unknown(\(number.int ?? 0))"
        default: return "\(value.enumName).unknown(\(SwiftNames.stringLiteral(value.raw.stringValue ?? "")))"
        }
    }
}

/// Doc-comment text from schema prose.
enum DocText {
    static func lines(_ text: String?) -> [String] {
        guard let text, !text.isEmpty else { return [] }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// Paragraphs separated by an empty doc line, skipping empty ones.
    static func paragraphs(_ parts: [[String]]) -> [String] {
        var lines: [String] = []
        for part in parts where !part.isEmpty {
            if !lines.isEmpty { lines.append("") }
            lines += part
        }
        return lines
    }

    static func remark(_ location: SourceLocation) -> [String] {
        ["- Remark: Generated from `\(location.reference)`."]
    }
}
