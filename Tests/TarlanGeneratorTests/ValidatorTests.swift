import XCTest

@testable import TarlanGeneratorKit
@testable import TarlanSchemaTools

/// The validate stage: references, routes, enums, examples and signatures. Each test breaks the
/// otherwise valid ``DemoSchema`` in one place and checks the diagnostic and where it points.
final class ValidatorTests: XCTestCase {
    /// The demo schema itself is clean: no errors and no warnings, in both modes.
    func testDemoSchemaIsValidWithoutWarnings() throws {
        for mode in GenerationMode.allCases {
            let output = try GeneratorTestSupport.generate([DemoSchema.file], mode: mode)
            XCTAssertEqual(output.warnings, [], "\(mode)")
            XCTAssertEqual(output.files.keys.sorted(), OutputLayout.fileNames(for: mode))
        }
    }

    // MARK: Error formats

    func testAnOperationMustListTheSectionsInResultFormat() {
        let (file, _) = DemoSchema.file(
            replacing: #""errorFormats": ["old", "newUnexpected"]"#, with: #""errorFormats": ["old", "newExpected", "newUnexpected"]"#)
        XCTAssertEqual(
            GeneratorTestSupport.failures([file]).map(\.message),
            [
                "errorFormats must list newExpected, as section \"demo\" does: an error inside result (a non-zero "
                    + "result.error_code) would otherwise read as a success"
            ])
    }

    func testAnOperationsFormatMustBeOneOfItsSections() {
        let (file, _) = DemoSchema.file(replacing: #""errorFormats": ["old"],"#, with: #""errorFormats": ["old", "acquiring"],"#)
        XCTAssertEqual(
            GeneratorTestSupport.failures([file]).map(\.message), [#"error format acquiring is not one of section "demo"'s errorFormats"#])
    }

    func testAnExpectationTheRuntimeDisagreesWithIsAnError() {
        // A status: false body expected as a success: the runtime's own interpreter says otherwise.
        let (file, text) = DemoSchema.file(replacing: #""status": true,"#, with: #""status": false, "status_code": 7,"#)
        let diagnostics = GeneratorTestSupport.failures([file])
        XCTAssertEqual(
            diagnostics.map(\.message),
            [#"the runtime reads this example as an API error 7 "ok" (old format), but it expects a success"#])
        XCTAssertEqual(diagnostics.first?.location.line, GeneratorTestSupport.position(of: #""success": {"#, in: text).line)
    }

    func testAVectorInOneFormOnlyNamesIt() throws {
        // Cyrillic text reads differently in the two forms: {"agent":"дау"} in Go's, \u escapes in PHP's.
        func vector(form: String?) -> SchemaLoader.File {
            var text = DemoSchema.text
            for (old, new) in [
                (#""agent": "daw", "comment": """#, #""agent": "дау", "comment": """#),
                (#""canonical": "{\"agent\":\"daw\"}""#, #""canonical": "{\"agent\":\"дау\"}""#),
                (
                    "09c92baa03ca5ce1588360dcd44d67d22109f3c8efa8fecd43803a26ac9582ee\"",
                    "abaabd36c28433cea5d8c2aa83ba5692783ea337267eb78ac6ac4257894dd01c\"" + (form.map { #", "canonicalForm": "\#($0)""# } ?? "")
                ),
            ] {
                text = GeneratorTestSupport.replacing(old, with: new, in: text)
            }
            return GeneratorTestSupport.file(DemoSchema.path, text)
        }
        let messages = GeneratorTestSupport.failures([vector(form: nil)]).map(\.message)
        XCTAssertEqual(messages.count, 2, "\(messages)")
        XCTAssertTrue(messages.allSatisfy { $0.contains("in the phpSample form (name the canonicalForm") }, "\(messages)")
        XCTAssertNoThrow(try GeneratorTestSupport.generate([vector(form: "go")]))
        XCTAssertEqual(GeneratorTestSupport.failures([vector(form: "phpSample")]).count, 2, "the named form is the one checked")
    }

    // MARK: References and operations

    func testUnknownReference() {
        let (file, text) = DemoSchema.file(
            replacing: #""state": { "ref": "PingState", "required": true }"#,
            with: #""state": { "ref": "PingStat", "required": true }"#
        )
        let diagnostics = GeneratorTestSupport.failures([file])
        let position = GeneratorTestSupport.position(of: #"{ "ref": "PingStat""#, in: text)
        XCTAssertEqual(
            diagnostics.map(\.description),
            [
                "Schema/demo.json:\(position.line):\(position.column): error: unknown type reference \"PingStat\" "
                    + "(at /models/PingResult/fields/state)"
            ]
        )
    }

    func testRequestModelThatIsAnEnum() {
        let (file, text) = DemoSchema.file(
            replacing: #""model": "PingRequest""#, with: #""model": "PingState""#
        )
        let diagnostics = GeneratorTestSupport.failures([file])
        let operation = GeneratorTestSupport.position(of: #""ping": {"#, in: text)
        XCTAssertEqual(
            diagnostics.map(\.description),
            [
                "Schema/demo.json:\(operation.line):\(operation.column + 8): error: request model \"PingState\" is not a model "
                    + "(at /operations/ping)"
            ]
        )
    }

    func testGetWithBodyPlacement() {
        let (file, text) = DemoSchema.file(replacing: #""method": "POST""#, with: #""method": "GET""#)
        let diagnostics = GeneratorTestSupport.failures([file])
        XCTAssertEqual(diagnostics.map(\.message), ["a GET operation takes its request \"in\": \"query\""])
        XCTAssertEqual(diagnostics.first?.location.pointer, "/operations/ping")
        XCTAssertEqual(diagnostics.first?.location.line, GeneratorTestSupport.position(of: #""ping": {"#, in: text).line)
    }

    func testDuplicateRouteAcrossFiles() {
        let other = """
            {
              "operations": {
                "pingAgain": {
                  "section": "demo",
                  "summary": "Ping again",
                  "method": "POST",
                  "path": "/ping",
                  "request": { "in": "body", "model": "PingRequest" },
                  "response": { "result": { "ref": "PingResult" } },
                  "errorFormats": ["old"],
                  "reconcile": { "note": "Nothing moves." }
                }
              }
            }
            """
        let diagnostics = GeneratorTestSupport.failures([
            DemoSchema.file, GeneratorTestSupport.file("Schema/other.json", other),
        ])
        let errors = diagnostics.filter { $0.severity == .error }
        XCTAssertEqual(
            errors.map(\.description),
            [
                "Schema/other.json:3:18: error: operations \"ping\" and \"pingAgain\" share the route POST /ping "
                    + "(at /operations/pingAgain)"
            ]
        )
    }

    // MARK: Enums

    func testEnumCasesSharingAValue() {
        let (file, text) = DemoSchema.file(
            replacing: #""failed": { "value": "2" }"#, with: #""failed": { "value": "1" }"#
        )
        let diagnostics = GeneratorTestSupport.failures([file])
        XCTAssertEqual(diagnostics.count, 1, "\(diagnostics)")
        XCTAssertEqual(diagnostics.first?.message, #"cases "failed" and "ok" share the value "1""#)
        XCTAssertEqual(diagnostics.first?.location.pointer, "/enums/PingState/cases/ok")
        // Ties are broken by case name, so the diagnostic is stable: on "ok", the later name.
        XCTAssertEqual(diagnostics.first?.location.line, GeneratorTestSupport.position(of: #""ok": {"#, in: text).line)
    }

    func testUnknownIsAReservedCaseName() {
        let (file, text) = DemoSchema.file(
            replacing: #""failed": { "value": "2" }"#, with: #""unknown": { "value": "2" }"#
        )
        let diagnostics = GeneratorTestSupport.failures([file])
        let position = GeneratorTestSupport.position(of: #"{ "value": "2" }"#, in: text)
        XCTAssertEqual(
            diagnostics.map(\.description),
            [
                "Schema/demo.json:\(position.line):\(position.column): error: \"unknown\" is reserved for values the "
                    + "documentation does not list (at /enums/PingState/cases/unknown)"
            ]
        )
    }

    // MARK: Examples

    func testExampleValueOfTheWrongTypeNamesTheFieldAndItsLine() {
        let (file, text) = DemoSchema.file(replacing: #""balance": 10.5"#, with: #""balance": "lots""#)
        let diagnostics = GeneratorTestSupport.failures([file])
        let position = GeneratorTestSupport.position(of: #""lots""#, in: text)
        XCTAssertEqual(
            diagnostics.map(\.description),
            [
                "Schema/demo.json:\(position.line):\(position.column): error: example \"success\": expected number, "
                    + "found string (at /operations/ping/examples/success/body/result/balance)"
            ]
        )
    }

    func testRequiredFieldMissingFromAnExample() {
        let (file, text) = DemoSchema.file(
            replacing: #""result": { "state": "1", "balance": 10.5 }"#, with: #""result": { "balance": 10.5 }"#
        )
        let diagnostics = GeneratorTestSupport.failures([file])
        // On the object that lacks it.
        let position = GeneratorTestSupport.position(of: #"{ "balance": 10.5 }"#, in: text)
        XCTAssertEqual(
            diagnostics.map(\.description),
            [
                "Schema/demo.json:\(position.line):\(position.column): error: example \"success\": required field "
                    + "\"state\" of PingResult is missing (at /operations/ping/examples/success/body/result)"
            ]
        )
    }

    func testUndocumentedFieldInAnExampleIsOnlyAWarning() throws {
        let (file, text) = DemoSchema.file(
            replacing: #""balance": 10.5 }"#, with: #""balance": 10.5, "bonus": 3 }"#
        )
        let output = try GeneratorTestSupport.generate([file])
        let key = GeneratorTestSupport.position(of: #""bonus": 3"#, in: text)
        XCTAssertEqual(
            output.warnings.map(\.description),
            [
                "Schema/demo.json:\(key.line):\(key.column + 9): warning: example \"success\": field \"bonus\" is "
                    + "not in PingResult; decoding ignores it (at /operations/ping/examples/success/body/result/bonus)"
            ]
        )
        XCTAssertEqual(output.files.keys.sorted(), OutputLayout.fileNames(for: .library))
    }

    func testRequestExampleWhoseSignatureDoesNotVerify() {
        let right = "4fdd408806cdf813458c17ee173659efeb3c327c840485e672e94c2aa488e6f1"
        let wrong = String(repeating: "0", count: 64)
        let (file, text) = DemoSchema.file(replacing: right, with: wrong)
        let diagnostics = GeneratorTestSupport.failures([file])
        let example = GeneratorTestSupport.position(of: "\"request\": {\n", in: text)
        XCTAssertEqual(
            diagnostics.map(\.description),
            ["go", "phpSample"].map { form in
                "Schema/demo.json:\(example.line):\(example.column + 11): error: signature does not verify in the \(form) form "
                    + "(name the canonicalForm if it holds in one form only): expected "
                    + "\(wrong), computed \(right) (at /operations/ping/examples/request)"
            }
        )
    }

    func testRequestExampleWhoseCanonicalJSONDiffers() {
        let (file, _) = DemoSchema.file(
            replacing: #""body": { "agent": "tarlan", "amount": 100 }"#,
            with: #""body": { "agent": "tarlan", "amount": 101 }"#
        )
        let messages = GeneratorTestSupport.failures([file]).map(\.message)
        XCTAssertEqual(messages.count, 4, "both forms: \(messages)")
        XCTAssertTrue(messages.contains { $0.hasPrefix("canonical JSON does not match") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.hasPrefix("signature does not verify") }, "\(messages)")
    }

    func testSignatureVectorThatDoesNotVerify() {
        let (file, text) = DemoSchema.file(
            replacing: #""input": { "agent": "daw","#, with: #""input": { "agent": "dew","#
        )
        let diagnostics = GeneratorTestSupport.failures([file])
        XCTAssertEqual(diagnostics.count, 4, "both forms: \(diagnostics)")
        let vector = GeneratorTestSupport.position(of: #""demoVector": {"#, in: text)
        for diagnostic in diagnostics {
            XCTAssertEqual(diagnostic.severity, .error)
            XCTAssertEqual(diagnostic.location.file, "Schema/demo.json")
            XCTAssertEqual(diagnostic.location.line, vector.line)
            XCTAssertEqual(diagnostic.location.column, vector.column + 14)
            XCTAssertEqual(diagnostic.location.pointer, "/signatureVectors/demoVector")
        }
        XCTAssertEqual(
            diagnostics.map(\.message).sorted(),
            ["go", "phpSample"].map { form in
                #"canonical JSON does not match in the \#(form) form (name the canonicalForm if it holds in one form only): "#
                    + #"the schema says {"agent":"daw"}, the signer produces {"agent":"dew"}"#
            } + ["go", "phpSample"].map { form in
                "signature does not verify in the \(form) form (name the canonicalForm if it holds in one form only): "
                    + "expected 09c92baa03ca5ce1588360dcd44d67d22109f3c8efa8fecd43803a26ac9582ee, "
                    + "computed c3400fc22d20ce77caaa2a3a12f166d5cfbc538364126041acbcb777fb715854"
            }
        )
    }

    func testSignatureVectorWithTheWrongSecret() {
        let (file, _) = DemoSchema.file(
            replacing: #""secret": "12345", "canonical""#, with: #""secret": "54321", "canonical""#
        )
        let messages = GeneratorTestSupport.failures([file]).map(\.message)
        XCTAssertEqual(
            messages,
            ["go", "phpSample"].map { form in
                "signature does not verify in the \(form) form (name the canonicalForm if it holds in one form only): "
                    + "expected 09c92baa03ca5ce1588360dcd44d67d22109f3c8efa8fecd43803a26ac9582ee, "
                    + "computed 1b71708a2c7f1d142adf9567cdda8e8d4be3dc02e1eab0ca8cfe62c22d230039"
            }
        )
    }

    func testAsDocumentedThatIsValidJSONIsAnError() {
        let (file, text) = DemoSchema.file(
            replacing: #""expect": { "outcome": "success" }"#,
            with: #""expect": { "outcome": "success" }, "correction": "Added a comma.", "asDocumented": "{\"status\": true}""#
        )
        let diagnostics = GeneratorTestSupport.failures([file])
        let example = GeneratorTestSupport.position(of: #""success": {"#, in: text)
        XCTAssertEqual(
            diagnostics.map(\.description),
            [
                "Schema/demo.json:\(example.line):\(example.column + 11): error: \"asDocumented\" parses as valid JSON, "
                    + "so it needs no \"correction\" (at /operations/ping/examples/success)"
            ]
        )
    }

    func testAsDocumentedThatIsInvalidJSONIsAccepted() throws {
        let (file, _) = DemoSchema.file(
            replacing: #""expect": { "outcome": "success" }"#,
            with: #""expect": { "outcome": "success" }, "correction": "Added a comma.", "asDocumented": "{\"status\": true \"message\": 1}""#
        )
        let output = try GeneratorTestSupport.generate([file])
        XCTAssertEqual(output.warnings, [])
    }

    // MARK: Names

    func testSwiftKeywordFieldNamesAreEscapedNotRejected() throws {
        let (file, _) = DemoSchema.file(
            replacing: #""comment": { "type": "string" }"#,
            with: #""comment": { "type": "string" }, "default": { "type": "string" }, "#
                + #""class": { "type": "integer" }, "self": { "type": "boolean" }"#
        )
        let output = try GeneratorTestSupport.generate([file])
        XCTAssertEqual(output.warnings, [])
        let models = try XCTUnwrap(output.files["Models.swift"])
        for declaration in [
            "    public var `default`: String?\n",
            "    public var `class`: Int?\n",
            "    public var `self`: Bool?\n",
            "        self.`default` = try object.string(\"default\")\n",
            "        object.set(\"class\", self.`class`)\n",
            "        object.set(\"self\", self.`self`)\n",
            "        self.`default` = `default`\n",
            "        self.`class` = `class`\n",
        ] {
            XCTAssertTrue(models.contains(declaration), "Models.swift lacks \(declaration)\n\(models)")
        }
        // A parameter named `self` would shadow `self` in the initialiser, so it gets another internal name.
        XCTAssertTrue(models.contains("self selfValue: Bool? = nil"), models)
        XCTAssertTrue(models.contains("        self.`self` = selfValue\n"), models)
        XCTAssertFalse(models.contains("self.self"), models)
    }

    func testOperationIDMustBeLowerCamelCase() {
        let (file, _) = DemoSchema.file(replacing: #""ping": {"#, with: #""Ping": {"#)
        let messages = GeneratorTestSupport.failures([file]).map(\.message)
        XCTAssertEqual(messages, ["operation id \"Ping\" must be a lowerCamelCase Swift identifier"])
    }
}
