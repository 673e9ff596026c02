import Foundation
import TarlanCore
import XCTest

@testable import TarlanGeneratorKit
@testable import TarlanSchemaTools

/// `tarlan-generator openapi`: the OpenAPI 3.1.0 export of the schema — its structure, its
/// determinism, the real validator's verdict, and the command line.
final class OpenAPIExportTests: XCTestCase {
    private var schemaDirectory: URL { GeneratorTestSupport.packageRoot.appendingPathComponent("Schema") }

    private func realFiles() throws -> [SchemaLoader.File] {
        try GeneratorTestSupport.schemaFiles(in: schemaDirectory, displayPrefix: "Schema/")
    }

    private func realSchema() throws -> APISchema {
        try SchemaLoader.load(try realFiles())
    }

    /// The member at `path` (object keys, or array indices as numbers), failing the test when absent.
    private func value(
        _ root: JSONValue, _ path: String..., file: StaticString = #filePath, line: UInt = #line
    ) throws -> JSONValue {
        var current = root
        for key in path {
            if let index = Int(key), let elements = current.arrayValue, elements.indices.contains(index) {
                current = elements[index]
            } else if let next = current[key] {
                current = next
            } else {
                XCTFail("no \(path.joined(separator: "/")) (stopped at \(key))", file: file, line: line)
                throw MissingMember(path: path)
            }
        }
        return current
    }

    private func reference(_ component: String) -> JSONValue {
        ["$ref": .string("#/components/schemas/" + component)]
    }

    // MARK: - Structure (real schema)

    func testEveryOperationAndCallbackIsExportedUnderItsID() throws {
        let schema = try realSchema()
        let document = OpenAPIExport.document(schema)
        XCTAssertEqual(document["openapi"], "3.1.0")
        XCTAssertEqual(try value(document, "info", "title"), .string(OpenAPIExport.title))
        XCTAssertFalse(schema.operations.isEmpty)
        for operation in schema.operations.values {
            let exported = try value(document, "paths", operation.path, operation.method.rawValue.lowercased())
            XCTAssertEqual(exported["operationId"], .string(operation.id))
            XCTAssertEqual(exported["summary"], .string(operation.summary))
            XCTAssertEqual(exported["tags"], [.string(operation.section)])
            if let documentation = operation.documentation {
                XCTAssertEqual(exported["externalDocs"]?["url"], .string(documentation), operation.id)
            }
            XCTAssertNotNil(exported["responses"]?["200"], operation.id)
            XCTAssertNotNil(exported["responses"]?["default"], operation.id)
            switch operation.requestPlacement {
            case .body:
                XCTAssertEqual(
                    try value(exported, "requestBody", "content", "application/json", "schema"),
                    reference(operation.requestModel), operation.id
                )
            case .query:
                XCTAssertNil(exported["requestBody"], operation.id)
                XCTAssertFalse(exported["parameters"]?.arrayValue?.isEmpty ?? true, operation.id)
            }
        }
        var operationIDs: [String] = []
        for item in (document["paths"]?.objectValue ?? [:]).values {
            for (key, operation) in item.objectValue ?? [:] where key != "servers" {
                operationIDs.append(operation["operationId"]?.stringValue ?? "")
            }
        }
        XCTAssertEqual(operationIDs.sorted(), schema.operations.keys.sorted())

        for callback in schema.callbacks.values {
            let webhook = try value(document, "webhooks", callback.id, callback.method.rawValue.lowercased())
            XCTAssertEqual(webhook["operationId"], .string(callback.id))
            if callback.payloadPlacement == .body {
                XCTAssertEqual(
                    try value(webhook, "requestBody", "content", "application/json", "schema"), reference(callback.payloadModel)
                )
            }
            if let reply = callback.replyModel {
                XCTAssertEqual(try value(webhook, "responses", "200", "content", "application/json", "schema"), reference(reply))
            }
        }
        // Every model and enum is a component.
        let components = try value(document, "components", "schemas")
        for name in Array(schema.models.keys) + Array(schema.enums.keys) {
            XCTAssertNotNil(components[name], name)
        }
    }

