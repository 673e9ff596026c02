import XCTest

@testable import TarlanGeneratorKit
@testable import TarlanSchemaTools

/// Lowering and rendering, seen through exact snippets of the generated Swift for a tiny schema.
final class LoweringSnippetTests: XCTestCase {
    static let schema = #"""
        {
          "sections": {
            "shop": {
              "title": "Shop API",
              "swiftPrefix": "Shop",
              "servers": { "production": "https://shop.example.com", "sandbox": "https://sandbox.shop.example.com" },
              "signing": {
                "headerName": "Authorization", "valuePrefix": "Bearer ",
                "excludedTopLevelFields": [], "excludesEmptyStrings": false, "canonicalForm": "go"
              },
              "errorFormats": ["old", "newExpected"]
            }
          },
          "operations": {
            "createOrder": {
              "section": "shop",
              "summary": "Create an order",
              "documentation": "https://docs.example.com/orders",
              "method": "POST",
              "path": "/orders",
              "request": { "in": "body", "model": "CreateOrderRequest" },
              "response": { "result": { "ref": "Order" }, "description": "The new order." },
              "errorFormats": ["newExpected", "old"],
              "reconcile": { "note": "Look the order up by external_id in your own records." }
            }
          },
          "models": {
            "CreateOrderRequest": {
              "description": "What to order.",
              "fields": {
                "external_id": { "type": "string", "required": true, "description": "Your order id." },
                "redirect_url": { "type": "string" },
                "amount": { "type": "integer", "required": true }
              }
            },
            "Order": {
              "fields": {
                "id": { "type": "integer", "required": true },
                "is_paid": {
                  "type": "boolean", "accepts": ["string"], "documentedType": "String",
                  "quirk": "Documented as String, but the examples send a JSON boolean."
                },
                "qr_code_image": { "type": "string", "aliases": ["qr"] },
                "state": { "ref": "OrderState" }
              }
            }
          },
          "enums": {
            "OrderState": {
              "description": "Where an order is.",
              "rawType": "string",
              "cases": {
                "paid": { "value": "paid" },
                "pending": { "value": "open", "description": "Not paid yet." }
              }
            }
          }
        }
        """#

    private func generated(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let output = try GeneratorTestSupport.generate(
            [GeneratorTestSupport.file("Schema/shop.json", Self.schema)], file: file, line: line
        )
        return try XCTUnwrap(output.files[name], "no \(name)", file: file, line: line)
    }

    private func assertContains(
        _ text: String, _ snippet: String, file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertTrue(text.contains(snippet), "expected snippet not found:\n\(snippet)\n--- in ---\n\(text)", file: file, line: line)
    }

    func testModelStructWithMemberwiseInitAndJSONConformance() throws {
        let models = try generated("Models.swift")
        assertContains(models, """
            /// What to order.
            ///
            /// The request of ``ShopClient/createOrder(_:options:)``.
            ///
            /// - Remark: Generated from `shop.json#/models/CreateOrderRequest`.
            public struct CreateOrderRequest: Codable, Hashable, Sendable {
                /// JSON key: `amount`.
                public var amount: Int

                /// Your order id.
                ///
                /// JSON key: `external_id`.
                public var externalID: String

                /// JSON key: `redirect_url`.
                public var redirectURL: String?

                public init(amount: Int, externalID: String, redirectURL: String? = nil) {
                    self.amount = amount
                    self.externalID = externalID
                    self.redirectURL = redirectURL
                }

                public init(from decoder: any Decoder) throws {
                    self = try JSONCoding.decode(Self.self, from: decoder)
                }

                public func encode(to encoder: any Encoder) throws {
                    try JSONCoding.encode(self, to: encoder)
                }
            }

