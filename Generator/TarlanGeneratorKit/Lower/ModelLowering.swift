/// Lowers schema models to `Codable` structs with memberwise initialisers.
enum ModelLowering {
    static func file(_ schema: CheckedSchema) -> SwiftFile {
        var declarations: [Declaration] = []
        for model in schema.models {
            declarations.append(.type(declaration(model)))
            declarations.append(.type(jsonConformance(model.model)))
            if model.fields.contains(where: \.sensitive) {
                declarations.append(.type(redactingMirror(model.model)))
            }
        }
        return SwiftFile(name: "Models.swift", imports: ["Foundation", "TarlanRuntime"], declarations: declarations)
    }

    /// What uses the model as request, result, payload or reply, for the doc comment.
    private static func usage(_ use: ModelUse) -> String {
        switch use {
        case .request(let operation, let section):
            "The request of ``\(ClientLowering.clientName(section))/\(operation.id)(_:options:)``."
        case .result(let operation, let section):
            "The result of ``\(ClientLowering.clientName(section))/\(operation.id)(_:options:)``."
        case .payload(let callback):
            "The payload of ``WebhookVerifier/\(callback.id)(\(callback.payloadPlacement == .query ? "url" : "body"):signatureHeader:)``."
        case .reply(let callback):
            "What the merchant answers to \(callback.summary)."
        }
    }

    static func declaration(_ checked: CheckedModel) -> TypeDeclaration {
        let model = checked.model
        let fields = checked.fields
        let usedBy = checked.uses.map(usage)
        let selectors = keySelectorFields(model)
        var members: [Declaration] = fields.map { .property(property($0)) }
        for field in selectors {
            members.append(.property(keySelectorProperty(field)))
        }
        members.append(.function(memberwiseInit(fields, selectors: selectors)))
        members.append(.function(Function(
            head: "public init", parameters: ["from decoder: any Decoder"], tail: " throws",
            body: [.line("self = try JSONCoding.decode(Self.self, from: decoder)")]
        )))
        members.append(.function(Function(
            head: "public func encode", parameters: ["to encoder: any Encoder"], tail: " throws",
            body: [.line("try JSONCoding.encode(self, to: encoder)")]
        )))
        members += selectors.map { .type(keySelectorType($0)) }
        return TypeDeclaration(
            kind: .struct, name: model.name,
            conformances: ["Codable", "Hashable", "Sendable"],
            docs: DocText.paragraphs([DocText.lines(model.description), usedBy, DocText.remark(model.location)]),
            members: members
        )
    }

    private static func property(_ field: Field) -> Property {
        var decoding: [String] = ["JSON key: `\(field.name)`."]
        if !field.aliases.isEmpty {
            decoding.append("Also decoded from the key \(field.aliases.map { "`\($0)`" }.joined(separator: ", ")).")
        }
        if !field.accepts.isEmpty {
            decoding.append("Also decoded from a JSON \(field.accepts.map(\.rawValue).joined(separator: " or ")).")
        }
        if field.sensitive { decoding.append("Card data: redacted from `description`, `dump` and logs.") }
        if field.required && !field.requiredInSwift {
            decoding.append(
                "Documented as required, yet nil when a signed callback arrives without it "
                    + "(listed in ``VerifiedCallback/missingFields``).")
        }
        let note = ([field.documentedType.map { "Documented as `\($0)`." }, field.quirk].compactMap { $0 })
        let docs = DocText.paragraphs([
            DocText.lines(field.description),
            note.isEmpty ? [] : ["- Note: " + note.joined(separator: " ")],
            [decoding.joined(separator: " ")],
        ])
        return Property(
            docs: docs, modifiers: "public var", name: SwiftNames.escaped(SwiftNames.property(for: field)),
            type: SwiftTypes.propertyType(of: field)
        )
    }