    func testSecuritySchemesDescribeTheSignatureAndOperationsUseTheirSections() throws {
        let schema = try realSchema()
        let document = OpenAPIExport.document(schema)
        let agws = try value(document, "components", "securitySchemes", "AGWSSignature")
        XCTAssertEqual(agws["type"], "apiKey")
        XCTAssertEqual(agws["in"], "header")
        XCTAssertEqual(agws["name"], "X-Signature")
        let acquiring = try value(document, "components", "securitySchemes", "AcquiringSignature")
        XCTAssertEqual(acquiring["type"], "http")
        XCTAssertEqual(acquiring["scheme"], "bearer")
        for scheme in [agws, acquiring] {
            let description = scheme["description"]?.stringValue ?? ""
            for needle in ["canonical JSON", "Base64", "append the secret", "SHA-256", "`additional_data`", "`\"\"`"] {
                XCTAssertTrue(description.contains(needle), "\(needle) missing from: \(description)")
            }
        }
        for operation in schema.operations.values {
            let exported = try value(document, "paths", operation.path, operation.method.rawValue.lowercased())
            let expected = operation.section == "agws" ? "AGWSSignature" : "AcquiringSignature"
            XCTAssertEqual(exported["security"], [[expected: []]], operation.id)
        }
    }

    func testServersAreGlobalAndPerPath() throws {
        let schema = try realSchema()
        let document = OpenAPIExport.document(schema)
        let urls = (document["servers"]?.arrayValue ?? []).compactMap { $0["url"]?.stringValue }
        for section in schema.sections.values {
            for url in section.servers.values {
                XCTAssertTrue(urls.contains(url), url)
            }
        }
        let balance = try value(document, "paths", "/showcase-gateway/api/v1/showcase/balance", "servers")
        XCTAssertEqual(balance.arrayValue?.compactMap { $0["url"]?.stringValue }, ["https://agwsapi.tarlanpayments.kz"])
        let status = try value(document, "paths", "/transaction/api/v1/system/transaction/status", "servers")
        XCTAssertEqual(
            status.arrayValue?.compactMap { $0["url"]?.stringValue },
            ["https://prapi.tarlanpayments.kz", "https://sandboxapi.tarlanpayments.kz"]
        )
    }

    func testModelRequiredListAndFieldTypes() throws {
        let schema = try realSchema()
        let document = OpenAPIExport.document(schema)
        let makePayment = try value(document, "components", "schemas", "MakePaymentRequest")
        let expected = try XCTUnwrap(schema.models["MakePaymentRequest"]).sortedFields.filter(\.required).map(\.name)
        XCTAssertTrue(expected.contains("external_id"))
        XCTAssertEqual(makePayment["required"], .array(expected.map(JSONValue.string)))
        XCTAssertEqual(makePayment["type"], "object")
        // A request model: optional fields stay non-nullable; a timestamp is a date-time string.
        XCTAssertEqual(try value(makePayment, "properties", "callback_url", "type"), "string")
        XCTAssertEqual(try value(makePayment, "properties", "datetime", "format"), "date-time")
        XCTAssertTrue(try value(makePayment, "properties", "amount", "description").stringValue?.contains("Float") == true)

        // A decoded model: `accepts` widens the type; aliases are described and listed; optional fields admit null.
        let payment = try value(document, "components", "schemas", "AGWSPaymentData")
        XCTAssertEqual(try value(payment, "properties", "amount", "type"), ["number", "string", "null"])
        XCTAssertEqual(try value(payment, "properties", "datetime", "x-tarlan-aliases"), ["date_time"])
        XCTAssertTrue(try value(payment, "properties", "datetime", "description").stringValue?.contains("`date_time`") == true)
        XCTAssertEqual(
            try value(payment, "properties", "status_code", "anyOf"),
            [reference("AGWSTransactionStatus"), ["type": "null"]]
        )

        // An enum: its values, a description of each, and the open-enum note.
        let status = try value(document, "components", "schemas", "AGWSTransactionStatus")
        XCTAssertEqual(status["type"], "string")
        XCTAssertTrue(status["enum"]?.arrayValue?.contains("4") == true)
        let description = status["description"]?.stringValue ?? ""
        XCTAssertTrue(description.contains("`\"4\"` (`failed`)"), description)
        XCTAssertTrue(description.contains("Open enum"), description)
    }

