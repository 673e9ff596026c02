/// Lowers callbacks (requests Tarlan sends to the merchant) to descriptors and typed
/// `WebhookVerifier` methods that check the signature and decode the payload.
enum CallbackLowering {
    /// The runtime type the generated verifier methods extend.
    static let verifierTypeName = "WebhookVerifier"

    static func file(_ schema: CheckedSchema) -> SwiftFile {
        let callbacks = schema.callbacks
        var catalog: [Declaration] = callbacks.map { .property(descriptor($0)) }
        catalog.append(.property(Property(
            docs: ["Every callback, by id."],
            modifiers: "package static let", name: "all", type: "[CallbackDescriptor]",
            initializer: "[" + callbacks.map(\.id).joined(separator: ", ") + "]"
        )))
        catalog.append(.property(Property(
            docs: ["Every callback, verifiable without naming its payload type (for `tarlan demo`)."],
            modifiers: "package static let", name: "dynamic", type: "[DynamicCallback]",
            initializer: callbacks.isEmpty ? "[]" : "[\n" + callbacks.map {
                "        DynamicCallback(\($0.id), payload: \($0.callback.payloadModel).self),"
            }.joined(separator: "\n") + "\n    ]"
        )))
        var declarations: [Declaration] = [.type(TypeDeclaration(
            kind: .enum, name: "TarlanCallbacks", access: "package",
            docs: ["Every request Tarlan sends to the merchant, as data: section, method and payload fields."],
            members: catalog
        ))]
        if !callbacks.isEmpty {
            declarations.append(.type(TypeDeclaration(
                kind: .extension, name: verifierTypeName, access: "",
                members: callbacks.map { .function(verifier($0.callback, signatureHeader: $0.section.section.signing.headerName)) }
            )))
        }
        return SwiftFile(name: "Callbacks.swift", imports: ["Foundation", "TarlanRuntime"], declarations: declarations)
    }

    private static func descriptor(_ checked: CheckedCallback) -> Property {
        let callback = checked.callback
        let section = ClientLowering.clientName(checked.section.section)
        let descriptor = checked.descriptor
        let initializer = """
            CallbackDescriptor(
                    id: \(SwiftNames.stringLiteral(callback.id)),
                    summary: \(SwiftNames.stringLiteral(callback.summary)),
                    section: \(section).section,
                    method: .\(callback.method.rawValue.lowercased()),
                    payloadLocation: .\(callback.payloadPlacement.rawValue),
                    payloadFields: \(CatalogLowering.fieldLines(descriptor.payloadFields))\(CatalogLowering.sensitiveFields(descriptor.sensitiveFields)),
                    documentation: \(callback.documentation.map(SwiftNames.stringLiteral) ?? "nil")
                )
            """
        return Property(
            docs: ["`\(callback.method.rawValue)` to the merchant: \(callback.summary)."],
            modifiers: "package static let", name: callback.id, type: nil, initializer: initializer
        )
    }

    /// The `WebhookVerifier` method of a callback (`tarlan-generator diff` names symbols from it too).
    static func verifier(_ callback: Callback, signatureHeader header: String) -> Function {
        let isQuery = callback.payloadPlacement == .query
        var docs = DocText.paragraphs([
            ["Verifies a request of the callback “\(callback.summary)” and decodes its payload."],
            DocText.lines(callback.description),
            callback.merchantMustAnswer.map { ["- Important: Your endpoint must answer \($0)"] } ?? [],
            callback.quirks.map { "- Note: \($0)" },
            [
                "- Parameters:",
                isQuery
                    ? "  - url: The request URL exactly as received (its query is the signed payload)."
                    : "  - body: The request body exactly as received.",
                "  - signatureHeader: The value of the `\(header)` header.",
                "- Returns: The payload, and every field that arrived (unknown ones too).",
                "- Throws: ``WebhookError`` when the signature or the payload is wrong.",
            ],
        ])
        if let documentation = callback.documentation {
            docs.append("- SeeAlso: [Documentation](\(documentation))")
        }
        docs += DocText.remark(callback.location)
        let input = isQuery ? "url" : "body"
        return Function(
            docs: docs,
            head: "public func \(callback.id)",
            parameters: [isQuery ? "url: URL" : "body: Data", "signatureHeader: String?"],
            tail: " throws(WebhookError) -> VerifiedCallback<\(callback.payloadModel)>",
            body: [.line(
                "try verify(TarlanCallbacks.\(callback.id), \(input): \(input), signatureHeader: signatureHeader, as: \(callback.payloadModel).self)"
            )]
        )
    }
}