    private static func memberwiseInit(_ fields: [Field], selectors: [Field]) -> Function {
        var parameters = fields.map { field in
            let name = SwiftNames.property(for: field)
            return "\(parameter(name).declaration): \(SwiftTypes.propertyType(of: field))" + (field.requiredInSwift ? "" : " = nil")
        }
        var body = fields.map { field -> CodeLine in
            let name = SwiftNames.property(for: field)
            return .line("self.\(SwiftNames.escaped(name)) = \(parameter(name).reference)")
        }
        for field in selectors {
            let name = keySelectorName(field)
            parameters.append("\(name): \(keySelectorTypeName(field)) = .\(keyCaseName(field.name))")
            body.append(.line("self.\(name) = \(name)"))
        }
        return Function(head: "public init", parameters: parameters, body: body)
    }

    // MARK: Key selectors

    /// The aliased fields of a request model: the documentation sends them under more than one key,
    /// so the caller may choose (the field's own name by default).
    static func keySelectorFields(_ model: Model) -> [Field] {
        model.isRequest ? model.sortedFields.filter { !$0.aliases.isEmpty } : []
    }

    static func keySelectorName(_ field: Field) -> String { SwiftNames.property(for: field) + "Key" }

    static func keySelectorTypeName(_ field: Field) -> String {
        let name = SwiftNames.property(for: field)
        return name.prefix(1).uppercased() + name.dropFirst() + "Key"
    }

    static func keyCaseName(_ key: String) -> String { SwiftNames.escaped(SwiftNames.lowerCamelCase(key)) }

    private static func keySelectorProperty(_ field: Field) -> Property {
        Property(
            docs: ["The JSON key ``\(SwiftNames.property(for: field))`` is sent under: `\(field.name)` unless you choose another."],
            modifiers: "public var", name: keySelectorName(field), type: keySelectorTypeName(field)
        )
    }

    private static func keySelectorType(_ field: Field) -> TypeDeclaration {
        let keys = [field.name] + field.aliases
        return TypeDeclaration(
            kind: .enum, name: keySelectorTypeName(field),
            conformances: ["String", "CaseIterable", "Hashable", "Sendable"],
            docs: ["The keys the documentation uses for `\(field.name)`."],
            members: keys.map { key in
                .enumCase(EnumCaseDeclaration(
                    docs: [key == field.name ? "`\(key)`, the field table's name (the default)." : "`\(key)`."],
                    name: keyCaseName(key) + " = " + SwiftNames.stringLiteral(key)
                ))
            }
        )
    }

    /// A memberwise parameter: labelled like the property, but a parameter named `self` would
    /// shadow `self`, so it gets another internal name; `inout` is only a label in backticks.
    private static func parameter(_ name: String) -> (declaration: String, reference: String) {
        switch name {
        case "self": ("self selfValue", "selfValue")
        case "inout": ("`inout`", "`inout`")
        default: (name, SwiftNames.escaped(name))
        }
    }

    /// Card data stays out of `description`, `debugDescription` and `dump`, which all print through the mirror.
    private static func redactingMirror(_ model: Model) -> TypeDeclaration {
        let fields = model.sortedFields
        let children = fields.map { "\"\(SwiftNames.property(for: $0))\": \(SwiftNames.escaped(SwiftNames.property(for: $0))) as Any" }
        let sensitive = fields.filter(\.sensitive).map { "\"\(SwiftNames.property(for: $0))\"" }
        return TypeDeclaration(
            kind: .extension, name: model.name, access: "", conformances: ["CustomReflectable"],
            members: [.property(Property(
                docs: ["Shows every property but the card data (\(sensitive.joined(separator: ", ")))."],
                modifiers: "public var", name: "customMirror", type: "Mirror",
                getter: [.wrapped(
                    open: "Redaction.mirror(",
                    [
                        .line("self,"),
                        .wrapped(open: "[", children.map { .line($0 + ",") }, close: "],"),
                        .line("sensitive: [" + sensitive.joined(separator: ", ") + "]"),
                    ],
                    close: ")"
                )]
            ))]
        )
    }