    func testSeedOperationResponsesUseTheEnvelopes() throws {
        let document = OpenAPIExport.document(try realSchema())
        let operation = try value(document, "paths", "/showcase-gateway/api/v1/showcase/balance", "post")
        XCTAssertEqual(operation["operationId"], "checkBalance")
        let ok = try value(operation, "responses", "200", "content", "application/json")
        // old and newExpected errors arrive with HTTP 200 too.
        XCTAssertEqual(
            try value(ok, "schema", "anyOf"),
            [reference("CheckBalanceEnvelope"), reference("AGWSErrorEnvelope"), reference("AGWSExpectedErrorEnvelope")]
        )
        XCTAssertEqual(try value(ok, "examples", "success", "value", "result", "showcase_code"), "daw")
        XCTAssertTrue(try value(ok, "examples", "success", "summary").stringValue?.hasSuffix("[doc]") == true)
        XCTAssertNotNil(ok["examples"]?["errorOldFormat"])
        XCTAssertEqual(
            try value(operation, "requestBody", "content", "application/json", "examples", "request", "value"), ["agent": "daw"]
        )
        XCTAssertEqual(try value(operation, "responses", "default", "content", "application/json", "schema"), reference("AGWSErrorEnvelope"))

        let envelope = try value(document, "components", "schemas", "CheckBalanceEnvelope")
        XCTAssertEqual(envelope["required"], ["result"])
        XCTAssertEqual(try value(envelope, "properties", "result", "$ref"), "#/components/schemas/CheckBalanceResult")
        for member in ["status", "status_code", "message"] {
            XCTAssertNotNil(envelope["properties"]?[member], member)
        }
        let error = try value(document, "components", "schemas", "AGWSErrorEnvelope")
        XCTAssertEqual(try value(error, "properties", "status", "enum"), [false, "false"])

        // The Acquiring status check: errors only with HTTP 4xx/5xx, so 200 is the success envelope alone.
        let transaction = try value(document, "paths", "/transaction/api/v1/system/transaction/status", "get")
        XCTAssertEqual(
            try value(transaction, "responses", "200", "content", "application/json", "schema"),
            reference("GetTransactionStatusEnvelope")
        )
        XCTAssertNotNil(transaction["responses"]?["500"]?["content"]?["application/json"]?["examples"]?["errorTransactionNotFound"])
    }

    func testQueryParametersCarryTypesRequiredMarksAndExamples() throws {
        let document = OpenAPIExport.document(try realSchema())
        let parameters = try value(
            document, "paths", "/transaction/api/v1/system/transaction/status", "get", "parameters"
        ).arrayValue ?? []
        func parameter(_ name: String) throws -> JSONValue {
            try XCTUnwrap(parameters.first { $0["name"] == .string(name) }, name)
        }
        let merchant = try parameter("merchant_id")
        XCTAssertEqual(merchant["in"], "query")
        XCTAssertEqual(merchant["required"], true)
        XCTAssertEqual(merchant["schema"], ["type": "integer"])
        XCTAssertEqual(try value(merchant, "examples", "request", "value"), 1)
        XCTAssertEqual(try parameter("project_reference_id")["schema"], ["type": "string"])
        XCTAssertEqual(try parameter("type")["schema"], reference("AcquiringTransactionType"))
    }

    // MARK: - Small schemas

