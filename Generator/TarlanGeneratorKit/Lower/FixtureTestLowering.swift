import TarlanCore

/// Lowers examples and signature vectors to XCTest cases that exercise the generated module.
///
/// Response examples are decoded and every value is asserted; request examples are encoded,
/// canonicalised and signed and compared with the fixture; vectors are signed and compared.
enum FixtureTestLowering {
    static func fixturesFile(_ schema: CheckedSchema) -> SwiftFile {
        let callbacks = schema.callbacks.filter { !$0.examples.isEmpty }
        let tables = schema.sections.filter { $0.errorCodes != nil }
        // One test class per operation or callback, each lowered when the renderer reaches it.
        let classes: [@Sendable () -> [Declaration]] =
            schema.operations.map { operation in { @Sendable in [.type(testCase(operation, tables))] } }
            + callbacks.map { callback in { @Sendable in [.type(testCase(callback))] } }
        return SwiftFile(
            name: "FixtureTests.swift", imports: ["Foundation", "TarlanPayments", "XCTest"], parts: classes
        ) { lower in lower() }
    }

    private static func testCase(_ checked: CheckedOperation, _ tables: [CheckedSection]) -> TypeDeclaration {
        let operation = checked.operation
        var members: [Declaration] = []
        for example in checked.examples {
            switch example.content {
            case .request(let request): members.append(.function(requestTest(example.example, request, checked)))
            case .response(let response): members.append(.function(responseTest(example.example, response, checked)))
            case .payload, .reply: continue
            }
        }
        members.append(.function(errorShapesTest(checked, tables)))
        return TypeDeclaration(
            docs: DocComment(
                "Fixtures of `\(operation.id)` from `\(operation.location.reference)/examples`, and every error shape of its section."
            ),
            kind: .finalClass, name: testClassName(operation), conformances: ["XCTestCase"], members: members
        )
    }

    /// `func testName() throws { … }`.
    private static func test(_ name: String, docs: DocComment, _ body: [Statement]) -> FunctionDeclaration {
        FunctionDeclaration(
            docs: docs, signature: FunctionSignature(kind: .function(name), throwing: .untyped), body: body)
    }

    private static func docs(_ example: Example) -> DocComment {
        var text = example.name
        if let description = example.description { text = description }
        while text.hasSuffix(".") { text.removeLast() }
        text = text.prefix(1).uppercased() + text.dropFirst()
        var line = text + " (\(example.provenance.rawValue))."
        if example.correction != nil { line += " The documentation's JSON was invalid and is corrected here." }
        return DocComment(line)
    }

    // MARK: Assertions

    private static func call(_ function: String, _ arguments: Expression...) -> Statement {
        .expression(.name(function).call(arguments.map { Argument($0) }))
    }

    /// `XCTAssertThrowsError(expression, message) { error in body }`.
    private static func assertThrows(_ expression: Expression, message: Expression? = nil, _ body: [Statement])
        -> Statement
    {
        var arguments = [Argument(expression)]
        if let message { arguments.append(Argument(message)) }
        return .expression(
            .name("XCTAssertThrowsError").call(arguments, trailingClosure: Closure(parameters: ["error"], body: body)))
    }

    /// `guard case .api(let apiError) = error as? TarlanError else { return XCTFail(…) }`.
    private static let unwrapAPIError = Statement.guard(
        [
            .pattern(
                .implicitMember("api").call(.name("let apiError")),
                .conditionalCast(.name("error"), .named("TarlanError")))
        ],
        else: [
            .return(
                .name("XCTFail").call(.interpolated([.text("expected an API error, got "), .value(.name("error"))])))
        ]
    )

    /// `Data(#"…"#.utf8)`: the example's bytes as compact JSON.
    private static func data(_ json: JSONValue) -> Expression {
        .name("Data").call(.rawString(CanonicalJSON.string(json)).dot("utf8"))
    }

    // MARK: Error shapes

    /// A code of the section's table to build an error body with; a section without a table gets a
    /// code of its own (the test only checks that the code comes back).
    private struct ErrorSample {
        var code = 999
        var message = "error"
        var httpStatus: Int?
        /// The code's case in the section's table.
        var caseName: String?