    /// Reading from and writing to the parsed JSON tree: the one implementation of every field rule
    /// (keys, aliases, tolerated kinds), which `Codable` and the client both go through.
    private static func jsonConformance(_ model: Model) -> TypeDeclaration {
        let fields = model.sortedFields
        var reading: [CodeLine] = [
            .line("let object = try JSONObjectReader(json, model: \(SwiftNames.stringLiteral(model.name)), context: context)")
        ]
        for field in fields {
            let read = readExpression(field)
            let value = field.requiredInSwift ? "try object.require(\(read.expression), \(SwiftNames.stringLiteral(field.name)))"
                : (read.throws ? "try " : "") + read.expression
            reading.append(.line("self.\(SwiftNames.escaped(SwiftNames.property(for: field))) = \(value)"))
        }
        let selectors = keySelectorFields(model)
        for field in selectors {
            let aliases = "[" + field.aliases.map(SwiftNames.stringLiteral).joined(separator: ", ") + "]"
            let found = "object.key(\(SwiftNames.stringLiteral(field.name)), aliases: \(aliases))"
            reading.append(.line(
                "self.\(keySelectorName(field)) = \(found).flatMap(\(keySelectorTypeName(field)).init(rawValue:)) ?? .\(keyCaseName(field.name))"))
        }
        var writing: [CodeLine] = [.line("var object = JSONObjectWriter(capacity: \(fields.count))")]
        for field in fields {
            let key = selectors.contains { $0.name == field.name }
                ? "self.\(keySelectorName(field)).rawValue" : SwiftNames.stringLiteral(field.name)
            var arguments = [key, "self." + SwiftNames.escaped(SwiftNames.property(for: field))]
            // What is sent must survive the server's float64 exactly; what was received is written back as it came.
            let exact = model.isRequest && field.type == .decimal
            let rules = [
                field.nonNegative ? ".nonNegative" : nil, field.wholeNumber ? ".wholeNumber" : nil, exact ? ".exactInFloat64" : nil,
            ].compactMap { $0 }
            if !rules.isEmpty { arguments.append("rules: [" + rules.joined(separator: ", ") + "]") }
            let call = "object.set(" + arguments.joined(separator: ", ") + ")"
            writing.append(.line((writeThrows(field.type) ? "try " : "") + call))
        }
        writing.append(.line("return object.value"))
        return TypeDeclaration(
            kind: .extension, name: model.name, access: "", conformances: ["JSONReadable", "JSONWritable"],
            members: [
                .function(Function(
                    head: "package init", parameters: ["json: JSONValue", "context: JSONReadContext"],
                    tail: " throws(JSONReadError)", body: reading
                )),
                .function(Function(head: "package func json", tail: " throws(JSONWriteError) -> JSONValue", body: writing)),
            ]
        )
    }

    /// The reader call of a field, and whether it can throw.
    static func readExpression(_ field: Field) -> (expression: String, throws: Bool) {
        var arguments = [SwiftNames.stringLiteral(field.name)]
        if !field.aliases.isEmpty {
            arguments.append("aliases: [" + field.aliases.map(SwiftNames.stringLiteral).joined(separator: ", ") + "]")
        }
        if !field.accepts.isEmpty {
            arguments.append("accepting: [" + field.accepts.map { ".\($0.rawValue)" }.joined(separator: ", ") + "]")
        }
        func call(_ method: String, _ leading: [String] = []) -> String {
            "object.\(method)(" + (leading + arguments).joined(separator: ", ") + ")"
        }
        switch field.type {
        case .string: return (call("string"), true)
        case .integer: return (call("int"), true)
        case .number: return (call("double"), true)
        case .boolean: return (call("bool"), true)
        case .json: return (call("json"), false)
        case .timestamp: return (call("timestamp"), true)
        case .decimal: return (call("decimal"), true)
        case .flag: return (call("flag"), false)
        case .array(let items): return (call("array", ["\(SwiftTypes.name(of: items)).self"]), true)
        case .reference(let name): return (call("value", ["\(name).self"]), true)
        }
    }

    /// Whether `JSONObjectWriter.set` throws for a value of this type (numbers must be finite; models,
    /// enums and arrays go through the generic, throwing overload).
    static func writeThrows(_ type: TypeExpression) -> Bool {
        switch type {
        case .string, .integer, .boolean, .json, .timestamp, .flag: false
        case .number, .decimal, .array, .reference: true
        }
    }
}