    func testEnvironmentPathPrefixMovesIntoThatEnvironmentsServer() throws {
        let (withSandbox, _) = DemoSchema.file(
            replacing: #""servers": { "production": "https://api.example.com" }"#,
            with: #""servers": { "production": "https://api.example.com", "sandbox": "https://sandbox.example.com" }"#
        )
        let text = GeneratorTestSupport.replacing(
            #""path": "/ping","#, with: #""path": "/ping", "environmentPaths": { "sandbox": "/test/ping" },"#,
            in: String(decoding: withSandbox.contents, as: UTF8.self)
        )
        let output = try OpenAPIExport.run([GeneratorTestSupport.file(DemoSchema.path, text)])
        let document = try JSONParser.parse(Array(output.text.utf8))
        let servers = try value(document, "paths", "/ping", "servers").arrayValue ?? []
        XCTAssertEqual(
            servers.compactMap { $0["url"]?.stringValue }, ["https://api.example.com", "https://sandbox.example.com/test"]
        )
        XCTAssertEqual(try value(document, "paths", "/ping", "post", "x-tarlan-environment-paths"), ["sandbox": "/test/ping"])
        // The global list keeps the hosts as they are.
        XCTAssertEqual(
            document["servers"]?.arrayValue?.compactMap { $0["url"]?.stringValue },
            ["https://api.example.com", "https://sandbox.example.com"]
        )
    }

    func testAnEnvironmentPathThatIsNoPrefixLeavesThatServerOutAndSaysSo() throws {
        let (withSandbox, _) = DemoSchema.file(
            replacing: #""servers": { "production": "https://api.example.com" }"#,
            with: #""servers": { "production": "https://api.example.com", "sandbox": "https://sandbox.example.com" }"#
        )
        let text = GeneratorTestSupport.replacing(
            #""path": "/ping","#, with: #""path": "/ping", "environmentPaths": { "sandbox": "/pong" },"#,
            in: String(decoding: withSandbox.contents, as: UTF8.self)
        )
        let document = OpenAPIExport.document(try SchemaLoader.load([GeneratorTestSupport.file(DemoSchema.path, text)]))
        let servers = try value(document, "paths", "/ping", "servers").arrayValue ?? []
        XCTAssertEqual(servers.compactMap { $0["url"]?.stringValue }, ["https://api.example.com"])
        let description = try value(document, "paths", "/ping", "post", "description").stringValue ?? ""
        XCTAssertTrue(description.contains("In sandbox the path is `/pong`"), description)
    }

    func testDemoSchemaExportIsCompleteAndItsRequiredListIsTheStarredFields() throws {
        let output = try OpenAPIExport.run([DemoSchema.file])
        XCTAssertTrue(output.text.hasSuffix("}\n"))
        let document = try JSONParser.parse(Array(output.text.utf8))
        XCTAssertEqual(try value(document, "components", "schemas", "PingRequest", "required"), ["agent", "amount"])
        XCTAssertEqual(try value(document, "components", "schemas", "PingState", "enum"), ["1", "2"])
        XCTAssertEqual(try value(document, "paths", "/ping", "post", "security"), [["DemoSignature": []]])
        XCTAssertEqual(try value(document, "paths", "/ping", "post", "responses", "200", "content", "application/json", "schema", "anyOf", "0"), reference("PingEnvelope"))
        XCTAssertNil(document["webhooks"], "no callbacks, no webhooks")
    }