        init(_ code: ErrorCode?) {
            guard let code else { return }
            self.code = code.code
            if let message = code.message { self.message = message }
            httpStatus = code.httpStatus
            caseName = code.caseName
        }
    }

    /// Every error shape the operation's section knows, each built with a code of the section's table,
    /// must throw `.api` with that code: no failure reads as success.
    private static func errorShapesTest(_ checked: CheckedOperation, _ tables: [CheckedSection]) -> FunctionDeclaration
    {
        let operation = checked.operation
        let section = checked.section.section
        let table = checked.section.errorCodes
        let expected = ErrorSample(table?.expectedSample)
        let unexpected = ErrorSample(table?.unexpectedSample)
        func envelope(_ sample: ErrorSample) -> JSONValue {
            [
                "status": false, "status_code": .number(JSONNumber(sample.code)), "message": .string(sample.message),
                "result": [:],
            ]
        }
        var shapes: [(status: Int, body: JSONValue, sample: ErrorSample)] = []
        for format in section.errorFormats {
            switch format {
            case .old:
                shapes.append((200, envelope(expected), expected))
            case .newUnexpected, .acquiring:
                var status = 400
                if let documented = unexpected.httpStatus { status = documented }
                shapes.append((status, envelope(unexpected), unexpected))
            case .newExpected:
                let result: JSONValue = [
                    "error_code": .number(JSONNumber(expected.code)), "message": .string(expected.message),
                    "data": [:], "additional_data": [:],
                ]
                shapes.append(
                    (200, ["status": true, "status_code": 0, "message": "Success", "result": result], expected))
            case .oldTree:
                let result: JSONValue = [
                    "error_code": .number(JSONNumber(expected.code)), "message": .string(expected.message),
                    "data": .null,
                ]
                shapes.append((200, ["result": result], expected))
            }
        }
        let descriptor = Expression.name("TarlanOperations").dot(operation.id)
        let apiError = Expression.name("apiError")
        let shape = Expression.name("shape")
        var checks: [Statement] = [
            unwrapAPIError,
            call("XCTAssertEqual", apiError.dot("code"), shape.dot("code")),
            call(
                "XCTAssertTrue", descriptor.dot("errorFormats").dot("contains").call(apiError.dot("format")),
                .interpolated([.value(apiError.dot("format"))])
            ),
        ]
        var shapeElements = [
            TupleTypeElement(label: "status", type: .named("Int")),
            TupleTypeElement(label: "body", type: .named("String")),
            TupleTypeElement(label: "code", type: .named("Int")),
        ]
        if let table {
            // The code as the table's case, as the schema names it.
            shapeElements.append(TupleTypeElement(label: "typedCode", type: .named(table.definition.name)))
            checks.append(
                call("XCTAssertEqual", apiError.dot(EnumLowering.errorCodeProperty(section)), shape.dot("typedCode")))
        }
        for other in tables where other.section.id != section.id {
            checks.append(call("XCTAssertNil", apiError.dot(EnumLowering.errorCodeProperty(other.section))))
        }
        let decode = Expression.try(
            .name("ResponseInterpreter").dot("decode").call([
                Argument(SwiftTypes.metatype(of: operation.result)), Argument("for", descriptor),
                Argument("from", .name("response")),
            ]))
        let response = Expression.name("HTTPResponse").call([
            Argument("statusCode", shape.dot("status")),
            Argument("body", .name("Data").call(shape.dot("body").dot("utf8"))),
        ])
        return test(
            "testEveryErrorShapeOfTheSectionThrows",
            docs: DocComment(
                "Every error shape of the \(section.id) section (\(section.errorFormats.map(\.rawValue).joined(separator: ", "))) throws `.api`."
            ),
            [
                .binding(
                    .let, "shapes", .array(.tuple(shapeElements)),
                    .array(
                        shapes.map { shape in
                            var elements: [Expression] = [
                                .integer(shape.status), .rawString(CanonicalJSON.string(shape.body)),
                                .integer(shape.sample.code),
                            ]
                            if let caseName = shape.sample.caseName {
                                elements.append(.implicitMember(SwiftNames.escaped(caseName)))
                            }
                            return .tuple(elements)
                        })),
                .for(
                    "shape", nil, in: .name("shapes"),
                    [
                        .binding(.let, "response", nil, response),
                        assertThrows(decode, message: shape.dot("body"), checks),
                    ]),
            ]
        )
    }

