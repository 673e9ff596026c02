import TarlanRuntime

/// Lowers examples and signature vectors to XCTest cases that exercise the generated module.
///
/// Response examples are decoded and every value is asserted; request examples are encoded,
/// canonicalised and signed and compared with the fixture; vectors are signed and compared.
enum FixtureTestLowering {
    static func fixturesFile(_ schema: APISchema) -> SwiftFile {
        let operations = schema.operations.values.sorted { $0.id < $1.id }.filter { !$0.examples.isEmpty }
        let callbacks = schema.callbacks.values.sorted { $0.id < $1.id }.filter { !$0.examples.isEmpty }
        return SwiftFile(
            name: "FixtureTests.swift",
            imports: ["Foundation", "TarlanPayments", "XCTest"],
            declarations: operations.map { .type(testCase($0, schema)) } + callbacks.map { .type(testCase($0, schema)) }
        )
    }

    private static func testCase(_ operation: Operation, _ schema: APISchema) -> TypeDeclaration {
        let examples = operation.examples.values.sorted { $0.name < $1.name }
        return TypeDeclaration(
            kind: .finalClass, name: testClassName(operation), access: "",
            conformances: ["XCTestCase"],
            docs: ["Fixtures of `\(operation.id)` from `\(operation.location.reference)/examples`."],
            members: examples.map { example in
                .function(example.kind == .request
                    ? requestTest(example, operation, schema)
                    : responseTest(example, operation, schema))
            }
        )
    }

    private static func docs(_ example: Example) -> [String] {
        var text = example.description ?? example.name
        while text.hasSuffix(".") { text.removeLast() }
        text = text.prefix(1).uppercased() + text.dropFirst()
        var line = text + " (\(example.provenance.rawValue))."
        if example.correction != nil { line += " The documentation's JSON was invalid and is corrected here." }
        return [line]
    }

    // MARK: Callbacks

    private static func testCase(_ callback: Callback, _ schema: APISchema) -> TypeDeclaration {
        let examples = callback.examples.values.sorted { $0.name < $1.name }
        return TypeDeclaration(
            kind: .finalClass, name: testClassName(callback), access: "",
            conformances: ["XCTestCase"],
            docs: ["Fixtures of the `\(callback.id)` callback from `\(callback.location.reference)/examples`."],
            members: examples.map { .function(callbackTest($0, callback, schema)) }
        )
    }

