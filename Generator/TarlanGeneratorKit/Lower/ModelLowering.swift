/// Lowers schema models to `Codable` structs with memberwise initialisers.
enum ModelLowering {
    static func file(_ schema: CheckedSchema) -> SwiftFile {
        SwiftFile(name: "Models.swift", imports: ["Foundation", "TarlanRuntime"], parts: schema.models) { model in
            var declarations: [Declaration] = [.type(declaration(model)), .type(jsonConformance(model))]
            if model.fields.contains(where: \.sensitive) { declarations.append(.type(redactingMirror(model))) }
            return declarations
        }
    }

    /// What uses the model, one sentence per role: "The result of ``A/b(_:options:)`` and ``A/c(_:options:)``."
    private static func usage(_ uses: [ModelUse]) -> [String] {
        var requests: [String] = []
        var results: [String] = []
        var payloads: [String] = []
        var replies: [String] = []
        for use in uses {
            switch use {
            case .request(let operation, let section):
                requests.append(
                    "``\(ClientLowering.clientName(section))/\(ClientLowering.methodSignature(operation).selector)``")
            case .result(let operation, let section):
                results.append(
                    "``\(ClientLowering.clientName(section))/\(ClientLowering.methodSignature(operation).selector)``")
            case .payload(let callback):
                payloads.append(verifierSymbol(callback))
            case .reply(let callback):
                replies.append(verifierSymbol(callback))
            }
        }
        var sentences: [String] = []
        for (role, symbols) in [
            ("The request of", requests), ("The result of", results), ("The payload of", payloads),
            ("The merchant's answer to", replies),
        ] where !symbols.isEmpty {
            let listed =
                symbols.count == 1
                ? symbols[0] : symbols.dropLast().joined(separator: ", ") + " and " + symbols[symbols.count - 1]
            sentences.append("\(role) \(listed).")
        }
        return sentences
    }

    private static func verifierSymbol(_ callback: Callback) -> String {
        "``\(CallbackLowering.verifierTypeName)/\(CallbackLowering.verifierSignature(callback).selector)``"
    }

    static func declaration(_ checked: CheckedModel) -> TypeDeclaration {
        let model = checked.model
        let fields = checked.fields
        let selectors = keySelectorFields(checked)
        var members: [Declaration] = fields.map { .variable(property($0)) }
        for field in selectors {
            members.append(.variable(keySelectorProperty(field)))
        }
        members.append(.function(memberwiseInit(fields, selectors: selectors)))
        members.append(
            .function(
                FunctionDeclaration(
                    signature: FunctionSignature(
                        access: .public, kind: .initializer,
                        parameters: [Parameter(label: "from", name: "decoder", type: .existential("Decoder"))],
                        throwing: .untyped
                    ),
                    body: [
                        .assignment(
                            .name("self"),
                            .try(
                                .name("JSONCoding").dot("decode").call([
                                    Argument(.metatype(.named("Self"))), Argument("from", .name("decoder")),
                                ])))
                    ]
                )))
        members.append(
            .function(
                FunctionDeclaration(
                    signature: FunctionSignature(
                        access: .public, kind: .function("encode"),
                        parameters: [Parameter(label: "to", name: "encoder", type: .existential("Encoder"))],
                        throwing: .untyped
                    ),
                    body: [
                        .expression(
                            .try(
                                .name("JSONCoding").dot("encode").call([
                                    Argument(.name("self")), Argument("to", .name("encoder")),
                                ])))
                    ]
                )))
        members += selectors.map { .type(keySelectorType($0)) }
        return TypeDeclaration(
            docs: DocComment([DocText.lines(model.description), usage(checked.uses), [DocText.remark(model.location)]]),
            access: .public, kind: .struct, name: model.name, conformances: ["Codable", "Hashable", "Sendable"],
            members: members
        )
    }

    private static func property(_ field: Field) -> VariableDeclaration {
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
        return VariableDeclaration(
            docs: DocComment([
                DocText.lines(field.description),
                DocText.line(note(field).map { "- Note: " + $0 }),
                [decoding.joined(separator: " ")],
            ]),
            access: .public, binding: .var, name: SwiftNames.escaped(field.propertyName),
            type: SwiftTypes.propertyType(of: field)
        )
    }