    // MARK: Callbacks

    private static func testCase(_ checked: CheckedCallback) -> TypeDeclaration {
        let callback = checked.callback
        var members: [Declaration] = checked.examples.map { .function(callbackTest($0, checked)) }
        for example in checked.examples {
            guard case .payload(let payload) = example.content, let signature = payload.signature else { continue }
            members += shapeTests(example.example, payload.body, signature, checked).map { .function($0) }
            break
        }
        return TypeDeclaration(
            docs: DocComment(
                "Fixtures of the `\(callback.id)` callback from `\(callback.location.reference)/examples`."),
            kind: .finalClass, name: testClassName(callback), conformances: ["XCTestCase"], members: members
        )
    }

    // MARK: Callback shapes

    /// A correctly signed callback is never refused for its shape: without a documented-required field,
    /// with a value of another plausible kind, with unknown fields, with an unreadable value; what it
    /// reads is always the example's values as the schema writes them. A missing, empty or wrong
    /// signature always is refused.
    private static func shapeTests(
        _ example: Example, _ typed: TypedValue, _ signature: CheckedExample.PayloadSignature,
        _ checked: CheckedCallback
    ) -> [FunctionDeclaration] {
        guard let members = example.body.objectValue else { return [] }
        let callback = checked.callback
        let isQuery = callback.payloadPlacement == .query
        let fields = checked.payload.fields
        let rules = Expression.name(ClientLowering.clientName(checked.section.section)).dot("section").dot("signing")
        let secret = Expression.name("secret")
        let object = Expression.name("object")
        let verifier = Expression.name("WebhookVerifier").call([Argument("secret", secret)])
        func headerValue(_ body: Expression) -> Expression {
            .name("Signer").dot("headerValue").call([
                Argument("for", body), Argument("secret", secret), Argument("rules", rules),
            ])
        }
        // Each documented-required field, with the keys it may arrive under.
        let required = fields.filter(\.required).map { field in
            Expression.tuple([.string(field.name), .strings([field.name] + field.aliases)])
        }
        // Each scalar the example sends, as another kind a drifting server could plausibly send.
        var drifts: [Expression] = []
        for (key, value) in members.sorted(by: { $0.key < $1.key }) {
            guard let drifted = drift(value) else { continue }
            drifts.append(.tuple([.string(key), SwiftTypes.json(drifted)]))
        }
        let scalarKeys = fields.filter { field in
            switch field.type {
            case .string, .integer, .number, .decimal, .boolean, .timestamp: members[field.name] != nil
            default: false
            }
        }.map(\.name)
        let callbackURL = Expression.string("https://merchant.example/callback?")
        let verify: [Statement]
        if isQuery {
            let url = Expression.forceUnwrap(
                .name("URL").call([
                    Argument("string", .binary(callbackURL, "+", .name("query")))
                ]))
            let typed = Expression.name("QueryTyping").dot("object").call([
                Argument("from", .name("url")),
                Argument("fields", .name("TarlanCallbacks").dot(callback.id).dot("payloadFields")),
            ])
            verify = [
                .binding(.let, "query", nil, .name("RequestBuilder").dot("queryString").call(object)),
                .binding(.let, "url", nil, url),
                .binding(.let, "typed", nil, typed),
                .binding(.let, "header", nil, headerValue(.name("typed"))),
                .return(
                    .try(
                        verifier.dot(callback.id).call([
                            Argument("url", .name("url")), Argument("signatureHeader", .name("header")),
                        ]))),
            ]
        } else {
            verify = [
                .binding(.let, "header", nil, headerValue(.implicitMember("object").call(object))),
                .binding(
                    .let, "body", nil,
                    .name("Data").call(
                        .name("CanonicalJSON").dot("encode").call(.implicitMember("object").call(object)))),
                .return(
                    .try(
                        verifier.dot(callback.id).call([
                            Argument("body", .name("body")), Argument("signatureHeader", .name("header")),
                        ]))),
            ]
        }
        let verifyFunction = FunctionDeclaration(
            signature: FunctionSignature(
                kind: .function("verify"),
                parameters: [
                    Parameter(
                        label: nil, name: "object", type: .dictionary(key: .named("String"), value: .named("JSONValue"))
                    )
                ],
                throwing: .untyped, returnType: .generic("VerifiedCallback", [.named(callback.payloadModel)])
            ),
            body: verify
        )
        // The example as the object a server would sign and send, parsed from its JSON text.
        let exampleJSON = Statement.binding(.let, "json", nil, .rawString(CanonicalJSON.string(example.body)))
        let parsedExample = Expression.try(
            .name("XCTUnwrap").call(
                .try(
                    .name("JSONParser").dot("parse").call(.name("Array").call(.name("json").dot("utf8"))).dot(
                        "objectValue")
                )))
        let secretValue = Expression.name("TarlanSecret").call(.string(signature.secret))
        func verified(_ name: String) -> Expression { .try(.name("verify").call(.name(name))) }
        func nilling(_ name: String) -> Statement {
            .expression(
                .name("keys").dot("forEach").call(
                    [], trailingClosure: Closure(body: [.assignment(.name(name).subscripted(.name("$0")), .nil)])
                ))
        }
        let expected = Expression.name("expected")
        var body: [Statement] = [
            .binding(.let, "secret", nil, secretValue),
            exampleJSON,
            .binding(.let, "example", nil, parsedExample),
            .binding(.let, "expected", nil, SwiftTypes.expression(of: typed)),
            .function(verifyFunction),
            .binding(.let, "original", nil, verified("example")),
            call("XCTAssertTrue", .name("original").dot("isComplete")),
            call("XCTAssertEqual", .name("original").dot("payload"), expected),
        ]
        if !required.isEmpty {
            let requiredType = TypeName.array(
                .tuple([
                    TupleTypeElement(type: .named("String")), TupleTypeElement(type: .array(.named("String"))),
                ]))
            body.append(.binding(.let, "required", requiredType, .array(required)))
            var loop: [Statement] = [
                .binding(.var, "absent", nil, .name("example")),
                nilling("absent"),
                call(
                    "XCTAssertEqual", verified("absent").dot("missingFields"), .array([.name("name")]),
                    .interpolated([.text("without "), .value(.name("name"))])
                ),
            ]
            if !isQuery {
                loop += [
                    .binding(.var, "null", nil, .name("example")),
                    nilling("null"),
                    .assignment(.name("null").subscripted(.name("name")), .implicitMember("null")),
                    call(
                        "XCTAssertEqual", verified("null").dot("missingFields"), .array([.name("name")]),
                        .interpolated([.value(.name("name")), .text(" null")])
                    ),
                ]
            }
            body.append(.for("(name, keys)", nil, in: .name("required"), loop))
        }
        if !isQuery {
            if !drifts.isEmpty {
                let driftType = TypeName.array(
                    .tuple([
                        TupleTypeElement(type: .named("String")), TupleTypeElement(type: .named("JSONValue")),
                    ]))
                body.append(.binding(.let, "drifts", driftType, .array(drifts)))
                body.append(
                    .for(
                        "(key, value)", nil, in: .name("drifts"),
                        [
                            .binding(.var, "drifted", nil, .name("example")),
                            .assignment(.name("drifted").subscripted(.name("key")), .name("value")),
                            .binding(.let, "verified", nil, verified("drifted")),
                            call(
                                "XCTAssertEqual", .name("verified").dot("payload"), expected,
                                .interpolated([.value(.name("key")), .text(" as "), .value(.name("value"))])
                            ),
                            call("XCTAssertEqual", .name("verified").dot("unreadableFields"), .array([]), .name("key")),
                        ]))
            }
            if !scalarKeys.isEmpty {
                let unexpected = Expression.dictionary([
                    DictionaryEntry(key: .string("unexpected"), value: .array([.integer(1), .string("shape")]))
                ])
                body.append(
                    .for(
                        "key", nil, in: .strings(scalarKeys),
                        [
                            .binding(.var, "odd", nil, .name("example")),
                            .assignment(.name("odd").subscripted(.name("key")), unexpected),
                            .binding(.let, "verified", nil, verified("odd")),
                            call(
                                "XCTAssertEqual", .name("verified").dot("unreadableFields"), .array([.name("key")]),
                                .name("key")),
                            call(
                                "XCTAssertEqual", .name("verified").dot("fields").subscripted(.name("key")), unexpected,
                                .string("the value that arrived is kept")
                            ),
                        ]))
            }
            let nested = Expression.dictionary([
                DictionaryEntry(
                    key: .string("nested"), value: .array([.integer(1), .string("x"), .implicitMember("null")]))
            ])
            body += [
                .binding(.var, "extended", nil, .name("example")),
                .assignment(.name("extended").subscripted(.string("undocumented_field")), nested),
                .binding(.let, "verified", nil, verified("extended")),
                call("XCTAssertEqual", .name("verified").dot("payload"), expected),
                call(
                    "XCTAssertEqual", .name("verified").dot("fields").subscripted(.string("undocumented_field")), nested
                ),
            ]
        }
        let input =
            isQuery
            ? Argument(
                "url",
                .forceUnwrap(
                    .name("URL").call([
                        Argument(
                            "string",
                            .binary(
                                callbackURL, "+", .name("RequestBuilder").dot("queryString").call(.name("example"))
                            ))
                    ])))
            : Argument(
                "body",
                .name("Data").call(
                    .name("CanonicalJSON").dot("encode").call(.implicitMember("object").call(.name("example")))))
        func refused(_ verifier: String, _ header: String, _ error: String) -> Statement {
            assertThrows(
                .try(.name(verifier).dot(callback.id).call([input, Argument("signatureHeader", .name(header))])),
                [
                    call(
                        "XCTAssertEqual", .conditionalCast(.name("error"), .named("WebhookError")),
                        .implicitMember(error))
                ]
            )
        }
        let foreign = Expression.dictionary([DictionaryEntry(key: .string("other"), value: .string("body"))])
        let refusals: [Statement] = [
            .binding(.let, "secret", nil, secretValue),
            exampleJSON,
            .binding(.let, "example", nil, parsedExample),
            .binding(.let, "verifier", nil, verifier),
            .for(
                "header", nil,
                in: .cast(.array([.nil, .string(""), .string("  ")]), .array(.optional(.named("String")))),
                [
                    refused("verifier", "header", "missingSignature")
                ]),
            .binding(.let, "foreign", nil, headerValue(foreign)),
            refused("verifier", "foreign", "invalidSignature"),
            .binding(
                .let, "wrongSecret", nil,
                .name("WebhookVerifier").call([
                    Argument("secret", .name("TarlanSecret").call(.string("not-the-secret")))
                ])),
            .binding(.let, "header", nil, headerValue(.implicitMember("object").call(.name("example")))),
            refused("wrongSecret", "header", "invalidSignature"),
        ]
        return [
            test(
                "testASignedPayloadIsNeverRefusedForItsShape",
                docs: DocComment(
                    "A signed payload is never refused for its shape: missing, drifted, unknown and unreadable fields are data."
                ),
                body
            ),
            test(
                "testABadSignatureIsAlwaysRefused",
                docs: DocComment("A missing, empty, foreign or wrongly keyed signature is always refused."),
                refusals
            ),
        ]
    }

