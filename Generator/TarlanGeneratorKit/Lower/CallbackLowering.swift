/// Lowers callbacks (requests Tarlan sends to the merchant) to descriptors and typed
/// `WebhookVerifier` methods that check the signature and decode the payload.
enum CallbackLowering {
    /// The runtime type the generated verifier methods extend.
    static let verifierTypeName = "WebhookVerifier"

    static func file(_ schema: CheckedSchema) -> SwiftFile {
        let callbacks = schema.callbacks
        var catalog: [Declaration] = callbacks.map { .variable(descriptor($0)) }
        catalog.append(
            .variable(
                VariableDeclaration(
                    docs: DocComment("Every callback, by id."),
                    access: .package, isStatic: true, binding: .let, name: "all",
                    type: .array(.named("CallbackDescriptor")),
                    value: .initializer(.array(callbacks.map { .name($0.id) }))
                )))
        let dynamic = callbacks.map { callback in
            Expression.name("DynamicCallback").call([
                Argument(.name(callback.id)),
                Argument("payload", .metatype(.named(callback.callback.payloadModel))),
            ])
        }
        catalog.append(
            .variable(
                VariableDeclaration(
                    docs: DocComment("Every callback, verifiable without naming its payload type (for `tarlan demo`)."),
                    access: .package, isStatic: true, binding: .let, name: "dynamic",
                    type: .array(.named("DynamicCallback")),
                    value: .initializer(.array(dynamic))
                )))
        var declarations: [Declaration] = [
            .type(
                TypeDeclaration(
                    docs: DocComment(
                        "Every request Tarlan sends to the merchant, as data: section, method and payload fields."),
                    access: .package, kind: .enum, name: "TarlanCallbacks", members: catalog
                ))
        ]
        if !callbacks.isEmpty {
            declarations.append(
                .type(
                    TypeDeclaration(
                        kind: .extension, name: verifierTypeName,
                        members: callbacks.map { .function(verifier($0)) }
                    )))
        }
        return SwiftFile(name: "Callbacks.swift", imports: ["Foundation", "TarlanRuntime"], declarations: declarations)
    }

    private static func descriptor(_ checked: CheckedCallback) -> VariableDeclaration {
        let callback = checked.callback
        let descriptor = checked.descriptor
        var arguments = [
            Argument("id", .string(callback.id)),
            Argument("summary", .string(callback.summary)),
            Argument("section", .name(ClientLowering.clientName(checked.section.section)).dot("section")),
            Argument("method", .implicitMember(callback.method.rawValue.lowercased())),
            Argument("payloadLocation", .implicitMember(callback.payloadPlacement.rawValue)),
            Argument("payloadFields", CatalogLowering.fields(descriptor.payloadFields)),
        ]
        if !descriptor.sensitiveFields.isEmpty {
            arguments.append(Argument("sensitiveFields", .strings(descriptor.sensitiveFields.sorted())))
        }
        arguments.append(Argument("documentation", CatalogLowering.optionalString(callback.documentation)))
        return VariableDeclaration(
            docs: DocComment("`\(callback.method.rawValue)` to the merchant: \(callback.summary)."),
            access: .package, isStatic: true, binding: .let, name: callback.id,
            value: .initializer(.name("CallbackDescriptor").call(arguments))
        )
    }

    /// `acquiringPaymentStatus(body: Data, signatureHeader: String?) throws(WebhookError) -> …`: the
    /// `WebhookVerifier` method of a callback (`tarlan-generator diff` names symbols from it too).
    static func verifierSignature(_ callback: Callback) -> FunctionSignature {
        let input =
            callback.payloadPlacement == .query
            ? Parameter("url", .named("URL")) : Parameter("body", .named("Data"))
        return FunctionSignature(
            access: .public, kind: .function(callback.id),
            parameters: [input, Parameter("signatureHeader", .optional(.named("String")))],
            throwing: .typed(.named("WebhookError")),
            returnType: .generic("VerifiedCallback", [.named(callback.payloadModel)])
        )
    }

    private static func verifier(_ checked: CheckedCallback) -> FunctionDeclaration {
        let callback = checked.callback
        let isQuery = callback.payloadPlacement == .query
        var reference = [
            "- Parameters:",
            isQuery
                ? "  - url: The request URL exactly as received (its query is the signed payload)."
                : "  - body: The request body exactly as received.",
            "  - signatureHeader: The value of the `\(checked.section.section.signing.headerName)` header.",
            "- Returns: The payload, and every field that arrived (unknown ones too).",
            "- Throws: ``WebhookError`` when the signature or the payload is wrong.",
        ]
        if let documentation = callback.documentation {
            reference.append("- SeeAlso: [Documentation](\(documentation))")
        }
        reference.append(DocText.remark(callback.location))
        var important: [String] = []
        if let answer = callback.merchantMustAnswer {
            important.append("- Important: Your endpoint must answer \(answer)")
        }
        let input = isQuery ? "url" : "body"
        let verify = Expression.name("verify").call([
            Argument(.name("TarlanCallbacks").dot(callback.id)),
            Argument(input, .name(input)),
            Argument("signatureHeader", .name("signatureHeader")),
            Argument("as", .metatype(.named(callback.payloadModel))),
        ])
        return FunctionDeclaration(
            docs: DocComment([
                ["Verifies a request of the callback “\(callback.summary)” and decodes its payload."],
                DocText.lines(callback.description),
                important,
                callback.quirks.map { "- Note: \($0)" },
                reference,
            ]),
            signature: verifierSignature(callback),
            body: [.expression(.try(verify))]
        )
    }
}
