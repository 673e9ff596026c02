/// Lowers each API section to a client: environments, signing rules, one async method per operation.
enum ClientLowering {
    static func file(_ schema: CheckedSchema) -> SwiftFile {
        let operations = Dictionary(grouping: schema.operations, by: \.operation.section)
        return SwiftFile(
            name: "Clients.swift",
            imports: ["Foundation", "TarlanRuntime"],
            declarations: schema.sections.map { section in
                .type(client(section, operations[section.section.id, default: []]))
            }
        )
    }

    static func clientName(_ section: Section) -> String { "\(section.swiftPrefix)Client" }

    private static func client(_ checked: CheckedSection, _ operations: [CheckedOperation]) -> TypeDeclaration {
        let section = checked.section
        let signing = section.signing
        var members: [Declaration] = [
            .type(environment(checked)),
            .variable(
                VariableDeclaration(
                    docs: DocComment("The section's name and signing rules."),
                    access: .package, isStatic: true, binding: .let, name: "section",
                    value: .initializer(sectionExpression(checked))
                )),
            .variable(
                VariableDeclaration(
                    access: .private, binding: .let, name: "core", type: .named("TarlanClientCore")
                )),
            .function(initializer()),
        ]
        // One method per operation, then the reconciling ones; lowered in runs on all cores.
        let runs = ParallelMap.map(ParallelMap.chunks(operations, pieces: 16)) { run in
            let methods = run.map { Declaration.function(method($0.operation)) }
            let reconciling = run.compactMap { ReconcileMethod.function($0).map(Declaration.function) }
            return (methods: methods, reconciling: reconciling)
        }
        members += runs.flatMap(\.methods)
        members += runs.flatMap(\.reconciling)
        var links: [String] = []
        if let documentation = section.documentation { links.append("- SeeAlso: [Documentation](\(documentation))") }
        links.append(DocText.remark(section.location))
        return TypeDeclaration(
            docs: DocComment([
                [section.title + "."],
                DocText.lines(section.description),
                ["Signs every request: `\(signing.headerName): \(signing.valuePrefix)<signature>`."]
                    + DocText.line(section.signingNote),
                links,
            ]),
            access: .public, kind: .struct, name: clientName(section), conformances: ["Sendable"],
            members: members
        )
    }

    private static func initializer() -> FunctionDeclaration {
        let core = Expression.name("TarlanClientCore").call([
            Argument("section", .name("Self").dot("section")),
            Argument("baseURL", .name("environment").dot("baseURL")),
            Argument("environment", .name("environment").dot("name")),
            Argument("secret", .name("secret")),
            Argument("transport", .name("transport")),
            Argument("configuration", .name("configuration")),
        ])
        return FunctionDeclaration(
            docs: DocComment([
                ["Creates a client."],
                [
                    "- Parameters:",
                    "  - secret: The signing secret issued by Tarlanpayments. It is never printed.",
                    "  - environment: Where requests go.",
                    "  - transport: How requests are sent; ``URLSessionTransport`` unless you pass another.",
                    "  - configuration: Timeout and middlewares.",
                ],
            ]),
            signature: FunctionSignature(
                access: .public, kind: .initializer,
                parameters: [
                    Parameter("secret", .named("TarlanSecret")),
                    Parameter("environment", .named("Environment"), default: .implicitMember("production")),
                    Parameter("transport", .existential("HTTPTransport"), default: .name("URLSessionTransport").call()),
                    Parameter(
                        "configuration", .named("TarlanClientConfiguration"), default: .implicitMember("init").call()),
                ]
            ),
            body: [.assignment(.name("core"), core)]
        )
    }

    private static func sectionExpression(_ section: CheckedSection) -> Expression {
        let descriptor = section.descriptor
        let rules = descriptor.signing
        let signing = Expression.name("SigningRules").call([
            Argument("headerName", .string(rules.headerName)),
            Argument("valuePrefix", .string(rules.valuePrefix)),
            Argument("excludedTopLevelFields", .strings(rules.excludedTopLevelFields)),
            Argument("excludesEmptyStrings", .boolean(rules.excludesEmptyStrings)),
            Argument("canonicalForm", .implicitMember(rules.canonicalForm.rawValue)),
        ])
        var arguments = [
            Argument("name", .string(descriptor.name)),
            Argument("title", .string(descriptor.title)),
            Argument("signing", signing),
            Argument(
                "servers",
                .dictionary(section.servers.map { DictionaryEntry(key: .string($0.name), value: .string($0.url)) })),
        ]
        if !descriptor.expectedErrorCodes.isEmpty {
            arguments.append(
                Argument("expectedErrorCodes", .array(descriptor.expectedErrorCodes.sorted().map(Expression.integer))))
        }
        return .name("TarlanSection").call(arguments)
    }

