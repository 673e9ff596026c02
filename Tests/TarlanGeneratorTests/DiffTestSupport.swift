import Foundation
import TarlanCore
import XCTest

@testable import TarlanGeneratorKit
@testable import TarlanSchemaTools

/// A small schema that uses every kind of entity, for the diff tests: one edit at a time is
/// compared with it. Model use: `PingRequest`, `Line` (through an array) and `ListQuery` are
/// requests; `PingResult` and `Item` (an array result) are responses; `Amount` is both; the
/// callback's `NotifyPayload` and `NotifyReply` count as both.
enum DiffSchema {
    static let path = "Schema/diff.json"

    static let text = #"""
        {
          "$schema": "./tarlan-api.schema.json",
          "sections": {
            "demo": {
              "title": "Demo gateway",
              "swiftPrefix": "Demo",
              "servers": { "production": "https://api.example.com", "sandbox": "https://sandbox.example.com" },
              "signing": {
                "headerName": "X-Signature",
                "valuePrefix": "",
                "excludedTopLevelFields": ["additional_data"],
                "excludesEmptyStrings": true,
                "canonicalForm": "go"
              },
              "errorFormats": ["old", "newExpected", "newUnexpected"]
            }
          },
          "operations": {
            "ping": {
              "section": "demo",
              "summary": "Ping the gateway",
              "method": "POST",
              "path": "/ping",
              "request": { "in": "body", "model": "PingRequest" },
              "response": { "result": { "ref": "PingResult" } },
              "errorFormats": ["old", "newExpected"],
              "examples": {
                "success": {
                  "kind": "response",
                  "provenance": "doc",
                  "httpStatus": 200,
                  "body": { "status": true, "message": "ok", "result": { "state": "1" } },
                  "expect": { "outcome": "success" }
                }
              }
            },
            "listItems": {
              "section": "demo",
              "summary": "List the items",
              "method": "GET",
              "path": "/items",
              "request": { "in": "query", "model": "ListQuery" },
              "response": { "result": { "type": "array", "items": { "ref": "Item" } } },
              "errorFormats": ["old"]
            }
          },
          "models": {
            "PingRequest": {
              "fields": {
                "agent": { "type": "string", "required": true },
                "comment": { "type": "string" },
                "amount": { "ref": "Amount", "required": true },
                "lines": { "type": "array", "items": { "ref": "Line" } }
              }
            },
            "PingResult": {
              "description": "What ping answers.",
              "fields": {
                "state": { "ref": "PingState", "required": true },
                "balance": { "type": "number", "accepts": ["string"] },
                "total": { "ref": "Amount" }
              }
            },
            "Amount": {
              "fields": {
                "value": { "type": "integer", "required": true },
                "currency": { "type": "string" }
              }
            },
            "Line": { "fields": { "sku": { "type": "string", "required": true } } },
            "ListQuery": { "fields": { "page": { "type": "integer" } } },
            "Item": {
              "fields": {
                "item_id": { "type": "string", "required": true, "swiftName": "itemID" },
                "note": { "type": "string", "aliases": ["remark"] }
              }
            },
            "NotifyPayload": {
              "fields": {
                "order_id": { "type": "string", "required": true },
                "paid": { "type": "boolean", "required": true }
              }
            },
            "NotifyReply": { "fields": { "accepted": { "type": "boolean", "required": true } } }
          },
          "enums": {
            "PingState": {
              "rawType": "string",
              "cases": {
                "ok": { "value": "1", "description": "Up." },
                "failed": { "value": "2" }
              }
            }
          },
          "callbacks": {
            "orderPaid": {
              "section": "demo",
              "summary": "Order paid",
              "method": "POST",
              "payload": { "in": "body", "model": "NotifyPayload" },
              "reply": { "model": "NotifyReply" }
            }
          },
          "signatureVectors": {
            "demoVector": {
              "section": "demo",
              "provenance": "computed",
              "input": { "agent": "daw" },
              "secret": "12345",
              "canonical": "{\"agent\":\"daw\"}",
              "signature": "09c92baa03ca5ce1588360dcd44d67d22109f3c8efa8fecd43803a26ac9582ee"
            }
          }
        }
        """#

    static func load(_ text: String, path: String = path, file: StaticString = #filePath, line: UInt = #line) throws -> APISchema {
        do {
            return try SchemaLoader.load([GeneratorTestSupport.file(path, text)])
        } catch {
            XCTFail("the schema does not load:\n\(error.description)", file: file, line: line)
            throw error
        }
    }

    /// The schema with `edit` applied to its JSON, re-serialised (pointers do not depend on layout).
    static func edited(_ edit: (inout JSONValue) -> Void) throws -> String {
        var value = try JSONParser.parse(Array(text.utf8))
        edit(&value)
        return JSONPrettyPrinter.string(value) + "\n"
    }

    /// The report of the base schema against the edited one (or, `reversed`, of the edited one
    /// against the base).
    static func report(
        reversed: Bool = false, file: StaticString = #filePath, line: UInt = #line, _ edit: (inout JSONValue) -> Void
    ) throws -> SchemaDiffReport {
        let base = try load(text, file: file, line: line)
        let changed = try load(try edited(edit), file: file, line: line)
        return reversed ? SchemaDiff.compare(changed, base) : SchemaDiff.compare(base, changed)
    }
}

extension JSONValue {
    /// The value at a path of object keys; setting `nil` removes the member.
    subscript(path path: String...) -> JSONValue? {
        get { value(at: path[...]) }
        set { setValue(newValue, at: path[...]) }
    }

    private func value(at path: ArraySlice<String>) -> JSONValue? {
        guard let key = path.first else { return self }
        return objectValue?[key]?.value(at: path.dropFirst())
    }

    private mutating func setValue(_ value: JSONValue?, at path: ArraySlice<String>) {
        guard let key = path.first, var members = objectValue else {
            preconditionFailure("no object at the path")
        }
        if path.count == 1 {
            members[key] = value
        } else {
            var child = members[key] ?? .object([:])
            child.setValue(value, at: path.dropFirst())
            members[key] = child
        }
        self = .object(members)
    }
}

/// The built `tarlan-generator` next to the test bundle (`<scratch>/<triple>/debug/`), run as a process.
enum GeneratorExecutable {
    struct Result {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// The build folder: the test bundle (`….xctest`: the process on Linux, an argument of `xctest`
    /// on macOS) lives next to the package's executables.
    static var buildDirectory: URL {
        let bundle = CommandLine.arguments.first { $0.hasSuffix(".xctest") } ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: bundle).deletingLastPathComponent()
    }

    /// `tarlan-generator`, or `tarlan-generator-tool` (the build of it plugins use). Skips the
    /// test when neither was built, failing it instead on CI.
    static func url() throws -> URL {
        let candidates = ["tarlan-generator", "tarlan-generator-tool"].map { buildDirectory.appendingPathComponent($0) }
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) {
            return found
        }
        let message = "no tarlan-generator in \(buildDirectory.path); run `swift build` first"
        if ProcessInfo.processInfo.environment["CI"] != nil {
            XCTFail(message)
        }
        throw XCTSkip(message)
    }

    static func run(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = try url()
        process.arguments = arguments
        // Each process hashes with its own random seed (unless this variable pins it), which is what
        // lets separate runs expose output that depends on dictionary order.
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_DETERMINISTIC_HASHING"] = nil
        process.environment = environment
        // Standard error goes to a file, so neither pipe can fill up while the other is read.
        let errorLog = FileManager.default.temporaryDirectory.appendingPathComponent("tarlan-generator-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: errorLog.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorLog) }
        let errors = try FileHandle(forWritingTo: errorLog)
        defer { try? errors.close() }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            standardOutput: String(decoding: data, as: UTF8.self),
            standardError: String(decoding: (try? Data(contentsOf: errorLog)) ?? Data(), as: UTF8.self)
        )
    }

    /// A fresh temporary folder, removed by the caller.
    static func temporaryDirectory(_ label: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tarlan-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }
}
