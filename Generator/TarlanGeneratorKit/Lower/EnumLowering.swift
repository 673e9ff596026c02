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
        let tables = schema.sections.compactMap { section in section.errorCodes.map { (section.section, $0.definition.name) } }
        guard !tables.isEmpty else { return nil }
        return TypeDeclaration(
            kind: .extension, name: "TarlanAPIError", access: "",
            members: tables.map { section, table in
                .property(Property(
                    docs: [
                        "The code as ``\(table)`` when the error comes from a \(section.title) operation; nil for other "
                            + "sections and when the body carries no code.",
                    ],
                    modifiers: "public var", name: errorCodeProperty(section), type: "\(table)?",
                    getter: [.line("section == \(SwiftNames.stringLiteral(section.id)) ? code.map(\(table).init(rawValue:)) : nil")]
                ))
            }
        )
    }

    /// `agwsCode` for the prefix `AGWS`, `acquiringCode` for `Acquiring`.
    static func errorCodeProperty(_ section: Section) -> String {
        let prefix = section.swiftPrefix
        let lowered = prefix.allSatisfy(\.isUppercase) ? prefix.lowercased() : prefix.prefix(1).lowercased() + prefix.dropFirst()
        return lowered + "Code"
    }

    private static func rawType(_ definition: EnumDefinition) -> String {
        definition.rawType == .integer ? "Int" : "String"
    }

    private static func literal(_ value: JSONValue) -> String {
        switch value {
        case .number(let number): String(number.int ?? 0)
        default: SwiftNames.stringLiteral(value.stringValue ?? "")
        }
    }

    static func declaration(_ definition: EnumDefinition) -> TypeDeclaration {
        var members: [Declaration] = definition.sortedCases.map { enumCase in
            var details: [String] = ["Value: `\(literal(enumCase.value))`."]
            if let message = enumCase.message { details.append("Message: \"\(message)\".") }
            if let status = enumCase.httpStatus { details.append("HTTP \(status).") }
            return .enumCase(EnumCaseDeclaration(
                docs: DocText.paragraphs([
                    DocText.lines(enumCase.description),
                    [details.joined(separator: " ")],
                    enumCase.quirk.map { ["- Note: \($0)"] } ?? [],
                ]),
                name: SwiftNames.escaped(enumCase.name)
            ))
        }
        members.append(.enumCase(EnumCaseDeclaration(
            docs: ["A value the documentation does not list, kept as it arrived."],
            name: "unknown", associatedValue: rawType(definition)
        )))
        let documentation = definition.documentation.map { ["- SeeAlso: [Documentation](\($0))"] } ?? []
        return TypeDeclaration(
            kind: .enum, name: definition.name,
            conformances: ["Hashable", "Sendable"],
            docs: DocText.paragraphs([
                DocText.lines(definition.description),
                definition.quirk.map { ["- Note: \($0)"] } ?? [],
                documentation + DocText.remark(definition.location),
            ]),
            members: members
        )
    }

    /// Read and written through the raw value, with the runtime's scalar rules.
    private static func jsonConformance(_ definition: EnumDefinition) -> TypeDeclaration {
        TypeDeclaration(
            kind: .extension, name: definition.name, access: "", conformances: ["JSONReadable", "JSONWritable"],
            members: [
                .function(Function(
                    head: "package init", parameters: ["json: JSONValue", "context: JSONReadContext"],
                    tail: " throws(JSONReadError)",
                    body: [.line("self.init(rawValue: try \(rawType(definition))(json: json, context: context))")]
                )),
                .function(Function(head: "package func json", tail: " -> JSONValue", body: [.line("rawValue.json()")])),
            ]
        )
    }

    /// `RawRepresentable` (never failing), `Codable` through the raw value, and the documented cases.
    private static func rawRepresentation(_ definition: EnumDefinition) -> TypeDeclaration {
        let cases = definition.sortedCases
        let initSwitch: [CodeLine] = [
            .block(
                "switch rawValue",
                cases.map { .line("case \(literal($0.value)): self = .\(SwiftNames.escaped($0.name))") }
                    + [.line("default: self = .unknown(rawValue)")]
            )
        ]
        let rawSwitch: [CodeLine] = [
            .block(
                "switch self",
                cases.map { .line("case .\(SwiftNames.escaped($0.name)): \(literal($0.value))") }
                    + [.line("case .unknown(let value): value")]
            )
        ]
        let known = cases.map { ".\(SwiftNames.escaped($0.name))" }.joined(separator: ", ")
        return TypeDeclaration(
            kind: .extension, name: definition.name, access: "",
            conformances: ["RawRepresentable", "Codable"],
            members: [
                .function(Function(head: "public init", parameters: ["rawValue: \(rawType(definition))"], body: initSwitch)),
                .property(Property(modifiers: "public var", name: "rawValue", type: rawType(definition), getter: rawSwitch)),
                .property(Property(
                    docs: ["Every case the documentation lists, in its order."],
                    modifiers: "public static let", name: "documentedCases", type: "[\(definition.name)]",
                    initializer: "[\(known)]"
                )),
            ]
        )
    }
}
