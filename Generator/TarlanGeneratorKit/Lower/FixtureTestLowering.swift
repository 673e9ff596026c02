import TarlanCore

/// Lowers examples and signature vectors to XCTest cases that exercise the generated module.
///
/// Response examples are decoded and every value is asserted; request examples are encoded,
/// canonicalised and signed and compared with the fixture; vectors are signed and compared.
enum FixtureTestLowering {
    static func fixturesFile(_ schema: CheckedSchema) -> SwiftFile {
        let callbacks = schema.callbacks.filter { !$0.examples.isEmpty }
        let tables = schema.sections.filter { $0.errorCodes != nil }
        return SwiftFile(
            name: "FixtureTests.swift",
            imports: ["Foundation", "TarlanPayments", "XCTest"],
            declarations: schema.operations.map { .type(testCase($0, tables)) } + callbacks.map { .type(testCase($0)) }
        )
    }

    private static func testCase(_ checked: CheckedOperation, _ tables: [CheckedSection]) -> TypeDeclaration {
        let operation = checked.operation
        var members: [Declaration] = []
        for example in checked.examples {
            switch example.content {
            case .request(let request): members.append(.function(requestTest(example.example, request, checked)))
            case .response(let response): members.append(.function(responseTest(example.example, response, checked)))
            case .payload, .reply: break
            }
        }
        members.append(.function(errorShapesTest(checked, tables)))
        return TypeDeclaration(
            kind: .finalClass, name: testClassName(operation), access: "",
            conformances: ["XCTestCase"],
            docs: ["Fixtures of `\(operation.id)` from `\(operation.location.reference)/examples`, and every error shape of its section."],
            members: members
        )
    }

    // MARK: Error shapes