            extension CreateOrderRequest: JSONReadable, JSONWritable {
                package init(json: JSONValue, context: JSONReadContext) throws(JSONReadError) {
                    let object = try JSONObjectReader(json, model: "CreateOrderRequest", context: context)
                    self.amount = try object.require(object.int("amount"), "amount")
                    self.externalID = try object.require(object.string("external_id"), "external_id")
                    self.redirectURL = try object.string("redirect_url")
                }

                package func json() throws(JSONWriteError) -> JSONValue {
                    var object = JSONObjectWriter(capacity: 3)
                    object.set("amount", self.amount)
                    object.set("external_id", self.externalID)
                    object.set("redirect_url", self.redirectURL)
                    return object.value
                }
            }

            """)
    }

    func testModelWithAcceptsAndAliasesDecodesLeniently() throws {
        let models = try generated("Models.swift")
        assertContains(models, """
                /// - Note: Documented as `String`, but the examples send a JSON boolean.
                ///
                /// JSON key: `is_paid`. Also decoded from a JSON string.
                public var isPaid: Bool?

                /// JSON key: `qr_code_image`. Also decoded from the key `qr`.
                public var qrCodeImage: String?
            """)
        // Four parameters that fit in 120 columns: one line.
        assertContains(models, """
                public init(id: Int, isPaid: Bool? = nil, qrCodeImage: String? = nil, state: OrderState? = nil) {
            """)
        assertContains(models, """
                package init(json: JSONValue, context: JSONReadContext) throws(JSONReadError) {
                    let object = try JSONObjectReader(json, model: "Order", context: context)
                    self.id = try object.require(object.int("id"), "id")
                    self.isPaid = try object.bool("is_paid", accepting: [.string])
                    self.qrCodeImage = try object.string("qr_code_image", aliases: ["qr"])
                    self.state = try object.value(OrderState.self, "state")
                }
            """)
    }

    /// The documented type is said once, even when the quirk starts by saying it.
    func testDocumentedTypeIsStatedOnce() throws {
        let models = try generated("Models.swift")
        XCTAssertEqual(models.components(separatedBy: "Documented as").count - 1, 1, models)
    }

    func testOpenEnumWithUnknownCaseAndRawValueInit() throws {
        let enums = try generated("Enums.swift")
        XCTAssertEqual(enums, """
            // Generated by tarlan-generator from Schema/. Do not edit: edit the schema and rebuild.
            // swift-format-ignore-file
            // swiftlint:disable all

            import TarlanRuntime

            /// Where an order is.
            ///
            /// - Remark: Generated from `shop.json#/enums/OrderState`.
            public enum OrderState: Hashable, Sendable {
                /// Not paid yet.
                ///
                /// Value: `"open"`.
                case pending

                /// Value: `"paid"`.
                case paid

                /// A value the documentation does not list, kept as it arrived.
                case unknown(String)
            }

            extension OrderState: RawRepresentable, Codable {
                public init(rawValue: String) {
                    switch rawValue {
                    case "open": self = .pending
                    case "paid": self = .paid
                    default: self = .unknown(rawValue)
                    }
                }

                public var rawValue: String {
                    switch self {
                    case .pending: "open"
                    case .paid: "paid"
                    case .unknown(let value): value
                    }
                }

                /// Every case the documentation lists, in its order.
                public static let documentedCases: [OrderState] = [.pending, .paid]
            }

            extension OrderState: JSONReadable, JSONWritable {
                package init(json: JSONValue, context: JSONReadContext) throws(JSONReadError) {
                    self.init(rawValue: try String(json: json, context: context))
                }

                package func json() -> JSONValue {
                    rawValue.json()
                }
            }

            """)
    }

    func testClientMethod() throws {
        let clients = try generated("Clients.swift")
        assertContains(clients, """
                /// Create an order.
                ///
                /// `POST /orders`
                ///
                /// - Parameters:
                ///   - request: The request body; signed for you.
                ///   - options: Per-call options such as a timeout.
                /// - Returns: The response's `result`. The new order.
                /// - Throws: ``TarlanError``: `.api` when the server reports an error (old, newExpected format), `.http`,
                ///   `.decoding` or `.transport` otherwise.
                /// - SeeAlso: [Documentation](https://docs.example.com/orders)
                /// - Remark: Generated from `shop.json#/operations/createOrder`.
                public func createOrder(_ request: CreateOrderRequest, options: TarlanCallOptions = .init()) async throws -> Order {
                    try await core.perform(TarlanOperations.createOrder, request, returning: Order.self, options: options)
                }
            }

