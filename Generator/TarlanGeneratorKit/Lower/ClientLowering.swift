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
        let signingNote = "Signs every request: `\(signing.headerName): \(signing.valuePrefix)<signature>`."
        var members: [Declaration] = [
            .type(environment(checked)),
            .property(Property(
                docs: ["The section's name and signing rules."],
                modifiers: "package static let", name: "section", type: nil,
                initializer: sectionExpression(checked)
            )),
            .property(Property(modifiers: "private let", name: "core", type: "TarlanClientCore")),
            .function(Function(
                docs: [
                    "Creates a client.",
                    "",
                    "- Parameters:",
                    "  - secret: The signing secret issued by Tarlanpayments. It is never printed.",
                    "  - environment: Where requests go.",
                    "  - transport: How requests are sent; ``URLSessionTransport`` unless you pass another.",
                    "  - configuration: Timeout and middlewares.",
                ],
                head: "public init",
                parameters: [
                    "secret: TarlanSecret",
                    "environment: Environment = .production",
                    "transport: any HTTPTransport = URLSessionTransport()",
                    "configuration: TarlanClientConfiguration = .init()",
                ],
                body: [
                    .wrapped(
                        open: "core = TarlanClientCore(",
                        [
                            .line("section: Self.section,"),
                            .line("baseURL: environment.baseURL,"),
                            .line("environment: environment.name,"),
                            .line("secret: secret,"),
                            .line("transport: transport,"),
                            .line("configuration: configuration"),
                        ],
                        close: ")"
                    )
                ]
            )),
        ]
        members += operations.map { .function(method($0.operation)) }
        members += operations.compactMap { ReconcileMethod.function($0).map(Declaration.function) }
        let documentation = section.documentation.map { ["- SeeAlso: [Documentation](\($0))"] } ?? []
        return TypeDeclaration(
            kind: .struct, name: clientName(section), conformances: ["Sendable"],
            docs: DocText.paragraphs([
                [section.title + "."],
                DocText.lines(section.description),
                [signingNote] + (section.signingNote.map { [$0] } ?? []),
                documentation + DocText.remark(section.location),
            ]),
            members: members
        )
    }

    private static func sectionExpression(_ section: CheckedSection) -> String {
        let descriptor = section.descriptor
        let rules = descriptor.signing
        let excluded = "[" + rules.excludedTopLevelFields.map(SwiftNames.stringLiteral).joined(separator: ", ") + "]"
        let servers = "[" + section.servers
            .map { "\(SwiftNames.stringLiteral($0.name)): \(SwiftNames.stringLiteral($0.url))" }
            .joined(separator: ", ") + "]"
        let codes = descriptor.expectedErrorCodes.sorted().map(String.init).joined(separator: ", ")
        let expected = codes.isEmpty ? "" : ",\n        expectedErrorCodes: [\(codes)]"
        return """
            TarlanSection(
                    name: \(SwiftNames.stringLiteral(descriptor.name)),
                    title: \(SwiftNames.stringLiteral(descriptor.title)),
                    signing: SigningRules(
                        headerName: \(SwiftNames.stringLiteral(rules.headerName)),
                        valuePrefix: \(SwiftNames.stringLiteral(rules.valuePrefix)),
                        excludedTopLevelFields: \(excluded),
                        excludesEmptyStrings: \(rules.excludesEmptyStrings),
                        canonicalForm: .\(rules.canonicalForm.rawValue)
                    ),
                    servers: \(servers)\(expected)
                )
            """
    }

    private static func environment(_ section: CheckedSection) -> TypeDeclaration {
        let servers = section.servers
        var members: [Declaration] = servers.map { name, url in
            .enumCase(EnumCaseDeclaration(docs: ["`\(url)`"], name: SwiftNames.escaped(name)))
        }
        members.append(.enumCase(EnumCaseDeclaration(
            docs: ["Another base URL, such as a local test server."], name: "custom", associatedValue: "URL"
        )))
        let cases: [CodeLine] = servers.map { name, url in
            // The generator validated each URL, so the literal always parses.
            .line("case .\(SwiftNames.escaped(name)): URL(string: \(SwiftNames.stringLiteral(url)))!")
        } + [.line("case .custom(let url): url")]
        members.append(.property(Property(
            docs: ["The URL that operation paths are appended to."],
            modifiers: "public var", name: "baseURL", type: "URL", getter: [.block("switch self", cases)]
        )))
        let names: [CodeLine] = servers.map { name, _ in
            .line("case .\(SwiftNames.escaped(name)): \(SwiftNames.stringLiteral(name))")
        } + [.line("case .custom: nil")]
        members.append(.property(Property(
            docs: ["The environment's name in the schema (`nil` for a custom URL); some paths differ by environment."],
            modifiers: "public var", name: "name", type: "String?", getter: [.block("switch self", names)]
        )))
        return TypeDeclaration(
            kind: .enum, name: "Environment", conformances: ["Hashable", "Sendable"],
            docs: ["Where requests go."], members: members
        )
    }

    /// The client method of an operation (`tarlan-generator diff` names symbols from it too).
    static func method(_ operation: Operation) -> Function {
        let result = SwiftTypes.name(of: operation.result)
        let placement = operation.requestPlacement == .query ? "query parameters" : "body"
        var docs = DocText.paragraphs([
            [operation.summary + "."],
            DocText.lines(operation.description),
            ["`\(operation.method.rawValue) \(operation.path)`"],
            operation.quirks.map { "- Note: \($0)" },
            [
                "- Parameters:",
                "  - request: The request \(placement); signed for you.",
                "  - options: Per-call options such as a timeout.",
                "- Returns: The response's `result`." + (operation.resultDescription.map { " \($0)" } ?? ""),
                "- Throws: ``TarlanError``: `.api` when the server reports an error "
                    + "(\(operation.errorFormats.map(\.rawValue).joined(separator: ", ")) format), "
                    + "`.http`, `.decoding` or `.transport` otherwise.",
            ],
        ])
        if let documentation = operation.documentation {
            docs.append("- SeeAlso: [Documentation](\(documentation))")
        }
        docs.append(contentsOf: DocText.remark(operation.location))
        return Function(
            docs: docs,
            head: "public func \(operation.id)",
            parameters: ["_ request: \(operation.requestModel)", "options: TarlanCallOptions = .init()"],
            tail: " async throws -> \(result)",
            body: [.line("try await core.perform(TarlanOperations.\(operation.id), request, returning: \(result).self, options: options)")]
        )
    }
}
