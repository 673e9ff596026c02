import Foundation
import XCTest

@testable import TarlanGeneratorKit
@testable import TarlanSchemaTools

/// Helpers shared by the generator tests: in-memory schema files, running the pipeline and
/// collecting its diagnostics, and finding where a piece of text sits in a schema file.
enum GeneratorTestSupport {
    /// The repository root, found from this file's path.
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// This test target's folder (`Tests/TarlanGeneratorTests`).
    static var testsDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    }

    static func file(_ path: String, _ text: String) -> SchemaLoader.File {
        SchemaLoader.File(path: path, contents: Array(text.utf8))
    }

    /// Reads schema documents from a folder (every `*.json` except `*.schema.json`), sorted by name.
    /// `displayPrefix` replaces the folder in each file's path, so diagnostics and `- Remark:` lines
    /// do not depend on where the repository is checked out.
    static func schemaFiles(in directory: URL, displayPrefix: String) throws -> [SchemaLoader.File] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".json") && !$0.hasSuffix(".schema.json") }
            .sorted()
            .map { name in
                let contents = try Data(contentsOf: directory.appendingPathComponent(name))
                return SchemaLoader.File(path: displayPrefix + name, contents: Array(contents))
            }
    }

    /// The diagnostics of a run that must fail; records a test failure when it succeeds.
    static func failures(
        _ files: [SchemaLoader.File],
        mode: GenerationMode = .library,
        file: StaticString = #filePath,
        line: UInt = #line
    ) -> [Diagnostic] {
        do {
            let output = try GeneratorPipeline.run(files, mode: mode)
            XCTFail("expected the run to fail; it produced \(output.files.keys.sorted())", file: file, line: line)
            return []
        } catch {
            return error.diagnostics
        }
    }

    /// The diagnostics of loading alone, which must fail.
    static func loadFailures(
        _ files: [SchemaLoader.File],
        file: StaticString = #filePath,
        line: UInt = #line
    ) -> [Diagnostic] {
        do {
            _ = try SchemaLoader.load(files)
            XCTFail("expected loading to fail", file: file, line: line)
            return []
        } catch {
            return error.diagnostics
        }
    }

    /// A run that must succeed; records a failure (listing the diagnostics) when it does not.
    static func generate(
        _ files: [SchemaLoader.File],
        mode: GenerationMode = .library,
        file: StaticString = #filePath,
        line: UInt = #line
    ) throws -> GeneratedOutput {
        do {
            return try GeneratorPipeline.run(files, mode: mode)
        } catch {
            XCTFail("generation failed:\n\(error.description)", file: file, line: line)
            throw error
        }
    }

    /// 1-based line and column (in UTF-8 bytes, like the parser) of the first occurrence of `needle`.
    static func position(of needle: String, in text: String, file: StaticString = #filePath, line: UInt = #line)
        -> (line: Int, column: Int)
    {
        guard let range = text.range(of: needle) else {
            XCTFail("\"\(needle)\" does not occur in the schema text", file: file, line: line)
            return (0, 0)
        }
        let before = text[..<range.lowerBound]
        let lineNumber = before.reduce(into: 1) { count, character in if character == "\n" { count += 1 } }
        let lineStart = before.lastIndex(of: "\n").map { before.index(after: $0) } ?? before.startIndex
        return (lineNumber, text[lineStart..<range.lowerBound].utf8.count + 1)
    }

    /// Replaces exactly one occurrence of `old`, failing the test if it is not there exactly once.
    static func replacing(
        _ old: String, with new: String, in text: String, file: StaticString = #filePath, line: UInt = #line
    ) -> String {
        let count = text.components(separatedBy: old).count - 1
        XCTAssertEqual(count, 1, "\"\(old)\" must occur exactly once in the schema text", file: file, line: line)
        return text.replacingOccurrences(of: old, with: new)
    }

    /// A readable unified diff of two texts (via `/usr/bin/diff -u` on temporary files, or a
    /// plain line listing when `diff` is unavailable).
    static func unifiedDiff(expected: String, actual: String, label: String) -> String {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("tarlan-diff-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let expectedURL = directory.appendingPathComponent("expected")
            let actualURL = directory.appendingPathComponent("actual")
            try Data(expected.utf8).write(to: expectedURL)
            try Data(actual.utf8).write(to: actualURL)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/diff")
            process.arguments = [
                "-u", "--label", "golden/\(label)", "--label", "generated/\(label)", expectedURL.path, actualURL.path,
            ]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let output = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: output, as: UTF8.self)
        } catch {
            return lineDiff(expected: expected, actual: actual)
        }
    }

    /// Fallback diff: the first differing line and its neighbours.
    private static func lineDiff(expected: String, actual: String) -> String {
        let old = expected.components(separatedBy: "\n")
        let new = actual.components(separatedBy: "\n")
        let first = zip(old, new).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(old.count, new.count)
        let range = max(0, first - 3)..<(first + 4)
        var lines = ["first difference at line \(first + 1):"]
        lines += range.filter { $0 < old.count }.map { "- " + old[$0] }
        lines += range.filter { $0 < new.count }.map { "+ " + new[$0] }
        return lines.joined(separator: "\n")
    }
}