    private static func environment(_ section: CheckedSection) -> TypeDeclaration {
        var members: [Declaration] = section.servers.map { server in
            .enumCase(EnumCaseDeclaration(docs: DocComment("`\(server.url)`"), name: SwiftNames.escaped(server.name)))
        }
        members.append(
            .enumCase(
                EnumCaseDeclaration(
                    docs: DocComment("Another base URL, such as a local test server."), name: "custom",
                    associatedValue: .named("URL")
                )))
        // The generator validated each URL, so the literal always parses.
        let urls = section.servers.map { server in
            SwitchCase(
                patterns: [.implicitMember(SwiftNames.escaped(server.name))],
                body: [.expression(.forceUnwrap(.name("URL").call([Argument("string", .string(server.url))])))]
            )
        }
        let customURL = SwitchCase(
            patterns: [.implicitMember("custom").call(.name("let url"))], body: [.expression(.name("url"))])
        members.append(
            .variable(
                VariableDeclaration(
                    docs: DocComment("The URL that operation paths are appended to."),
                    access: .public, binding: .var, name: "baseURL", type: .named("URL"),
                    value: .getter([.switch(.name("self"), urls + [customURL])])
                )))
        let names = section.servers.map { server in
            SwitchCase(
                patterns: [.implicitMember(SwiftNames.escaped(server.name))], body: [.expression(.string(server.name))])
        }
        let customName = SwitchCase(patterns: [.implicitMember("custom")], body: [.expression(.nil)])
        members.append(
            .variable(
                VariableDeclaration(
                    docs: DocComment(
                        "The environment's name in the schema (`nil` for a custom URL); some paths differ by environment."
                    ),
                    access: .public, binding: .var, name: "name", type: .optional(.named("String")),
                    value: .getter([.switch(.name("self"), names + [customName])])
                )))
        return TypeDeclaration(
            docs: DocComment("Where requests go."),
            access: .public, kind: .enum, name: "Environment", conformances: ["Hashable", "Sendable"], members: members
        )
    }

    /// `checkBalance(_ request: CheckBalanceRequest, options:) async throws -> CheckBalanceResult`: the
    /// client method of an operation (`tarlan-generator diff` names symbols from it too).
    static func methodSignature(_ operation: Operation) -> FunctionSignature {
        FunctionSignature(
            access: .public, kind: .function(operation.id),
            parameters: [
                Parameter(label: nil, name: "request", type: .named(operation.requestModel)),
                Parameter("options", .named("TarlanCallOptions"), default: .implicitMember("init").call()),
            ],
            isAsync: true, throwing: .untyped, returnType: SwiftTypes.type(of: operation.result)
        )
    }

    static func method(_ operation: Operation) -> FunctionDeclaration {
        let placement = operation.requestPlacement == .query ? "query parameters" : "body"
        var returns = "- Returns: The response's `result`."
        if let description = operation.resultDescription { returns += " " + description }
        var reference = [
            "- Parameters:",
            "  - request: The request \(placement); signed for you.",
            "  - options: Per-call options such as a timeout.",
            returns,
            "- Throws: ``TarlanError``: `.api` when the server reports an error "
                + "(\(operation.errorFormats.map(\.rawValue).joined(separator: ", ")) format), "
                + "`.http`, `.decoding` or `.transport` otherwise.",
        ]
        if let documentation = operation.documentation {
            reference.append("- SeeAlso: [Documentation](\(documentation))")
        }
        reference.append(DocText.remark(operation.location))
        let perform = Expression.name("core").dot("perform").call([
            Argument(.name("TarlanOperations").dot(operation.id)),
            Argument(.name("request")),
            Argument("returning", SwiftTypes.metatype(of: operation.result)),
            Argument("options", .name("options")),
        ])
        return FunctionDeclaration(
            docs: DocComment([
                [operation.summary + "."],
                DocText.lines(operation.description),
                ["`\(operation.method.rawValue) \(operation.path)`"],
                operation.quirks.map { "- Note: \($0)" },
                reference,
            ]),
            signature: methodSignature(operation),
            body: [.expression(.try(.await(perform)))]
        )
    }
}