    /// The same scalar as another JSON kind a drifting server could send, when it still reads back the same.
    private static func drift(_ value: JSONValue) -> JSONValue? {
        switch value {
        case .number(let number): return .string(number.text)
        case .string(let text): return JSONNumber(text: text).map(JSONValue.number)
        case .bool(let flag): return .string(flag ? "true" : "false")
        default: return nil
        }
    }

    private static func callbackTest(_ checked: CheckedExample, _ owner: CheckedCallback) -> FunctionDeclaration {
        let example = checked.example
        let callback = owner.callback
        var body: [Statement] = []
        switch checked.content {
        case .payload(let payload):
            if let signed = payload.signature {
                body = signedPayloadTest(example, payload.body, signed, owner)
            } else {
                body = decodeTest(example, callback.payloadModel, payload.body)
            }
        case .reply(let reply):
            body = decodeTest(example, reply.model, reply.body)
        case .request, .response:
            break
        }
        return test(testMethodName(example.name), docs: docs(example), body)
    }

    /// Decodes the example with `JSONDecoder` and asserts every value.
    private static func decodeTest(_ example: Example, _ model: String, _ typed: TypedValue) -> [Statement] {
        let decode = Expression.try(
            .name("JSONDecoder").call().dot("decode").call([
                Argument(.metatype(.named(model))), Argument("from", .name("body")),
            ]))
        return [
            .binding(.let, "body", nil, data(example.body)),
            .binding(.let, "decoded", .optional(.named(model)), decode),
        ] + assert(typed, at: .name("decoded"))
    }