/// A small schema that generates without errors or warnings; tests break one thing at a time.
///
/// Signatures use secret `12345`: sha256(base64(canonical) + secret), hex.
enum DemoSchema {
    static let path = "Schema/demo.json"

    static let text = #"""
        {
          "$schema": "./tarlan-api.schema.json",
          "sections": {
            "demo": {
              "title": "Demo gateway",
              "swiftPrefix": "Demo",
              "servers": { "production": "https://api.example.com" },
              "signing": {
                "headerName": "X-Signature",
                "valuePrefix": "",
                "excludedTopLevelFields": ["additional_data"],
                "excludesEmptyStrings": true,
                "canonicalForm": "go"
              },
              "errorFormats": ["old", "newUnexpected"]
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
              "errorFormats": ["old"],
              "reconcile": { "note": "Ping again: nothing moves." },
              "examples": {
                "request": {
                  "kind": "request",
                  "provenance": "computed",
                  "body": { "agent": "tarlan", "amount": 100 },
                  "secret": "12345",
                  "canonical": "{\"agent\":\"tarlan\",\"amount\":100}",
                  "signature": "4fdd408806cdf813458c17ee173659efeb3c327c840485e672e94c2aa488e6f1"
                },
                "success": {
                  "kind": "response",
                  "provenance": "doc",
                  "httpStatus": 200,
                  "body": {
                    "status": true,
                    "message": "ok",
                    "result": { "state": "1", "balance": 10.5 }
                  },
                  "expect": { "outcome": "success" }
                }
              }
            }
          },
          "models": {
            "PingRequest": {
              "fields": {
                "agent": { "type": "string", "required": true },
                "amount": { "type": "integer", "required": true },
                "comment": { "type": "string" }
              }
            },
            "PingResult": {
              "fields": {
                "state": { "ref": "PingState", "required": true },
                "balance": { "type": "number" }
              }
            }
          },
          "enums": {
            "PingState": {
              "rawType": "string",
              "cases": {
                "ok": { "value": "1" },
                "failed": { "value": "2" }
              }
            }
          },
          "signatureVectors": {
            "demoVector": {
              "section": "demo",
              "provenance": "computed",
              "input": { "agent": "daw", "comment": "", "additional_data": { "x": 1 } },
              "secret": "12345", "canonical": "{\"agent\":\"daw\"}",
              "signature": "09c92baa03ca5ce1588360dcd44d67d22109f3c8efa8fecd43803a26ac9582ee"
            }
          }
        }
        """#

    static var file: SchemaLoader.File { GeneratorTestSupport.file(path, text) }

    /// The schema with exactly one occurrence of `old` replaced.
    static func file(
        replacing old: String, with new: String, file: StaticString = #filePath, line: UInt = #line
    ) -> (SchemaLoader.File, String) {
        let edited = GeneratorTestSupport.replacing(old, with: new, in: text, file: file, line: line)
        return (GeneratorTestSupport.file(path, edited), edited)
    }
}