    /// The documented type and the quirk, each said once: a quirk that starts by naming the documented
    /// type ("Documented as float; …") carries it, in code voice.
    private static func note(_ field: Field) -> String? {
        guard let documentedType = field.documentedType else { return field.quirk }
        let stated = "Documented as `\(documentedType)`"
        guard let quirk = field.quirk else { return stated + "." }
        let prefix = "Documented as " + documentedType
        if quirk.hasPrefix(prefix), !(quirk.dropFirst(prefix.count).first.map { $0.isLetter || $0.isNumber } == true) {
            return stated + quirk.dropFirst(prefix.count)
        }
        return stated + ". " + quirk
    }

    private static func memberwiseInit(_ fields: [Field], selectors: [Field]) -> FunctionDeclaration {
        var parameters: [Parameter] = []
        var body: [Statement] = []
        for field in fields {
            let name = field.propertyName
            let (label, internalName, reference) = parameterNames(name)
            parameters.append(
                Parameter(
                    label: label, name: internalName, type: SwiftTypes.propertyType(of: field),
                    default: field.requiredInSwift ? nil : .nil
                ))
            body.append(.assignment(.name("self").dot(SwiftNames.escaped(name)), .name(reference)))
        }
        for field in selectors {
            let name = keySelectorName(field)
            parameters.append(
                Parameter(name, .named(keySelectorTypeName(field)), default: .implicitMember(keyCaseName(field.name))))
            body.append(.assignment(.name("self").dot(name), .name(name)))
        }
        return FunctionDeclaration(
            signature: FunctionSignature(access: .public, kind: .initializer, parameters: parameters), body: body
        )
    }

    /// A memberwise parameter's label, name and how the body refers to it: the property's name, but
    /// a parameter named `self` would shadow `self`, so it gets another internal name; `inout` is only
    /// a label in backticks; other keywords are labels as they are, and referred to in backticks.
    private static func parameterNames(_ name: String) -> (label: String, name: String, reference: String) {
        switch name {
        case "self": ("self", "selfValue", "selfValue")
        case "inout": ("`inout`", "`inout`", "`inout`")
        default: (name, name, SwiftNames.escaped(name))
        }
    }

    // MARK: Key selectors

    /// The aliased fields of a request model: the documentation sends them under more than one key,
    /// so the caller may choose (the field's own name by default).
    static func keySelectorFields(_ model: CheckedModel) -> [Field] {
        model.model.isRequest ? model.fields.filter { !$0.aliases.isEmpty } : []
    }

    static func keySelectorName(_ field: Field) -> String { field.propertyName + "Key" }

    static func keySelectorTypeName(_ field: Field) -> String {
        let name = field.propertyName
        return name.prefix(1).uppercased() + name.dropFirst() + "Key"
    }

    static func keyCaseName(_ key: String) -> String { SwiftNames.escaped(SwiftNames.lowerCamelCase(key)) }

    private static func keySelectorProperty(_ field: Field) -> VariableDeclaration {
        VariableDeclaration(
            docs: DocComment(
                "The JSON key ``\(field.propertyName)`` is sent under: `\(field.name)` unless you choose another."
            ),
            access: .public, binding: .var, name: keySelectorName(field), type: .named(keySelectorTypeName(field))
        )
    }

    private static func keySelectorType(_ field: Field) -> TypeDeclaration {
        let keys = [field.name] + field.aliases
        return TypeDeclaration(
            docs: DocComment("The keys the documentation uses for `\(field.name)`."),
            access: .public, kind: .enum, name: keySelectorTypeName(field),
            conformances: ["String", "CaseIterable", "Hashable", "Sendable"],
            members: keys.map { key in
                .enumCase(
                    EnumCaseDeclaration(
                        docs: DocComment(
                            key == field.name ? "`\(key)`, the field table's name (the default)." : "`\(key)`."),
                        name: keyCaseName(key), rawValue: .string(key)
                    ))
            }
        )
    }

    // MARK: Redaction