    /// Verifies the signed example and asserts every value; a tampered signature is refused.
    private static func signedPayloadTest(
        _ example: Example, _ typed: TypedValue, _ signed: CheckedExample.PayloadSignature, _ owner: CheckedCallback
    ) -> [Statement] {
        let callback = owner.callback
        let signing = owner.section.section.signing
        let signature = signed.signature
        let input = callback.payloadPlacement == .query ? "url" : "body"
        var body: [Statement] = []
        if callback.payloadPlacement == .query {
            var query = ""
            if case .object(let members) = example.body { query = RequestBuilder.queryString(members) }
            body.append(
                .binding(
                    .let, "url", nil,
                    .forceUnwrap(
                        .name("URL").call([
                            Argument("string", .string("https://merchant.example/callback?" + query))
                        ]))))
        } else {
            body.append(.binding(.let, "body", nil, data(example.body)))
        }
        var verifierArguments = [Argument("secret", .name("TarlanSecret").call(.string(signed.secret)))]
        if let form = example.canonicalForm, form != signing.canonicalForm {
            // Signed in another form than the section's.
            verifierArguments.append(Argument("alsoAccepting", .array([.implicitMember(form.rawValue)])))
        }
        let header = signing.valuePrefix + signature
        let tampered = signing.valuePrefix + String(signature.dropLast()) + (signature.hasSuffix("0") ? "1" : "0")
        func verify(_ header: String) -> Expression {
            .try(
                .name("verifier").dot(callback.id).call([
                    Argument(input, .name(input)), Argument("signatureHeader", .string(header)),
                ]))
        }
        body += [
            .binding(.let, "verifier", nil, .name("WebhookVerifier").call(verifierArguments)),
            .binding(.let, "verified", nil, verify(header)),
            .binding(.let, "payload", .optional(.named(callback.payloadModel)), .name("verified").dot("payload")),
        ]
        body += assert(typed, at: .name("payload"))
        body.append(
            assertThrows(
                verify(tampered),
                [
                    call(
                        "XCTAssertEqual", .conditionalCast(.name("error"), .named("WebhookError")),
                        .implicitMember("invalidSignature"))
                ]))
        return body
    }