            """)
        assertContains(clients, "public struct ShopClient: Sendable {\n")
        // Production first, then sandbox.
        assertContains(clients, """
                        case .production: URL(string: "https://shop.example.com")!
                        case .sandbox: URL(string: "https://sandbox.shop.example.com")!
                        case .custom(let url): url
            """)
    }

    func testOperationDescriptor() throws {
        let operations = try generated("Operations.swift")
        assertContains(operations, """
                /// `POST /orders`: Create an order.
                package static let createOrder = OperationDescriptor(
                    id: "createOrder",
                    summary: "Create an order",
                    section: ShopClient.section,
                    method: .post,
                    path: "/orders",
                    requestLocation: .body,
                    requestFields: [
                        RequestField(name: "amount", kind: .integer, isRequired: true),
                        RequestField(name: "external_id", kind: .string, isRequired: true),
                        RequestField(name: "redirect_url", kind: .string, isRequired: false),
                    ],
                    errorFormats: [.old, .newExpected],
                    isIdempotent: false,
                    documentation: "https://docs.example.com/orders",
                    reconciliation: Reconciliation(
                        operationID: "createOrder",
                        statusOperationID: nil,
                        keyFields: [],
                        methodName: nil,
                        note: "Look the order up by external_id in your own records."
                    )
                )
            """)
        assertContains(operations, "    package static let all: [OperationDescriptor] = [createOrder]\n")
        assertContains(operations, """
                package static let dynamic: [DynamicOperation] = [
                    DynamicOperation(createOrder, request: CreateOrderRequest.self, result: Order.self),
                ]
            """)
    }

    // MARK: Layout (the renderer's line breaking)

    func testATypeWithManyMembersRendersThemInRunsExactlyAsOneAfterAnother() {
        // Enough members for the parallel path; compact and documented members alternate in
        // uneven stretches, so run boundaries fall both inside and between compact stretches.
        let count = SwiftRenderer.parallelItems + 45
        let members: [Declaration] = (0..<count).map { index in
            let documented = index % 7 == 3 || index % 11 == 0
            return .variable(
                VariableDeclaration(
                    docs: documented ? DocComment("Member \(index).") : .none,
                    access: .public, binding: .let, name: "member\(index)", type: .named("Int")
                ))
        }
        let type = TypeDeclaration(access: .public, kind: .struct, name: "Big", members: members)
        var expected = "public struct Big {\n"
        var previousDocumented: Bool?
        for index in 0..<count {
            let documented = index % 7 == 3 || index % 11 == 0
            // A blank line between members unless both are undocumented stored properties.
            if let previousDocumented, previousDocumented || documented { expected += "\n" }
            if documented { expected += "    /// Member \(index).\n" }
            expected += "    public let member\(index): Int\n"
            previousDocumented = documented
        }
        expected += "}\n"
        XCTAssertEqual(SwiftRenderer.render(.type(type)), expected)
    }

    func testALongListRendersItsElementsInRunsExactlyAsOneAfterAnother() {
        // Enough elements for the parallel path; every seventh is a call too long for one line, so
        // elements broken over several lines fall inside runs and at their edges.
        let count = SwiftRenderer.parallelItems + 45
        let long = String(repeating: "x", count: 100)
        let elements: [TarlanGeneratorKit.Expression] = (0..<count).map { index in
            index % 7 == 0
                ? .name("Entry").call([Argument("index", .integer(index)), Argument("text", .string(long))])
                : .string("element \(index)")
        }
        var expected = "[\n"
        for index in 0..<count {
            if index % 7 == 0 {
                expected += "    Entry(\n        index: \(index),\n        text: \"\(long)\"\n    ),\n"
            } else {
                expected += "    \"element \(index)\",\n"
            }
        }
        expected += "]"
        XCTAssertEqual(SwiftRenderer.render(.array(elements)), expected)
    }

    func testACallThatFitsStaysOnOneLine() {
        let call = Expression.name("OperationExample").call([
            Argument("operationID", .string("getBalance")), Argument("name", .string("request")),
            Argument("role", .implicitMember("request")), Argument("httpStatus", .nil),
        ])
        XCTAssertEqual(
            SwiftRenderer.render(call, indent: 2),
            #"        OperationExample(operationID: "getBalance", name: "request", role: .request, httpStatus: nil)"#
        )
    }

    func testACallThatDoesNotFitBreaksOneArgumentPerLineAndNestedCallsDecideAgain() {
        let fields = Expression.array((1...3).map { index in
            .name("RequestField").call([
                Argument("name", .string("field_\(index)")), Argument("kind", .implicitMember("string")),
                Argument("isRequired", .boolean(index == 1)),
            ])
        })
        let call = Expression.name("OperationDescriptor").call([
            Argument("id", .string("checkBalance")),
            Argument("summary", .string("Check the balance of the showcase")),
            Argument("requestFields", fields),
            Argument("documentation", .nil),
        ])
        XCTAssertEqual(SwiftRenderer.render(call, indent: 1), """
                OperationDescriptor(
                    id: "checkBalance",
                    summary: "Check the balance of the showcase",
                    requestFields: [
                        RequestField(name: "field_1", kind: .string, isRequired: true),
                        RequestField(name: "field_2", kind: .string, isRequired: false),
                        RequestField(name: "field_3", kind: .string, isRequired: false),
                    ],
                    documentation: nil
                )
            """)
    }

    func testALongDocCommentWrapsAtWordsAndKeepsListItemsTogether() {
        let prose = "Check balance returns the current balance of the showcase, in tenge, as the documentation's "
            + "balance table describes it; an unknown showcase gives the error 1881 - provider doesn't exists."
        let item = "- Throws: ``TarlanError``: `.api` when the server reports an error (old, newExpected format), "
            + "`.http`, `.decoding` or `.transport` otherwise."
        let declaration = Declaration.enumCase(EnumCaseDeclaration(
            docs: DocComment([[prose], ["- Parameters:", "  - request: " + prose, item]]), name: "checkBalance"
        ))
        XCTAssertEqual(SwiftRenderer.render(declaration, indent: 1), """
                /// Check balance returns the current balance of the showcase, in tenge, as the documentation's balance table
                /// describes it; an unknown showcase gives the error 1881 - provider doesn't exists.
                ///
                /// - Parameters:
                ///   - request: Check balance returns the current balance of the showcase, in tenge, as the documentation's balance
                ///     table describes it; an unknown showcase gives the error 1881 - provider doesn't exists.
                /// - Throws: ``TarlanError``: `.api` when the server reports an error (old, newExpected format), `.http`,
                ///   `.decoding` or `.transport` otherwise.
                case checkBalance