    /// Every error shape the operation's section knows, each built with a code of the section's table,
    /// must throw `.api` with that code: no failure reads as success.
    private static func errorShapesTest(_ checked: CheckedOperation, _ tables: [CheckedSection]) -> Function {
        let operation = checked.operation
        let section = checked.section.section
        let table = checked.section.errorCodes
        func code(_ sample: ErrorCode?) -> (Int, String, Int?) {
            (sample?.code ?? 999, sample?.message ?? "error", sample?.httpStatus)
        }
        let expected = table?.expectedSample
        let unexpected = table?.unexpectedSample
        var shapes: [(status: Int, body: JSONValue, code: Int)] = []
        for format in section.errorFormats {
            switch format {
            case .old:
                let (value, message, _) = code(expected)
                shapes.append((200, ["status": false, "status_code": .number(JSONNumber(value)), "message": .string(message), "result": [:]], value))
            case .newUnexpected, .acquiring:
                let (value, message, status) = code(unexpected)
                let body: JSONValue = ["status": false, "status_code": .number(JSONNumber(value)), "message": .string(message), "result": [:]]
                shapes.append((status ?? 400, body, value))
            case .newExpected:
                let (value, message, _) = code(expected)
                let result: JSONValue = ["error_code": .number(JSONNumber(value)), "message": .string(message), "data": [:], "additional_data": [:]]
                shapes.append((200, ["status": true, "status_code": 0, "message": "Success", "result": result], value))
            case .oldTree:
                let (value, message, _) = code(expected)
                shapes.append((200, ["result": ["error_code": .number(JSONNumber(value)), "message": .string(message), "data": .null]], value))
            }
        }
        let result = SwiftTypes.name(of: operation.result)
        let descriptor = "TarlanOperations.\(operation.id)"
        var checks: [CodeLine] = [
            .block("guard case .api(let apiError) = error as? TarlanError else", [
                .line("return XCTFail(\"expected an API error, got \\(error)\")")
            ]),
            .line("XCTAssertEqual(apiError.code, shape.code)"),
            .line("XCTAssertTrue(\(descriptor).errorFormats.contains(apiError.format), \"\\(apiError.format)\")"),
        ]
        if let table {
            checks.append(.line(
                "XCTAssertEqual(apiError.\(EnumLowering.errorCodeProperty(section)), \(table.definition.name)(rawValue: shape.code))"))
        }
        for other in tables where other.section.id != section.id {
            checks.append(.line("XCTAssertNil(apiError.\(EnumLowering.errorCodeProperty(other.section)))"))
        }
        return Function(
            docs: ["Every error shape of the \(section.id) section (\(section.errorFormats.map(\.rawValue).joined(separator: ", "))) throws `.api`."],
            head: "func testEveryErrorShapeOfTheSectionThrows", tail: " throws",
            body: [
                .wrapped(
                    open: "let shapes: [(status: Int, body: String, code: Int)] = [",
                    shapes.map { .line("(\($0.status), \(SwiftNames.rawStringLiteral(CanonicalJSON.string($0.body))), \($0.code)),") },
                    close: "]"),
                .block("for shape in shapes", [
                    .line("let response = HTTPResponse(statusCode: shape.status, body: Data(shape.body.utf8))"),
                    .wrapped(
                        open: "XCTAssertThrowsError(try ResponseInterpreter.decode(\(result).self, for: \(descriptor), from: response), shape.body) { error in",
                        checks, close: "}"),
                ]),
            ]
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

    private static func testCase(_ checked: CheckedCallback) -> TypeDeclaration {
        let callback = checked.callback
        var members: [Declaration] = checked.examples.map { .function(callbackTest($0, checked)) }
        for example in checked.examples {
            guard case .payload(let payload) = example.content, let signature = payload.signature else { continue }
            members += shapeTests(example.example, signature, checked).map { .function($0) }
            break
        }
        return TypeDeclaration(
            kind: .finalClass, name: testClassName(callback), access: "",
            conformances: ["XCTestCase"],
            docs: ["Fixtures of the `\(callback.id)` callback from `\(callback.location.reference)/examples`."],
            members: members
        )
    }

    // MARK: Callback shapes

    /// A correctly signed callback is never refused for its shape: without a documented-required field,
    /// with a value of another plausible kind, with unknown fields, with an unreadable value. A missing,
    /// empty or wrong signature always is.
    private static func shapeTests(
        _ example: Example, _ signature: CheckedExample.PayloadSignature, _ checked: CheckedCallback
    ) -> [Function] {
        guard let members = example.body.objectValue else { return [] }
        let callback = checked.callback
        let secret = signature.secret
        let client = ClientLowering.clientName(checked.section.section)
        let isQuery = callback.payloadPlacement == .query
        let payload = callback.payloadModel
        let fields = checked.payload.fields
        // Each documented-required field, with the keys it may arrive under.
        let required = fields.filter(\.required).map { field in
            "(\(SwiftNames.stringLiteral(field.name)), [" + ([field.name] + field.aliases).map(SwiftNames.stringLiteral).joined(separator: ", ") + "])"
        }
        // Each scalar the example sends, as another kind a drifting server could plausibly send.
        var drifts: [String] = []
        for key in members.keys.sorted() {
            guard let drifted = drift(members[key]!) else { continue }
            drifts.append("(\(SwiftNames.stringLiteral(key)), \(SwiftTypes.jsonExpression(drifted)))")
        }
        let scalarKeys = fields.filter { field in
            switch field.type {
            case .string, .integer, .number, .decimal, .boolean, .timestamp: members[field.name] != nil
            default: false
            }
        }.map { SwiftNames.stringLiteral($0.name) }
        let verify: [CodeLine]
        if isQuery {
            verify = [
                .line("let query = RequestBuilder.queryString(object)"),
                .line("let url = URL(string: \"https://merchant.example/callback?\" + query)!"),
                .line("let typed = QueryTyping.object(from: url, fields: TarlanCallbacks.\(callback.id).payloadFields)"),
                .line("let header = Signer.headerValue(for: typed, secret: secret, rules: \(client).section.signing)"),
                .line("return try WebhookVerifier(secret: secret).\(callback.id)(url: url, signatureHeader: header)"),
            ]
        } else {
            verify = [
                .line("let header = Signer.headerValue(for: .object(object), secret: secret, rules: \(client).section.signing)"),
                .line("let body = Data(CanonicalJSON.encode(.object(object)))"),
                .line("return try WebhookVerifier(secret: secret).\(callback.id)(body: body, signatureHeader: header)"),
            ]
        }
        var body: [CodeLine] = [
            .line("let secret = TarlanSecret(\(SwiftNames.stringLiteral(secret)))"),
            .line("let example = try XCTUnwrap(try JSONParser.parse(Array(\(SwiftNames.rawStringLiteral(CanonicalJSON.string(example.body))).utf8)).objectValue)"),
            .block("func verify(_ object: [String: JSONValue]) throws -> VerifiedCallback<\(payload)>", verify),
            .line("let original = try verify(example)"),
            .line("XCTAssertTrue(original.isComplete)"),
        ]
        if !required.isEmpty {
            body.append(.wrapped(open: "let required: [(String, [String])] = [", required.map { .line($0 + ",") }, close: "]"))
            body.append(.block("for (name, keys) in required", [
                .line("var absent = example"),
                .line("keys.forEach { absent[$0] = nil }"),
                .line("XCTAssertEqual(try verify(absent).missingFields, [name], \"without \\(name)\")"),
            ] + (isQuery ? [] : [
                .line("var null = example"),
                .line("keys.forEach { null[$0] = nil }"),
                .line("null[name] = .null"),
                .line("XCTAssertEqual(try verify(null).missingFields, [name], \"\\(name) null\")"),
            ])))
        }
        if !isQuery {
            if !drifts.isEmpty {
                body.append(.wrapped(open: "let drifts: [(String, JSONValue)] = [", drifts.map { .line($0 + ",") }, close: "]"))
                body.append(.block("for (key, value) in drifts", [
                    .line("var drifted = example"),
                    .line("drifted[key] = value"),
                    .line("let verified = try verify(drifted)"),
                    .line("XCTAssertEqual(verified.payload, original.payload, \"\\(key) as \\(value)\")"),
                    .line("XCTAssertEqual(verified.unreadableFields, [], key)"),
                ]))
            }
            if !scalarKeys.isEmpty {
                body.append(.block("for key in [\(scalarKeys.joined(separator: ", "))]", [
                    .line("var odd = example"),
                    .line("odd[key] = [\"unexpected\": [1, \"shape\"]]"),
                    .line("let verified = try verify(odd)"),
                    .line("XCTAssertEqual(verified.unreadableFields, [key], key)"),
                    .line("XCTAssertEqual(verified.fields[key], odd[key], \"the value that arrived is kept\")"),
                ]))
            }
            body += [
                .line("var extended = example"),
                .line("extended[\"undocumented_field\"] = [\"nested\": [1, \"x\", .null]]"),
                .line("let verified = try verify(extended)"),
                .line("XCTAssertEqual(verified.payload, original.payload)"),
                .line("XCTAssertEqual(verified.fields[\"undocumented_field\"], [\"nested\": [1, \"x\", .null]])"),
            ]
        }
        let input = isQuery ? "url: URL(string: \"https://merchant.example/callback?\" + RequestBuilder.queryString(example))!"
            : "body: Data(CanonicalJSON.encode(.object(example)))"
        let refusals: [CodeLine] = [
            .line("let secret = TarlanSecret(\(SwiftNames.stringLiteral(secret)))"),
            .line("let example = try XCTUnwrap(try JSONParser.parse(Array(\(SwiftNames.rawStringLiteral(CanonicalJSON.string(example.body))).utf8)).objectValue)"),
            .line("let verifier = WebhookVerifier(secret: secret)"),
            .block("for header in [nil, \"\", \"  \"] as [String?]", [
                .wrapped(open: "XCTAssertThrowsError(try verifier.\(callback.id)(\(input), signatureHeader: header)) { error in", [
                    .line("XCTAssertEqual(error as? WebhookError, .missingSignature)")
                ], close: "}")
            ]),
            .line("let foreign = Signer.headerValue(for: [\"other\": \"body\"], secret: secret, rules: \(client).section.signing)"),
            .wrapped(open: "XCTAssertThrowsError(try verifier.\(callback.id)(\(input), signatureHeader: foreign)) { error in", [
                .line("XCTAssertEqual(error as? WebhookError, .invalidSignature)")
            ], close: "}"),
            .line("let wrongSecret = WebhookVerifier(secret: TarlanSecret(\"not-the-secret\"))"),
            .line("let header = Signer.headerValue(for: .object(example), secret: secret, rules: \(client).section.signing)"),
            .wrapped(open: "XCTAssertThrowsError(try wrongSecret.\(callback.id)(\(input), signatureHeader: header)) { error in", [
                .line("XCTAssertEqual(error as? WebhookError, .invalidSignature)")
            ], close: "}"),
        ]
        return [
            Function(
                docs: ["A signed payload is never refused for its shape: missing, drifted, unknown and unreadable fields are data."],
                head: "func testASignedPayloadIsNeverRefusedForItsShape", tail: " throws", body: body),
            Function(
                docs: ["A missing, empty, foreign or wrongly keyed signature is always refused."],
                head: "func testABadSignatureIsAlwaysRefused", tail: " throws", body: refusals),
        ]
    }

    /// `, alsoAccepting: [.form]` when the example is signed in a form other than its section's.
    private static func alsoAccepting(_ example: Example, _ signing: SigningRules) -> String {
        guard let form = example.canonicalForm, form != signing.canonicalForm else { return "" }
        return ", alsoAccepting: [.\(form.rawValue)]"
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

    private static func callbackTest(_ checked: CheckedExample, _ owner: CheckedCallback) -> Function {
        let example = checked.example
        let callback = owner.callback
        let model: String
        let typed: TypedValue
        var signed: CheckedExample.PayloadSignature?
        switch checked.content {
        case .payload(let payload):
            (model, typed, signed) = (callback.payloadModel, payload.body, payload.signature)
        case .reply(let reply):
            (model, typed) = (owner.reply?.name ?? callback.payloadModel, reply)
        case .request, .response:
            (model, typed) = (callback.payloadModel, .null)
        }
        let json = SwiftNames.rawStringLiteral(CanonicalJSON.string(example.body))
        var body: [CodeLine] = []
        if let signed {
            let signing = owner.section.section.signing
            let (secret, signature) = (signed.secret, signed.signature)
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
                .line("let verifier = WebhookVerifier(secret: TarlanSecret(\(SwiftNames.stringLiteral(secret)))\(alsoAccepting(example, signing)))"),
                .line("let verified = try verifier.\(callback.id)(\(input): \(input), signatureHeader: \(SwiftNames.stringLiteral(header)))"),
                .line("let payload: \(model)? = verified.payload"),
            ]
            body += assert(typed, at: "payload")
            let call = "try verifier.\(callback.id)(\(input): \(input), signatureHeader: \(SwiftNames.stringLiteral(tampered)))"
            body.append(.wrapped(open: "XCTAssertThrowsError(\(call)) { error in", [
                .line("XCTAssertEqual(error as? WebhookError, .invalidSignature)")
            ], close: "}"))
        } else {
            body += [
                .line("let body = Data(\(json).utf8)"),
                .line("let decoded: \(model)? = try JSONDecoder().decode(\(model).self, from: body)"),
            ]
            body += assert(typed, at: "decoded")
        }
        return Function(docs: docs(example), head: "func \(testMethodName(example.name))", tail: " throws", body: body)
    }

    // MARK: Responses

    private static func responseTest(
        _ example: Example, _ response: CheckedExample.Response, _ checked: CheckedOperation
    ) -> Function {
        let operation = checked.operation
        let result = SwiftTypes.name(of: operation.result)
        var body: [CodeLine] = [
            .line("let body = Data(\(SwiftNames.rawStringLiteral(CanonicalJSON.string(example.body))).utf8)"),
            .line("let response = HTTPResponse(statusCode: \(response.httpStatus), body: body)"),
        ]
        switch response.outcome {
        case .apiError(let format, let code, let message):
            let call = "try ResponseInterpreter.decode(\(result).self, for: TarlanOperations.\(operation.id), from: response)"
            body.append(.wrapped(open: "XCTAssertThrowsError(\(call)) { error in", [
                .block("guard case .api(let apiError) = error as? TarlanError else", [
                    .line("return XCTFail(\"expected an API error, got \\(error)\")")
                ]),
                .line("XCTAssertEqual(apiError.format, .\(format.rawValue))"),
                .line("XCTAssertEqual(apiError.code, \(code.map(String.init) ?? "nil"))"),
                .line("XCTAssertEqual(apiError.message, \(SwiftNames.stringLiteral(message)))"),
                .line("XCTAssertEqual(apiError.httpStatus, \(response.httpStatus))"),
                .line("XCTAssertEqual(apiError.operationID, \(SwiftNames.stringLiteral(operation.id)))"),
            ], close: "}"))
        case .success(let typed):
            body.append(.line("let result: \(result)? = try ResponseInterpreter.decode(\(result).self, for: TarlanOperations.\(operation.id), from: response)"))
            if let typed { body += assert(typed, at: "result") }
        }
        return Function(docs: docs(example), head: "func \(testMethodName(example.name))", tail: " throws", body: body)
    }

    /// `path` is an optional-chained expression whose value is optional. `isOptional` says whether
    /// its last link is declared optional, so the next link needs `?` (a required field, or an
    /// array element, continues the chain without one: `?.` after a non-optional does not compile).
    private static func assert(
        _ value: TypedValue, at path: String, isOptional: Bool = true
    ) -> [CodeLine] {
        let link = isOptional ? "?" : ""
        switch value {
        case .null:
            return [.line("XCTAssertNil(\(path))")]
        case .model(let model):
            var lines: [CodeLine] = []
            for typed in model.fields {
                let (field, fieldValue) = (typed.field, typed.value)
                let member = "\(path)\(link).\(SwiftNames.escaped(SwiftNames.property(for: field)))"
                guard let fieldValue else {
                    if !field.requiredInSwift { lines.append(.line("XCTAssertNil(\(member))")) }
                    continue
                }
                lines += assert(fieldValue, at: member, isOptional: !field.requiredInSwift)
            }
            return lines
        case .array(let elements):
            var lines: [CodeLine] = [.line("XCTAssertEqual(\(path)\(link).count, \(elements.count))")]
            for (index, element) in elements.enumerated() {
                lines += assert(element, at: "\(path)\(link)[\(index)]", isOptional: false)
            }
            return lines
        default:
            return [.line("XCTAssertEqual(\(path), \(SwiftTypes.expression(of: value)))")]
        }
    }

    // MARK: Requests

    private static func requestTest(
        _ example: Example, _ request: CheckedExample.SignedRequest, _ checked: CheckedOperation
    ) -> Function {
        let operation = checked.operation
        let literal = SwiftTypes.expression(of: request.body)
        let section = checked.section.section
        let signing = section.signing
        let secret = "TarlanSecret(\(SwiftNames.stringLiteral(request.secret)))"
        var body: [CodeLine] = [.line("let request = \(literal)")]
        if let form = example.canonicalForm, form != signing.canonicalForm {
            // Signed in another form than the section's: the client would not send it, so check the signer.
            let rules = "\(ClientLowering.clientName(section)).section.signing"
            body += [
                .line("let json = try request.json()"),
                .line("let signed = Signer.signingBytes(json, rules: \(rules), form: .\(form.rawValue))"),
                .line("XCTAssertEqual(String(decoding: signed, as: UTF8.self), \(SwiftNames.rawStringLiteral(request.canonical)))"),
                .line("XCTAssertEqual(Signer.signature(for: json, secret: \(secret), rules: \(rules), form: .\(form.rawValue)), \(SwiftNames.stringLiteral(request.signature)))"),
            ]
            return Function(docs: docs(example), head: "func \(testMethodName(example.name))", tail: " throws", body: body)
        }
        body += [
            .wrapped(open: "let prepared = try RequestBuilder.prepare(", [
                .line("TarlanOperations.\(operation.id),"),
                .line("request,"),
                .line("baseURL: URL(string: \"https://tarlan.example\")!,"),
                .line("secret: \(secret)"),
            ], close: ")"),
            .line("XCTAssertEqual(prepared.signedJSON, \(SwiftNames.rawStringLiteral(request.canonical)))"),
            .line("XCTAssertEqual(prepared.signature, \(SwiftNames.stringLiteral(request.signature)))"),
        ]
        let value = signing.valuePrefix + request.signature
        body.append(.line("XCTAssertEqual(prepared.request.headers[\(SwiftNames.stringLiteral(signing.headerName))], \(SwiftNames.stringLiteral(value)))"))
        // The wire body is the whole request in the section's form.
        let wire = SwiftNames.rawStringLiteral(String(decoding: CanonicalJSON.encode(example.body, form: signing.canonicalForm), as: UTF8.self))
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

    static func vectorsFile(_ schema: CheckedSchema) -> SwiftFile {
        let vectors = schema.signatureVectors
        return SwiftFile(
            name: "SignatureVectorTests.swift",
            imports: ["Foundation", "TarlanPayments", "XCTest"],
            declarations: [.type(TypeDeclaration(
                kind: .finalClass, name: vectorsClassName, access: "", conformances: ["XCTestCase"],
                docs: ["The signature vectors of the reference's section 2, from `signatureVectors` in the schema."],
                members: vectors.map { .function(vectorTest($0)) }
            ))]
        )
    }

    private static func vectorTest(_ checked: CheckedVector) -> Function {
        let vector = checked.vector
        let client = ClientLowering.clientName(checked.section.section)
        let secret = "TarlanSecret(\(SwiftNames.stringLiteral(vector.secret)))"
        // A vector without a form holds in every form: switching the section's form keeps it valid.
        let forms = (vector.canonicalForm.map { [$0] } ?? CanonicalForm.allCases).map { ".\($0.rawValue)" }
        var checks: [CodeLine] = [
            .line("let bytes = Signer.signingBytes(input, rules: rules, form: form)"),
            .line("XCTAssertEqual(String(decoding: bytes, as: UTF8.self), \(SwiftNames.rawStringLiteral(vector.canonical)), \"\\(form)\")"),
        ]
        if let base64 = vector.base64 {
            checks.append(.line("XCTAssertEqual(Data(bytes).base64EncodedString(), \(SwiftNames.stringLiteral(base64)))"))
        }
        checks += [
            .line("let signature = Signer.signature(for: input, secret: \(secret), rules: rules, form: form)"),
            .line("XCTAssertEqual(signature, \(SwiftNames.stringLiteral(vector.signature)), \"\\(form)\")"),
            .line("XCTAssertTrue(Signer.verify(headerValue: signature, body: input, secret: \(secret), rules: rules, form: form))"),
        ]
        let body: [CodeLine] = [
            .line("let input = try JSONParser.parse(Array(\(SwiftNames.rawStringLiteral(CanonicalJSON.string(vector.input))).utf8))"),
            .line("let rules = \(client).section.signing"),
            .block("for form: CanonicalForm in [\(forms.joined(separator: ", "))]", checks),
        ]
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