    // MARK: Responses

    private static func responseTest(
        _ example: Example, _ response: CheckedExample.Response, _ checked: CheckedOperation
    ) -> FunctionDeclaration {
        let operation = checked.operation
        let decode = Expression.try(
            .name("ResponseInterpreter").dot("decode").call([
                Argument(SwiftTypes.metatype(of: operation.result)),
                Argument("for", .name("TarlanOperations").dot(operation.id)),
                Argument("from", .name("response")),
            ]))
        var body: [Statement] = [
            .binding(.let, "body", nil, data(example.body)),
            .binding(
                .let, "response", nil,
                .name("HTTPResponse").call([
                    Argument("statusCode", .integer(response.httpStatus)), Argument("body", .name("body")),
                ])),
        ]
        switch response.outcome {
        case .apiError(let format, let code, let message):
            let apiError = Expression.name("apiError")
            var expectedCode = Expression.nil
            if let code { expectedCode = .integer(code) }
            body.append(
                assertThrows(
                    decode,
                    [
                        unwrapAPIError,
                        call("XCTAssertEqual", apiError.dot("format"), .implicitMember(format.rawValue)),
                        call("XCTAssertEqual", apiError.dot("code"), expectedCode),
                        call("XCTAssertEqual", apiError.dot("message"), .string(message)),
                        call("XCTAssertEqual", apiError.dot("httpStatus"), .integer(response.httpStatus)),
                        call("XCTAssertEqual", apiError.dot("operationID"), .string(operation.id)),
                    ]))
        case .success(let typed):
            body.append(.binding(.let, "result", .optional(SwiftTypes.type(of: operation.result)), decode))
            if let typed { body += assert(typed, at: .name("result")) }
        }
        return test(testMethodName(example.name), docs: docs(example), body)
    }