    private static func callbackTest(_ example: Example, _ callback: Callback, _ schema: APISchema) -> Function {
        let model = example.kind == .reply ? (callback.replyModel ?? callback.payloadModel) : callback.payloadModel
        var interpreter = ExampleInterpreter(schema: schema)
        let typed = interpreter.read(example.body, as: .reference(model), at: "")
        let json = SwiftNames.rawStringLiteral(CanonicalJSON.string(example.body))
        var body: [CodeLine] = []
        if example.kind == .payload, let secret = example.secret, let signature = example.signature,
            let signing = schema.sections[callback.section]?.signing
        {
            let isQuery = callback.payloadPlacement == .query
            let input = isQuery ? "url" : "body"
            if isQuery {
                let query = RequestBuilder.queryString(example.body.objectValue ?? [:])
                body.append(.line("let url = URL(string: \(SwiftNames.stringLiteral("https://merchant.example/callback?" + query)))!"))
            } else {
                body.append(.line("let body = Data(\(json).utf8)"))
            }
            let header = signing.valuePrefix + signature
            let tampered = signing.valuePrefix + String(signature.dropLast()) + (signature.hasSuffix("0") ? "1" : "0")
            body += [
                .line("let verifier = WebhookVerifier(secret: TarlanSecret(\(SwiftNames.stringLiteral(secret))))"),
                .line("let verified = try verifier.\(callback.id)(\(input): \(input), signatureHeader: \(SwiftNames.stringLiteral(header)))"),
                .line("let payload: \(model)? = verified.payload"),
            ]
            body += typed.map { assert($0, at: "payload", schema) } ?? []
            let call = "try verifier.\(callback.id)(\(input): \(input), signatureHeader: \(SwiftNames.stringLiteral(tampered)))"
            body.append(.wrapped(open: "XCTAssertThrowsError(\(call)) { error in", [
                .line("XCTAssertEqual(error as? WebhookError, .invalidSignature)")
            ], close: "}"))
        } else {
            body += [
                .line("let body = Data(\(json).utf8)"),
                .line("let decoded: \(model)? = try JSONDecoder().decode(\(model).self, from: body)"),
            ]
            body += typed.map { assert($0, at: "decoded", schema) } ?? []
        }
        return Function(docs: docs(example), head: "func \(testMethodName(example.name))", tail: " throws", body: body)
    }

    // MARK: Responses

    private static func responseTest(_ example: Example, _ operation: Operation, _ schema: APISchema) -> Function {
        let result = SwiftTypes.name(of: operation.result)
        var body: [CodeLine] = [
            .line("let body = Data(\(SwiftNames.rawStringLiteral(CanonicalJSON.string(example.body))).utf8)"),
            .line("let response = HTTPResponse(statusCode: \(example.httpStatus ?? 200), body: body)"),
        ]
        switch example.expect {
        case .apiError(let format, let code, let message):
            let call = "try ResponseInterpreter.decode(\(result).self, for: TarlanOperations.\(operation.id), from: response)"
            body.append(.wrapped(open: "XCTAssertThrowsError(\(call)) { error in", [
                .block("guard case .api(let apiError) = error as? TarlanError else", [
                    .line("return XCTFail(\"expected an API error, got \\(error)\")")
                ]),
                .line("XCTAssertEqual(apiError.format, .\(format.rawValue))"),
                .line("XCTAssertEqual(apiError.code, \(code.map(String.init) ?? "nil"))"),
                .line("XCTAssertEqual(apiError.message, \(SwiftNames.stringLiteral(message)))"),
                .line("XCTAssertEqual(apiError.httpStatus, \(example.httpStatus ?? 200))"),
                .line("XCTAssertEqual(apiError.operationID, \(SwiftNames.stringLiteral(operation.id)))"),
            ], close: "}"))
        case .success, nil:
            body.append(.line("let result: \(result)? = try ResponseInterpreter.decode(\(result).self, for: TarlanOperations.\(operation.id), from: response)"))
            body += assertions(for: example, operation, schema)
        }
        return Function(docs: docs(example), head: "func \(testMethodName(example.name))", tail: " throws", body: body)
    }

    /// One assertion per value of the example's result, through the generated property names.
    private static func assertions(for example: Example, _ operation: Operation, _ schema: APISchema) -> [CodeLine] {
        var interpreter = ExampleInterpreter(schema: schema)
        guard let result = example.body.objectValue?["result"], let typed = interpreter.read(result, as: operation.result, at: "")
        else { return [] }
        return assert(typed, at: "result", schema)
    }

    /// `path` is an optional-chained expression whose value is optional. `isOptional` says whether
    /// its last link is declared optional, so the next link needs `?` (a required field, or an
    /// array element, continues the chain without one: `?.` after a non-optional does not compile).
    private static func assert(
        _ value: TypedValue, at path: String, isOptional: Bool = true, _ schema: APISchema
    ) -> [CodeLine] {
        let link = isOptional ? "?" : ""
        switch value {
        case .null:
            return [.line("XCTAssertNil(\(path))")]
        case .model(_, let fields):
            var lines: [CodeLine] = []
            for (field, fieldValue) in fields {
                let member = "\(path)\(link).\(SwiftNames.escaped(SwiftNames.property(for: field)))"
                guard let fieldValue else {
                    if !field.required { lines.append(.line("XCTAssertNil(\(member))")) }
                    continue
                }
                lines += assert(fieldValue, at: member, isOptional: !field.required, schema)
            }
            return lines
        case .array(let elements):
            var lines: [CodeLine] = [.line("XCTAssertEqual(\(path)\(link).count, \(elements.count))")]
            for (index, element) in elements.enumerated() {
                lines += assert(element, at: "\(path)\(link)[\(index)]", isOptional: false, schema)
            }
            return lines
        default:
            return [.line("XCTAssertEqual(\(path), \(SwiftTypes.expression(of: value, schema: schema)))")]
        }
    }

    // MARK: Requests

    private static func requestTest(_ example: Example, _ operation: Operation, _ schema: APISchema) -> Function {
        var interpreter = ExampleInterpreter(schema: schema)
        let typed = interpreter.read(example.body, as: .reference(operation.requestModel), at: "")
        let literal = typed.map { SwiftTypes.expression(of: $0, schema: schema) } ?? "\(operation.requestModel)()"
        let signatureHeader = schema.sections[operation.section]?.signing
        var body: [CodeLine] = [
            .line("let request = \(literal)"),
            .wrapped(open: "let prepared = try RequestBuilder.prepare(", [
                .line("TarlanOperations.\(operation.id),"),
                .line("request,"),
                .line("baseURL: URL(string: \"https://tarlan.example\")!,"),
                .line("secret: TarlanSecret(\(SwiftNames.stringLiteral(example.secret ?? "")))"),
            ], close: ")"),
            .line("XCTAssertEqual(prepared.signedJSON, \(SwiftNames.rawStringLiteral(example.canonical ?? "")))"),
            .line("XCTAssertEqual(prepared.signature, \(SwiftNames.stringLiteral(example.signature ?? "")))"),
        ]
        if let signing = signatureHeader {
            let value = signing.valuePrefix + (example.signature ?? "")
            body.append(.line("XCTAssertEqual(prepared.request.headers[\(SwiftNames.stringLiteral(signing.headerName))], \(SwiftNames.stringLiteral(value)))"))
        }
        let wire = SwiftNames.rawStringLiteral(CanonicalJSON.string(example.body))
        switch operation.requestPlacement {
        case .body:
            body.append(.line("XCTAssertEqual(prepared.request.body.map { String(decoding: $0, as: UTF8.self) }, \(wire))"))
        case .query:
            body.append(.line("XCTAssertNil(prepared.request.body)"))
            body.append(.line("XCTAssertEqual(prepared.request.url.query, \(SwiftNames.stringLiteral(RequestBuilder.queryString(example.body.objectValue ?? [:]))))"))
        }
        return Function(docs: docs(example), head: "func \(testMethodName(example.name))", tail: " throws", body: body)
    }

    // MARK: Signature vectors

    static func vectorsFile(_ schema: APISchema) -> SwiftFile {
        let vectors = schema.signatureVectors.values.sorted { $0.id < $1.id }
        return SwiftFile(
            name: "SignatureVectorTests.swift",
            imports: ["Foundation", "TarlanPayments", "XCTest"],
            declarations: [.type(TypeDeclaration(
                kind: .finalClass, name: vectorsClassName, access: "", conformances: ["XCTestCase"],
                docs: ["The signature vectors of the reference's section 2, from `signatureVectors` in the schema."],
                members: vectors.map { .function(vectorTest($0, schema)) }
            ))]
        )
    }

    private static func vectorTest(_ vector: SignatureVector, _ schema: APISchema) -> Function {
        let client = schema.sections[vector.section].map(ClientLowering.clientName) ?? "AGWSClient"
        var body: [CodeLine] = [
            .line("let input = try JSONParser.parse(Array(\(SwiftNames.rawStringLiteral(CanonicalJSON.string(vector.input))).utf8))"),
            .line("let rules = \(client).section.signing"),
            .line("let bytes = Signer.signingBytes(input, rules: rules)"),
            .line("XCTAssertEqual(String(decoding: bytes, as: UTF8.self), \(SwiftNames.rawStringLiteral(vector.canonical)))"),
        ]
        if let base64 = vector.base64 {
            body.append(.line("XCTAssertEqual(Data(bytes).base64EncodedString(), \(SwiftNames.stringLiteral(base64)))"))
        }
        body.append(.line("let signature = Signer.signature(for: input, secret: TarlanSecret(\(SwiftNames.stringLiteral(vector.secret))), rules: rules)"))
        body.append(.line("XCTAssertEqual(signature, \(SwiftNames.stringLiteral(vector.signature)))"))
        let header = "\(SwiftNames.stringLiteral(vector.signature))"
        body.append(.line("XCTAssertTrue(Signer.verify(headerValue: \(header), body: input, secret: TarlanSecret(\(SwiftNames.stringLiteral(vector.secret))), rules: rules))"))
        return Function(
            docs: [(vector.description ?? vector.id) + " (\(vector.provenance.rawValue))."],
            head: "func \(testMethodName(vector.id))", tail: " throws", body: body
        )
    }

    // MARK: Names

    /// The test class of an operation's examples (also named by `tarlan-generator diff`).
    static func testClassName(_ operation: Operation) -> String { upperFirst(operation.id) + "FixtureTests" }

    /// The test class of a callback's examples.
    static func testClassName(_ callback: Callback) -> String { upperFirst(callback.id) + "CallbackFixtureTests" }

    /// The test class of the signature vectors.
    static let vectorsClassName = "SignatureVectorTests"

    /// The test method of an example or a signature vector.
    static func testMethodName(_ name: String) -> String { "test" + upperFirst(identifier(name)) }

    static func upperFirst(_ name: String) -> String {
        name.prefix(1).uppercased() + name.dropFirst()
    }

    /// An example or vector name as part of a test method name.
    static func identifier(_ name: String) -> String {
        let camel = SwiftNames.lowerCamelCase(name)
        return camel.hasPrefix("_") ? String(camel.dropFirst()) : camel
    }
}