    func testABrokenSchemaFailsTheExportWithLocatedDiagnostics() {
        let (broken, _) = DemoSchema.file(replacing: #""type": "number""#, with: #""type": "numbr""#)
        do {
            let output = try OpenAPIExport.run([broken])
            XCTFail("expected the export to fail; it produced \(output.text.count) characters")
        } catch {
            XCTAssertTrue(error.diagnostics.contains { $0.message.contains("numbr") }, error.description)
        }
    }

    // MARK: - Determinism

    func testTwoRunsAreIdenticalWhateverTheFileOrder() throws {
        let files = try realFiles()
        let first = try OpenAPIExport.run(files).text
        let second = try OpenAPIExport.run(files).text
        let reversed = try OpenAPIExport.run(files.reversed()).text
        XCTAssertEqual(first, second)
        XCTAssertEqual(first, reversed)
        let version = try value(try JSONParser.parse(Array(first.utf8)), "info", "version").stringValue ?? ""
        XCTAssertTrue(version.hasPrefix("schema-") && version.count == "schema-".count + 12, version)
    }

    // MARK: - The real validator

    /// Runs `/usr/bin/env ARGUMENTS…`; returns the exit status and the combined output.
    private func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Fails in CI (environment variable `CI` set), skips elsewhere.
    private func unavailable(_ message: String) throws {
        if ProcessInfo.processInfo.environment["CI"] != nil {
            XCTFail(message)
        } else {
            throw XCTSkip(message)
        }
    }

    private let validation = "from openapi_spec_validator import validate; import json,sys; validate(json.load(open(sys.argv[1])))"

    func testRealSchemaExportPassesOpenAPISpecValidator() throws {
        let probe = try run(["python3", "-c", "import openapi_spec_validator"])
        guard probe.status == 0 else {
            return try unavailable(
                "python3 with openapi-spec-validator is needed (python3 -m pip install openapi-spec-validator): \(probe.output)"
            )
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tarlan-openapi-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(try OpenAPIExport.run(try realFiles()).text.utf8).write(to: url)
        let result = try run(["python3", "-c", validation, url.path])
        XCTAssertEqual(result.status, 0, "openapi-spec-validator rejected the export:\n\(result.output)")

        // The same command rejects a broken document, so the check above is not vacuous.
        try Data(#"{"openapi": "3.1.0", "paths": {}}"#.utf8).write(to: url)
        let broken = try run(["python3", "-c", validation, url.path])
        XCTAssertNotEqual(broken.status, 0, "a document without info must not validate")
    }

    // MARK: - The command line

    /// The built `tarlan-generator` next to the test bundle.
    private func generatorExecutable() throws -> URL? {
        guard let bundle = CommandLine.arguments.first(where: { $0.hasSuffix(".xctest") }) else { return nil }
        let folder = URL(fileURLWithPath: bundle).deletingLastPathComponent()
        return ["tarlan-generator", "tarlan-generator-tool"]
            .map { folder.appendingPathComponent($0) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    private func runGenerator(_ executable: URL, _ arguments: [String]) throws -> (status: Int32, stdout: Data, stderr: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Standard error holds a few warning lines at most, far below a pipe's buffer, so reading
        // standard output to its end first cannot block the process.
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, stdout, String(decoding: stderr, as: UTF8.self))
    }

    func testCommandWritesTheExportToStandardOutputAndToAFile() throws {
        guard let executable = try generatorExecutable() else {
            return try unavailable("no tarlan-generator next to the test bundle (arguments: \(CommandLine.arguments))")
        }
        let expected = try OpenAPIExport.run(try realFiles()).text

        let toStdout = try runGenerator(executable, ["openapi", schemaDirectory.path])
        XCTAssertEqual(toStdout.status, 0, toStdout.stderr)
        XCTAssertEqual(String(decoding: toStdout.stdout, as: UTF8.self), expected)

        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tarlan-openapi-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        let toFile = try runGenerator(executable, ["openapi", schemaDirectory.path + "/", "--output", url.path])
        XCTAssertEqual(toFile.status, 0, toFile.stderr)
        XCTAssertTrue(toFile.stdout.isEmpty, "nothing on stdout with --output")
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), expected)

        // One document is a schema too (named as in `DemoSchema`, since `x-tarlan-source` cites the file name).
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tarlan-demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let demo = folder.appendingPathComponent("demo.json")
        try Data(DemoSchema.text.utf8).write(to: demo)
        let single = try runGenerator(executable, ["openapi", demo.path])
        XCTAssertEqual(single.status, 0, single.stderr)
        XCTAssertEqual(String(decoding: single.stdout, as: UTF8.self), try OpenAPIExport.run([DemoSchema.file]).text)

        let usage = try runGenerator(executable, ["openapi"])
        XCTAssertEqual(usage.status, 64)
        XCTAssertTrue(usage.stderr.contains("usage: tarlan-generator openapi"), usage.stderr)
    }
}

private struct MissingMember: Error {
    var path: [String]
}