    /// `path` is an optional-chained expression whose value is optional. `isOptional` says whether
    /// its last link is declared optional, so the next link needs `?` (a required field, or an
    /// array element, continues the chain without one: `?.` after a non-optional does not compile).
    private static func assert(_ value: TypedValue, at path: Expression, isOptional: Bool = true) -> [Statement] {
        let chained = isOptional ? path.optional : path
        switch value {
        case .null:
            return [call("XCTAssertNil", path)]
        case .model(let model):
            var lines: [Statement] = []
            for typed in model.fields {
                let field = typed.field
                let member = chained.dot(SwiftNames.escaped(field.propertyName))
                guard let fieldValue = typed.value else {
                    if !field.requiredInSwift { lines.append(call("XCTAssertNil", member)) }
                    continue
                }
                lines += assert(fieldValue, at: member, isOptional: !field.requiredInSwift)
            }
            return lines
        case .array(let elements):
            var lines: [Statement] = [call("XCTAssertEqual", chained.dot("count"), .integer(elements.count))]
            for (index, element) in elements.enumerated() {
                lines += assert(element, at: chained.subscripted(.integer(index)), isOptional: false)
            }
            return lines
        default:
            return [call("XCTAssertEqual", path, SwiftTypes.expression(of: value))]
        }
    }

    // MARK: Requests

    private static func requestTest(
        _ example: Example, _ request: CheckedExample.SignedRequest, _ checked: CheckedOperation
    ) -> FunctionDeclaration {
        let operation = checked.operation
        let section = checked.section.section
        let signing = section.signing
        let secret = Expression.name("TarlanSecret").call(.string(request.secret))
        var body: [Statement] = [.binding(.let, "request", nil, SwiftTypes.expression(of: request.body))]
        if let form = example.canonicalForm, form != signing.canonicalForm {
            // Signed in another form than the section's: the client would not send it, so check the signer.
            let rules = Expression.name(ClientLowering.clientName(section)).dot("section").dot("signing")
            let signed = Expression.name("Signer").dot("signingBytes").call([
                Argument(.name("json")), Argument("rules", rules), Argument("form", .implicitMember(form.rawValue)),
            ])
            let signature = Expression.name("Signer").dot("signature").call([
                Argument("for", .name("json")), Argument("secret", secret), Argument("rules", rules),
                Argument("form", .implicitMember(form.rawValue)),
            ])
            body += [
                .binding(.let, "json", nil, .try(.name("request").dot("json").call())),
                .binding(.let, "signed", nil, signed),
                call("XCTAssertEqual", utf8String(.name("signed")), .rawString(request.canonical)),
                call("XCTAssertEqual", signature, .string(request.signature)),
            ]
            return test(testMethodName(example.name), docs: docs(example), body)
        }
        let prepared = Expression.name("prepared")
        body += [
            .binding(
                .let, "prepared", nil,
                .try(
                    .name("RequestBuilder").dot("prepare").call([
                        Argument(.name("TarlanOperations").dot(operation.id)),
                        Argument(.name("request")),
                        Argument(
                            "baseURL",
                            .forceUnwrap(.name("URL").call([Argument("string", .string("https://tarlan.example"))]))),
                        Argument("secret", secret),
                    ]))),
            call("XCTAssertEqual", prepared.dot("signedJSON"), .rawString(request.canonical)),
            call("XCTAssertEqual", prepared.dot("signature"), .string(request.signature)),
            call(
                "XCTAssertEqual", prepared.dot("request").dot("headers").subscripted(.string(signing.headerName)),
                .string(signing.valuePrefix + request.signature)
            ),
        ]
        switch operation.requestPlacement {
        case .body:
            // The wire body is the whole request in the section's form.
            let wire = String(decoding: CanonicalJSON.encode(example.body, form: signing.canonicalForm), as: UTF8.self)
            let sent = prepared.dot("request").dot("body").dot("map").call(
                [], trailingClosure: Closure(body: [.expression(utf8String(.name("$0")))])
            )
            body.append(call("XCTAssertEqual", sent, .rawString(wire)))
        case .query:
            var query = ""
            if case .object(let members) = example.body { query = RequestBuilder.queryString(members) }
            body.append(call("XCTAssertNil", prepared.dot("request").dot("body")))
            body.append(call("XCTAssertEqual", prepared.dot("request").dot("url").dot("query"), .string(query)))
        }
        return test(testMethodName(example.name), docs: docs(example), body)
    }