    /// Card data stays out of `description`, `debugDescription` and `dump`, which all print through the mirror.
    private static func redactingMirror(_ model: CheckedModel) -> TypeDeclaration {
        let fields = model.fields
        let children = fields.map { field in
            let name = field.propertyName
            return DictionaryEntry(key: .string(name), value: .cast(.name(SwiftNames.escaped(name)), .named("Any")))
        }
        let sensitive = fields.filter(\.sensitive).map { $0.propertyName }
        let mirror = Expression.name("Redaction").dot("mirror").call([
            Argument(.name("self")),
            Argument(.dictionary(children)),
            Argument("sensitive", .strings(sensitive)),
        ])
        return TypeDeclaration(
            kind: .extension, name: model.name, conformances: ["CustomReflectable"],
            members: [
                .variable(
                    VariableDeclaration(
                        docs: DocComment(
                            "Shows every property but the card data (\(sensitive.map { "\"\($0)\"" }.joined(separator: ", ")))."
                        ),
                        access: .public, binding: .var, name: "customMirror", type: .named("Mirror"),
                        value: .getter([.expression(mirror)])
                    ))
            ]
        )
    }

    // MARK: JSON

    /// Reading from and writing to the parsed JSON tree: the one implementation of every field rule
    /// (keys, aliases, tolerated kinds), which `Codable` and the client both go through.
    private static func jsonConformance(_ checked: CheckedModel) -> TypeDeclaration {
        let fields = checked.fields
        let object = Expression.name("object")
        var reading: [Statement] = [
            .binding(
                .let, "object", nil,
                .try(
                    .name("JSONObjectReader").call([
                        Argument(.name("json")), Argument("model", .string(checked.name)),
                        Argument("context", .name("context")),
                    ])))
        ]
        for field in fields {
            let read = readExpression(field)
            let value: Expression =
                if field.requiredInSwift {
                    .try(object.dot("require").call(read.expression, .string(field.name)))
                } else {
                    read.throws ? .try(read.expression) : read.expression
                }
            reading.append(.assignment(.name("self").dot(SwiftNames.escaped(field.propertyName)), value))
        }
        let selectors = keySelectorFields(checked)
        for field in selectors {
            let found = object.dot("key").call([
                Argument(.string(field.name)), Argument("aliases", .strings(field.aliases)),
            ])
            let chosen = found.dot("flatMap").call(.name(keySelectorTypeName(field)).dot("init(rawValue:)"))
            reading.append(
                .assignment(
                    .name("self").dot(keySelectorName(field)),
                    .nilCoalescing(chosen, .implicitMember(keyCaseName(field.name)))
                ))
        }
        var writing: [Statement] = [
            .binding(
                .var, "object", nil, .name("JSONObjectWriter").call([Argument("capacity", .integer(fields.count))]))
        ]
        for field in fields {
            let key: Expression =
                selectors.contains { $0.name == field.name }
                ? .name("self").dot(keySelectorName(field)).dot("rawValue") : .string(field.name)
            var arguments = [
                Argument(key), Argument(.name("self").dot(SwiftNames.escaped(field.propertyName))),
            ]
            // What is sent must survive the server's float64 exactly; what was received is written back as it came.
            let exact = checked.model.isRequest && field.type == .decimal
            var rules: [Expression] = []
            if field.nonNegative { rules.append(.implicitMember("nonNegative")) }
            if field.wholeNumber { rules.append(.implicitMember("wholeNumber")) }
            if exact { rules.append(.implicitMember("exactInFloat64")) }
            if !rules.isEmpty { arguments.append(Argument("rules", .array(rules))) }
            let call = object.dot("set").call(arguments)
            writing.append(.expression(writeThrows(field.type) ? .try(call) : call))
        }
        writing.append(.return(object.dot("value")))
        return TypeDeclaration(
            kind: .extension, name: checked.name, conformances: ["JSONReadable", "JSONWritable"],
            members: [
                .function(
                    FunctionDeclaration(
                        signature: FunctionSignature(
                            access: .package, kind: .initializer,
                            parameters: [
                                Parameter("json", .named("JSONValue")), Parameter("context", .named("JSONReadContext")),
                            ],
                            throwing: .typed(.named("JSONReadError"))
                        ),
                        body: reading
                    )),
                .function(
                    FunctionDeclaration(
                        signature: FunctionSignature(
                            access: .package, kind: .function("json"), throwing: .typed(.named("JSONWriteError")),
                            returnType: .named("JSONValue")
                        ),
                        body: writing
                    )),
            ]
        )
    }

    /// The reader call of a field, and whether it can throw.
    static func readExpression(_ field: Field) -> (expression: Expression, throws: Bool) {
        var arguments = [Argument(.string(field.name))]
        if !field.aliases.isEmpty { arguments.append(Argument("aliases", .strings(field.aliases))) }
        if !field.accepts.isEmpty {
            arguments.append(Argument("accepting", .array(field.accepts.map { .implicitMember($0.rawValue) })))
        }
        func call(_ method: String, _ leading: [Argument] = []) -> Expression {
            .name("object").dot(method).call(leading + arguments)
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
        case .array(let items): return (call("array", [Argument(SwiftTypes.metatype(of: items))]), true)
        case .reference(let name): return (call("value", [Argument(.metatype(.named(name)))]), true)
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