            """)
    }

    func testAContinuationLineNeverStartsAMarkdownList() {
        // Wrapping right before "- 1" would turn the rest of the line into a list item.
        let text = String(repeating: "word ", count: 22) + "amount - 1 is refused"
        let lines = DocWrapper.wrap(text, width: 116)
        XCTAssertEqual(lines.count, 2)
        XCTAssertFalse(lines[1].hasPrefix("-"), lines[1])
        XCTAssertEqual(lines.joined(separator: " "), text)
    }

    func testARemarkCitesTheSchemaFileByItsLastPathComponent() {
        func reference(_ file: String) -> String {
            SourceLocation(file: file, line: 1, column: 1, pointer: "/models/A").reference
        }
        XCTAssertEqual(reference("Schema/agws.json"), "agws.json#/models/A")
        XCTAssertEqual(reference("/work/Schema/agws.json"), "agws.json#/models/A")
        XCTAssertEqual(reference("agws.json"), "agws.json#/models/A")
        XCTAssertEqual(reference("Schema/"), "Schema#/models/A")
        XCTAssertEqual(reference("/"), "/#/models/A")
    }

    func testWrappedDocLinesKeepListItemsTogetherCountColumnsAndJoinWordsWithOneSpace() {
        // A list item continues under its text.
        XCTAssertEqual(
            DocWrapper.wrap("  - alpha beta gamma delta epsilon zeta eta theta", width: 20),
            ["  - alpha beta gamma", "    delta epsilon", "    zeta eta theta"]
        )
        // Columns are characters, not bytes: "été" is three wide (five bytes).
        XCTAssertEqual(DocWrapper.wrap("été été été", width: 8), ["été été", "été"])
        // Runs of spaces between words become one.
        XCTAssertEqual(DocWrapper.wrap("aaaa   bbbb cccc", width: 10), ["aaaa bbbb", "cccc"])
        // A line that fits, or a single word too long for the width, is left as it is.
        XCTAssertEqual(DocWrapper.wrap("short  line", width: 20), ["short  line"])
        let address = "  https://example.com/a/very/long/address"
        XCTAssertEqual(DocWrapper.wrap(address, width: 10), [address])
    }

    func testAStringTooLongForItsLineBecomesAMultilineRawLiteralWithTheSameText() {
        let json = #"{"message":"Success","result":{"comment":"a "quoted" \#(1) value, with commas","#
            + (1...12).map { #""field_\#($0)":"value \#($0)""# }.joined(separator: ",") + "}}"
        let rendered = SwiftRenderer.render(.name("Data").call(.rawString(json).dot("utf8")), indent: 2)
        let lines = rendered.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "        Data(")
        XCTAssertEqual(lines[1], ##"            #""""##)
        XCTAssertEqual(lines[lines.count - 2], ##"            """#.utf8"##)
        XCTAssertEqual(lines.last, "        )")
        XCTAssertTrue(lines.allSatisfy { $0.count <= 120 }, rendered)
        // The content lines, joined by their line continuations, are exactly the text.
        let content = lines[2..<(lines.count - 2)].map { String($0.dropFirst(12)) }
        XCTAssertTrue(content.dropLast().allSatisfy { $0.hasSuffix(##"\#"##) })
        XCTAssertTrue(content.dropLast().allSatisfy { $0.dropLast(2).hasSuffix(",") }, "breaks after commas")
        XCTAssertEqual(content.map { $0.hasSuffix(##"\#"##) ? String($0.dropLast(2)) : $0 }.joined(), json)
    }

    func testAMethodChainContinuesOnTheNextLineAndAnOperatorStaysWhereItFits() {
        let chosen = Expression.name("object").dot("key").call([
            Argument(.string("qr_code_image")), Argument("aliases", .strings(["qr", "qr_code", "qr_image", "qrImage"])),
        ]).dot("flatMap").call(.name("QrCodeImageKey").dot("init(rawValue:)"))
        let statement = Statement.assignment(
            .name("self").dot("qrCodeImageKey"), .nilCoalescing(chosen, .implicitMember("qrCodeImage"))
        )
        let function = FunctionDeclaration(signature: FunctionSignature(kind: .function("read")), body: [statement])
        XCTAssertEqual(SwiftRenderer.render(.function(function)), """
            func read() {
                self.qrCodeImageKey = object.key("qr_code_image", aliases: ["qr", "qr_code", "qr_image", "qrImage"])
                    .flatMap(QrCodeImageKey.init(rawValue:)) ?? .qrCodeImage
            }

            """)
    }

    // MARK: SwiftNames

    func testLowerCamelCase() {
        let cases: [(String, String)] = [
            ("redirect_url", "redirectURL"),
            ("qr_code_image", "qrCodeImage"),
            ("id", "id"),
            ("external_id", "externalID"),
            ("showcase_code", "showcaseCode"),
            ("api_key", "apiKey"),
            ("card-pan", "cardPAN"),
            ("3ds_url", "_3dsURL"),
            ("", "value"),
        ]
        for (json, swift) in cases {
            XCTAssertEqual(SwiftNames.lowerCamelCase(json), swift, json)
        }
    }

    func testLowerCamelCaseASCIIRouteAgreesWithTheCharacterRoute() {
        // Every ASCII byte, alone and in names mixing letters, digits, separators and CR LF.
        var names = (0..<128).map { String(UnicodeScalar(UInt8($0))) }
        let pieces = ["a", "Z", "id", "URL", "9", "_", "-", " ", ".", "\r\n", "\t", "json", "Qr", "~", "/"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2_000 {
            var name = ""
            for _ in 0..<5 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                name += pieces[Int(state >> 33) % pieces.count]
            }
            names.append(name)
        }
        for name in names {
            XCTAssertEqual(SwiftNames.lowerCamelCase(name), SwiftNames.unicodeLowerCamelCase(name), name.debugDescription)
        }
        // Other scalars separate words, a combining mark included.
        XCTAssertEqual(SwiftNames.lowerCamelCase("caf\u{E9}_id"), "cafID")
        XCTAssertEqual(SwiftNames.lowerCamelCase("e\u{301}tat_url"), "tatURL")
    }

    func testRawStringLiteralGetsEnoughHashes() {
        XCTAssertEqual(SwiftLiteral.rawString(#"{"a":1}"#), ##"#"{"a":1}"#"##)
        // `"#` would end a one-hash raw string early.
        XCTAssertEqual(SwiftLiteral.rawString(##"say "#1""##), ###"##"say "#1""##"###)
        // So would an interpolation or escape introducer `\#`.
        XCTAssertEqual(SwiftLiteral.rawString(##"a\#(b)"##), ###"##"a\#(b)"##"###)
        XCTAssertEqual(SwiftLiteral.rawString(###"x"##y"#"###), ####"###"x"##y"#"###"####)
        // Only hashes right after a quote or backslash count, and only the longest such run.
        XCTAssertEqual(SwiftLiteral.rawHashes("a ### b"), "#")
        XCTAssertEqual(SwiftLiteral.rawHashes(##"#"# x ###"##), "##")
        XCTAssertEqual(SwiftLiteral.rawHashes(####"\### "#"####), "####")
        // Newlines cannot appear in a single-line raw literal: fall back to an escaped literal.
        XCTAssertEqual(SwiftLiteral.rawString("a\nb"), #""a\nb""#)
    }

    func testStringLiteralEscaping() {
        XCTAssertEqual(SwiftLiteral.string("plain"), #""plain""#)
        XCTAssertEqual(SwiftLiteral.string(#"say "hi""#), #""say \"hi\"""#)
        XCTAssertEqual(SwiftLiteral.string(#"C:\path"#), #""C:\\path""#)
        XCTAssertEqual(SwiftLiteral.string("a\nb\rc\td"), #""a\nb\rc\td""#)
        XCTAssertEqual(SwiftLiteral.string("\u{1}\u{7F}"), #""\u{1}\u{7f}""#)
        XCTAssertEqual(SwiftLiteral.string("\\(x)"), #""\\(x)""#)
        XCTAssertEqual(SwiftLiteral.string("Алматы ₸"), "\"Алматы ₸\"")
    }

    func testKeywordsAreEscapedOnlyWhereNeeded() {
        XCTAssertEqual(SwiftNames.escaped("default"), "`default`")
        XCTAssertEqual(SwiftNames.escaped("self"), "`self`")
        XCTAssertEqual(SwiftNames.escaped("amount"), "amount")
    }
}