    /// `String(decoding: bytes, as: UTF8.self)`.
    private static func utf8String(_ bytes: Expression) -> Expression {
        .name("String").call([Argument("decoding", bytes), Argument("as", .metatype(.named("UTF8")))])
    }

    // MARK: Signature vectors

    static func vectorsFile(_ schema: CheckedSchema) -> SwiftFile {
        SwiftFile(
            name: "SignatureVectorTests.swift",
            imports: ["Foundation", "TarlanPayments", "XCTest"],
            declarations: [
                .type(
                    TypeDeclaration(
                        docs: DocComment(
                            "The signature vectors of the reference's section 2, from `signatureVectors` in the schema."
                        ),
                        kind: .finalClass, name: vectorsClassName, conformances: ["XCTestCase"],
                        members: schema.signatureVectors.map { .function(vectorTest($0)) }
                    ))
            ]
        )
    }

    private static func vectorTest(_ checked: CheckedVector) -> FunctionDeclaration {
        let vector = checked.vector
        let secret = Expression.name("TarlanSecret").call(.string(vector.secret))
        // A vector without a form holds in every form: switching the section's form keeps it valid.
        var forms = CanonicalForm.allCases
        if let form = vector.canonicalForm { forms = [form] }
        let form = Expression.name("form")
        let formMessage = Expression.interpolated([.value(form)])
        let rulesAndForm = [Argument("rules", .name("rules")), Argument("form", form)]
        var checks: [Statement] = [
            .binding(
                .let, "bytes", nil, .name("Signer").dot("signingBytes").call([Argument(.name("input"))] + rulesAndForm)),
            call("XCTAssertEqual", utf8String(.name("bytes")), .rawString(vector.canonical), formMessage),
        ]
        if let base64 = vector.base64 {
            checks.append(
                call(
                    "XCTAssertEqual", .name("Data").call(.name("bytes")).dot("base64EncodedString").call(),
                    .string(base64)
                ))
        }
        checks += [
            .binding(
                .let, "signature", nil,
                .name("Signer").dot("signature").call(
                    [Argument("for", .name("input")), Argument("secret", secret)] + rulesAndForm
                )),
            call("XCTAssertEqual", .name("signature"), .string(vector.signature), formMessage),
            // The header a server would send with the schema's signature verifies.
            call(
                "XCTAssertTrue",
                .name("Signer").dot("verify").call(
                    [
                        Argument(
                            "headerValue", .string(checked.section.section.signing.valuePrefix + vector.signature)),
                        Argument("body", .name("input")), Argument("secret", secret),
                    ] + rulesAndForm
                )),
        ]
        var description = vector.id
        if let text = vector.description { description = text }
        return test(
            testMethodName(vector.id), docs: DocComment(description + " (\(vector.provenance.rawValue))."),
            [
                .binding(.let, "json", nil, .rawString(CanonicalJSON.string(vector.input))),
                .binding(
                    .let, "input", nil,
                    .try(
                        .name("JSONParser").dot("parse").call(
                            .name("Array").call(.name("json").dot("utf8"))
                        ))),
                .binding(
                    .let, "rules", nil,
                    .name(ClientLowering.clientName(checked.section.section)).dot("section").dot("signing")),
                .for("form", .named("CanonicalForm"), in: .array(forms.map { .implicitMember($0.rawValue) }), checks),
            ]
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
