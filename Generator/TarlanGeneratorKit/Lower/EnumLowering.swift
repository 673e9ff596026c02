import TarlanCore

/// Lowers reference tables to open enums: documented cases plus `unknown(RawValue)`,
/// so a value the documentation does not list never fails decoding.
enum EnumLowering {
    static func file(_ schema: CheckedSchema) -> SwiftFile {
        var declarations: [Declaration] = schema.enums.flatMap {
            [.type(declaration($0)), .type(rawRepresentation($0)), .type(jsonConformance($0))]
        }
        if let accessors = errorCodeAccessors(schema) { declarations.append(.type(accessors)) }
        return SwiftFile(name: "Enums.swift", imports: ["TarlanRuntime"], declarations: declarations)
    }

    /// `TarlanAPIError.agwsCode`, `.acquiringCode`: the code through the section's table, nil for another
    /// section's error and when the body carries no code (never `0`, which would read as success).
    private static func errorCodeAccessors(_ schema: CheckedSchema) -> TypeDeclaration? {
        let accessors: [Declaration] = schema.sections.compactMap { checked in
            guard let table = checked.errorCodes?.definition.name else { return nil }
            let section = checked.section
            let code = Expression.name("code").dot("map").call(.name(table).dot("init(rawValue:)"))
            return .variable(
                VariableDeclaration(
                    docs: DocComment(
                        "The code as ``\(table)`` when the error comes from a \(section.title) operation; nil for other "
                            + "sections and when the body carries no code."
                    ),
                    access: .public, binding: .var, name: errorCodeProperty(section), type: .optional(.named(table)),
                    value: .getter([
                        .expression(.ternary(.binary(.name("section"), "==", .string(section.id)), code, .nil))
                    ])
                ))
        }
        guard !accessors.isEmpty else { return nil }
        return TypeDeclaration(kind: .extension, name: "TarlanAPIError", members: accessors)
    }

    /// `agwsCode` for the prefix `AGWS`, `acquiringCode` for `Acquiring`.
    static func errorCodeProperty(_ section: Section) -> String {
        let prefix = section.swiftPrefix
        let lowered =
            prefix.allSatisfy(\.isUppercase) ? prefix.lowercased() : prefix.prefix(1).lowercased() + prefix.dropFirst()
        return lowered + "Code"
    }

    private static func rawType(_ definition: EnumDefinition) -> TypeName {
        .named(definition.rawType == .integer ? "Int" : "String")
    }

    private static func literal(_ value: CheckedEnumCase.RawValue) -> Expression {
        switch value {
        case .integer(let integer): .integer(integer)
        case .string(let text): .string(text)
        }
    }

    /// The raw value as a doc comment shows it: `` `"open"` `` or `` `1041` ``.
    private static func documented(_ value: CheckedEnumCase.RawValue) -> String {
        switch value {
        case .integer(let integer): "`\(integer)`"
        case .string(let text): "`\(SwiftLiteral.string(text))`"
        }
    }

    static func declaration(_ checked: CheckedEnum) -> TypeDeclaration {
        let definition = checked.definition
        var members: [Declaration] = checked.cases.map { checkedCase in
            let enumCase = checkedCase.enumCase
            var details: [String] = ["Value: \(documented(checkedCase.rawValue))."]
            if let message = enumCase.message { details.append("Message: \"\(message)\".") }
            if let status = enumCase.httpStatus { details.append("HTTP \(status).") }
            // A description that only repeats the message is left out: the message is the exact text.
            let description = enumCase.message.map(same) == enumCase.description.map(same) ? nil : enumCase.description
            return .enumCase(
                EnumCaseDeclaration(
                    docs: DocComment([
                        DocText.lines(description),
                        [details.joined(separator: " ")],
                        DocText.line(enumCase.quirk.map { "- Note: \($0)" }),
                    ]),
                    name: SwiftNames.escaped(enumCase.name)
                ))
        }
        members.append(
            .enumCase(
                EnumCaseDeclaration(
                    docs: DocComment("A value the documentation does not list, kept as it arrived."),
                    name: "unknown", associatedValue: rawType(definition)
                )))
        var links: [String] = []
        if let documentation = definition.documentation { links.append("- SeeAlso: [Documentation](\(documentation))") }
        links.append(DocText.remark(definition.location))
        return TypeDeclaration(
            docs: DocComment([
                DocText.lines(definition.description),
                DocText.line(definition.quirk.map { "- Note: \($0)" }),
                links,
            ]),
            access: .public, kind: .enum, name: definition.name, conformances: ["Hashable", "Sendable"],
            members: members
        )
    }

    /// Text compared for sameness: lowercased, without trailing full stops.
    private static func same(_ text: String) -> String {
        var text = text.lowercased()
        while text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// Read and written through the raw value, with the runtime's scalar rules.
    private static func jsonConformance(_ checked: CheckedEnum) -> TypeDeclaration {
        let definition = checked.definition
        let raw = Expression.type(rawType(definition)).call([
            Argument("json", .name("json")), Argument("context", .name("context")),
        ])
        return TypeDeclaration(
            kind: .extension, name: definition.name, conformances: ["JSONReadable", "JSONWritable"],
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
                        body: [.expression(.name("self").dot("init").call([Argument("rawValue", .try(raw))]))]
                    )),
                .function(
                    FunctionDeclaration(
                        signature: FunctionSignature(
                            access: .package, kind: .function("json"), returnType: .named("JSONValue")),
                        body: [.expression(.name("rawValue").dot("json").call())]
                    )),
            ]
        )
    }

    /// `RawRepresentable` (never failing), `Codable` through the raw value, and the documented cases.
    private static func rawRepresentation(_ checked: CheckedEnum) -> TypeDeclaration {
        let definition = checked.definition
        let cases = checked.cases
        let fromRaw =
            cases.map { checkedCase in
                SwitchCase(
                    patterns: [literal(checkedCase.rawValue)],
                    body: [.assignment(.name("self"), .implicitMember(SwiftNames.escaped(checkedCase.name)))]
                )
            } + [
                SwitchCase(
                    patterns: [], body: [.assignment(.name("self"), .implicitMember("unknown").call(.name("rawValue")))]
                )
            ]
        let toRaw =
            cases.map { checkedCase in
                SwitchCase(
                    patterns: [.implicitMember(SwiftNames.escaped(checkedCase.name))],
                    body: [.expression(literal(checkedCase.rawValue))]
                )
            } + [
                SwitchCase(
                    patterns: [.implicitMember("unknown").call(.name("let value"))], body: [.expression(.name("value"))]
                )
            ]
        return TypeDeclaration(
            kind: .extension, name: definition.name, conformances: ["RawRepresentable", "Codable"],
            members: [
                .function(
                    FunctionDeclaration(
                        signature: FunctionSignature(
                            access: .public, kind: .initializer,
                            parameters: [Parameter("rawValue", rawType(definition))]
                        ),
                        body: [.switch(.name("rawValue"), fromRaw)]
                    )),
                .variable(
                    VariableDeclaration(
                        access: .public, binding: .var, name: "rawValue", type: rawType(definition),
                        value: .getter([.switch(.name("self"), toRaw)])
                    )),
                .variable(
                    VariableDeclaration(
                        docs: DocComment("Every case the documentation lists, in its order."),
                        access: .public, isStatic: true, binding: .let, name: "documentedCases",
                        type: .array(.named(definition.name)),
                        value: .initializer(.array(cases.map { .implicitMember(SwiftNames.escaped($0.name)) }))
                    )),
            ]
        )
    }
}
